package org.soarplaybooks.vendor.onetrust;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An assessment linked to an incident ({@code IncidentInformation.assessmentLinks[]}, schema
 * {@code AssessmentInformation} of OneTrust's Incident Management OpenAPI document).
 *
 * @param assessmentId     uuid
 * @param assessmentName   e.g. {@code Incident Assessment}
 * @param assessmentStatus {@code NOT_STARTED|IN_PROGRESS|UNDER_REVIEW|COMPLETED}, as received
 * @param primary          whether it is the primary assessment
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record AssessmentInformation(String assessmentId, String assessmentName, String assessmentStatus,
                                    Boolean primary) {
}
