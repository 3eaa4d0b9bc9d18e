package org.soarplaybooks.vendor.onetrust;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One impacted jurisdiction in an update (schema {@code IncidentJurisdictionCreateRequest},
 * api-specs/onetrust-incident-management-update-incident.fragment.json). Null members are left out of the JSON.
 *
 * @param jurisdictionId    uuid of the jurisdiction
 * @param countryCode       three-letter country code (required, default {@code USA})
 * @param stateProvinceCode state or province code, e.g. {@code CA}; required when {@code countryCode} is
 *                          {@code USA} or {@code CAN}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record IncidentJurisdictionCreateRequest(String jurisdictionId, String countryCode, String stateProvinceCode) {
}
