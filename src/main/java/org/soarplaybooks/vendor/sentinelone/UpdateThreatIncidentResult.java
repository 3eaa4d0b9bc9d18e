package org.soarplaybooks.vendor.sentinelone;

import java.util.List;

/**
 * {@code data} of the 200 answer of {@code POST /web/api/v2.1/threats/incident}
 * (api-docs/sentinelone-update-threat-incident.md, output {@code json_body.data}): {@code {"affected": 1}}, optionally
 * with {@code details}.
 *
 * @param affected how many threats the filter matched and the vendor updated; {@code 0} means none matched
 * @param details  per-threat results when the vendor sends them, else null
 */
public record UpdateThreatIncidentResult(Integer affected, List<ThreatUpdateDetail> details) {
}
