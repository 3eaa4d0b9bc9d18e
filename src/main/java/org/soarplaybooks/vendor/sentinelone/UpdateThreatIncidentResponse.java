package org.soarplaybooks.vendor.sentinelone;

import java.util.List;

/**
 * The 200 answer of {@code POST /web/api/v2.1/threats/incident} (api-docs/sentinelone-update-threat-incident.md,
 * output {@code json_body}; sample {@code samples/sentinelone/threats-incident-update-response-affected-1.json}):
 * {@code {"errors": [], "data": {"affected": 1}}}.
 *
 * @param data   the result (required)
 * @param errors the vendor's error items; empty, absent, or (quirk) holding only empty objects on success
 */
public record UpdateThreatIncidentResponse(UpdateThreatIncidentResult data, List<SentinelOneError> errors) {
}
