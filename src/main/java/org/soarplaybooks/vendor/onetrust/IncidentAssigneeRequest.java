package org.soarplaybooks.vendor.onetrust;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One assignee of a OneTrust incident in an update (schema {@code IncidentAssigneeRequest},
 * api-specs/onetrust-incident-management-update-incident.fragment.json). Null members are left out of the JSON.
 *
 * @param assigneeId    uuid of the user or group (required)
 * @param assigneeEmail the user's e-mail; only valid when {@code type} is {@code USER}
 * @param type          {@code USER} (default) or {@code GROUP}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record IncidentAssigneeRequest(String assigneeId, String assigneeEmail, AssigneeType type) {
}
