package org.soarplaybooks.vendor.sentinelone;

/**
 * One entry of {@code data.details} in the answer of {@code POST /web/api/v2.1/threats/incident}
 * (api-docs/sentinelone-update-threat-incident.md, output {@code json_body.data.details}). The page names the
 * fields but not the values of {@code result}; none of the published samples carries {@code details}, so the
 * action does not decide anything on it (see {@link SentinelOneActions#readUpdateThreatIncident}).
 *
 * @param result         the vendor's result text for the threat
 * @param analystVerdict the threat's verdict after the call, as the vendor spells it
 * @param threatId       the threat id
 */
public record ThreatUpdateDetail(String result, String analystVerdict, String threatId) {
}
