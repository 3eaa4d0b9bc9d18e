package org.soarplaybooks.vendor.contraforce;

import java.util.List;

/**
 * Body of {@code POST /api/v2/incidents/across-workspaces/bulk-update} (schema
 * {@code BulkUpdateIncidentsRequest}): {@code {"items": [UpdateIncidentRequest, ...]}}.
 */
public record BulkUpdateIncidentsRequest(List<UpdateIncidentRequest> items) {
}
