package org.soarplaybooks.vendor.sentinelone;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What one incident's SentinelOne threat is to become (kamelet {@code sentinelone-threat-incident-values-action}):
 * the threat id and the {@code data} of a {@code POST /web/api/v2.1/threats/incident} call
 * (api-docs/sentinelone-update-threat-incident.md). Threats with equal data share one call
 * ({@link SentinelOneRequests#threatIncidentBatches}).
 *
 * @param incidentKey {@code <source>:<id>} of the incident, for its audit record or dead letter
 * @param threatId    the SentinelOne threat id (text)
 * @param data        {@code incidentStatus} and, unless null, {@code analystVerdict}
 * @param item        the incident's source item ({@code raw}), kept for its dead letter; may be null
 */
public record ThreatIncidentValues(String incidentKey, String threatId, ThreatIncidentData data, JsonNode item) {
}
