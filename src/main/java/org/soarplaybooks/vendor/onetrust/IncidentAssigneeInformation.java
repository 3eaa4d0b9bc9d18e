package org.soarplaybooks.vendor.onetrust;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One assignee as the incident answers carry it (schema {@code IncidentAssigneeInformation} of OneTrust's Incident
 * Management OpenAPI document).
 *
 * @param assigneeId   uuid of the user or group
 * @param assigneeName display name
 * @param type         {@code USER} or {@code GROUP}, as received
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record IncidentAssigneeInformation(String assigneeId, String assigneeName, String type) {
}
