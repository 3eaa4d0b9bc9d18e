package org.soarplaybooks.vendor.sentinelone;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * {@code data} of {@code POST /web/api/v2.1/threats/incident} (api-docs/sentinelone-update-threat-incident.md): what
 * to set on every threat the filter selects. JSON: {@code {"incidentStatus": "resolved", "analystVerdict":
 * "true_positive"}}; a null verdict is left out.
 *
 * @param incidentStatus required: incident status to set
 * @param analystVerdict optional: analyst verdict to set, or null to leave the verdict as it is
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ThreatIncidentData(IncidentStatus incidentStatus, AnalystVerdict analystVerdict) {
}
