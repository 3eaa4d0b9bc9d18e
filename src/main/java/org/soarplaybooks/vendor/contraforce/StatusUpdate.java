package org.soarplaybooks.vendor.contraforce;

import org.soarplaybooks.incident.IncidentSource;

/**
 * Everything the {@code contraforce-update-incident-status-action} Kamelet needs for one call: the three
 * path parameters and the body.
 *
 * @param workspaceId ContraForce workspace id (uuid), path parameter {@code workspaceId}
 * @param source      incident source, path parameter {@code source} (PascalCase wire spelling)
 * @param incidentId  the source system's incident id, path parameter {@code incidentId}
 * @param request     the JSON body
 */
public record StatusUpdate(String workspaceId, IncidentSource source, String incidentId,
                           UpdateIncidentStatusRequest request) {
}
