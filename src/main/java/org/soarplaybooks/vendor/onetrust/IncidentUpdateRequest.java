package org.soarplaybooks.vendor.onetrust;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * Body of {@code PUT /api/incident/v1/incidents/{incidentId}} (schema {@code IncidentUpdateRequest},
 * api-docs/onetrust-update-incident.md and api-specs/onetrust-incident-management-update-incident.fragment.json).
 * The PUT replaces the whole incident: an attribute missing from {@code attributeValues} is emptied, so this body
 * is always built by {@link IncidentMerge} from the incident as read. Null members are left out of the JSON (the
 * vendor's default then applies). Times are ISO-8601 UTC date-time strings, sent as read.
 *
 * @param name                     required; the incident's name
 * @param description              brief description
 * @param incidentTypeName         required (default {@code Unknown}), e.g. {@code Misdirected Email}
 * @param orgGroupId               required; uuid of the organization
 * @param dateOccurred             when the incident occurred
 * @param dateDiscovered           when it was discovered
 * @param deadline                 when investigation or notification must be complete
 * @param sourceType               creation source (default {@code MANUAL})
 * @param rootCause                root cause summary
 * @param notificationNeeded       {@code YES|NO|UNKNOWN} (default {@code UNKNOWN})
 * @param attributeValues          custom attribute name → its values
 * @param incidentAssigneeRequests the assignees
 * @param jurisdictions            the impacted jurisdictions
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record IncidentUpdateRequest(
        String name,
        String description,
        String incidentTypeName,
        String orgGroupId,
        String dateOccurred,
        String dateDiscovered,
        String deadline,
        IncidentSourceType sourceType,
        String rootCause,
        NotificationNeededType notificationNeeded,
        Map<String, List<AttributeValueInformation>> attributeValues,
        List<IncidentAssigneeRequest> incidentAssigneeRequests,
        List<IncidentJurisdictionCreateRequest> jurisdictions) {
}
