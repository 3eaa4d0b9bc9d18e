package org.soarplaybooks.vendor.sentinelone;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Body of {@code POST /web/api/v2.1/threats/incident} (api-docs/sentinelone-update-threat-incident.md, input
 * {@code json_body}): {@code {"data": {"incidentStatus": …, "analystVerdict": …}, "filter": {"ids": [...], …}}}.
 * Both members are required by the vendor.
 *
 * @param data   what to set
 * @param filter which threats to set it on
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UpdateThreatIncidentRequest(ThreatIncidentData data, ThreatFilter filter) {
}
