package org.soarplaybooks.vendor.onetrust;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One impacted jurisdiction with its notification guidance, as {@code IncidentInformation.jurisdictions} carries
 * it (schema {@code IncidentJurisdictionGuidanceInformation} of OneTrust's Incident Management OpenAPI document).
 * Enumerated members are kept as received text.
 *
 * @param jurisdictionId            uuid of the jurisdiction
 * @param regionName                e.g. {@code Americas}
 * @param countryName               e.g. {@code United States of America}
 * @param countryCode               e.g. {@code USA}
 * @param stateProvinceName         e.g. {@code California}
 * @param stateProvinceCode         e.g. {@code CA}
 * @param urgency                   {@code LOW|MEDIUM|HIGH|NONE}
 * @param notifyIndividual          {@code NOTIFICATION_REQUIRED|NOTIFICATION_NOT_REQUIRED|NEEDS_MORE_INFO}
 * @param notifyIndividualDeadline  ISO-8601 UTC
 * @param notifyAuthority           as {@code notifyIndividual}
 * @param notifyAuthorityDeadline   ISO-8601 UTC
 * @param numberOfGuidances         count
 * @param numberOfAcceptedGuidances count
 * @param numberOfAddressedGuidances count
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record IncidentJurisdictionGuidanceInformation(
        String jurisdictionId,
        String regionName,
        String countryName,
        String countryCode,
        String stateProvinceName,
        String stateProvinceCode,
        String urgency,
        String notifyIndividual,
        String notifyIndividualDeadline,
        String notifyAuthority,
        String notifyAuthorityDeadline,
        Integer numberOfGuidances,
        Integer numberOfAcceptedGuidances,
        Integer numberOfAddressedGuidances) {

    /** The jurisdiction as an update sends it back: id, country code, state or province code. */
    public IncidentJurisdictionCreateRequest toRequest() {
        return new IncidentJurisdictionCreateRequest(jurisdictionId, countryCode, stateProvinceCode);
    }
}
