package org.soarplaybooks.vendor.onetrust;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * A OneTrust incident as the API answers it: the 200 body of {@code PUT /api/incident/v1/incidents/{incidentId}}
 * (schema {@code IncidentInformation}) and of {@code GET} on the same path (schema {@code IncidentDetails}, the same
 * members without {@code jurisdictions}); field list from OneTrust's Incident Management OpenAPI document (see
 * api-specs/PROVENANCE.md and vendor-facts.md §1). Enumerated members are kept as received text, so a value the
 * documents do not list (e.g. {@code sourceType} {@code NONE}) cannot make a successful answer unreadable; times
 * are ISO-8601 UTC strings as received. Unknown members are ignored.
 *
 * @param id                          incident uuid
 * @param number                      incident number
 * @param incidentTypeId              uuid of the incident type
 * @param incidentTypeName            e.g. {@code Misdirected Email}
 * @param name                        incident name
 * @param description                 description
 * @param sourceType                  {@code MANUAL|ASSESSMENT|WEBFORM|NONE|INTEGRATION}
 * @param assessmentLinks             linked assessments
 * @param orgGroupId                  organization uuid
 * @param orgGroupName                organization name
 * @param rootCause                   root cause summary
 * @param dateOccurred                when it occurred
 * @param dateClosed                  when it was closed
 * @param dateDiscovered              when it was discovered
 * @param deadline                    investigation or notification deadline
 * @param createdBy                   creator's user uuid
 * @param creator                     creator's name
 * @param assigneeId                  assignee uuid (single-assignee view)
 * @param assigneeName                assignee name
 * @param createdDT                   creation time
 * @param workflowId                  workflow uuid
 * @param workflowName                workflow name
 * @param incidentStageId             current stage uuid
 * @param incidentStageName           current stage, e.g. {@code Investigating}
 * @param incidentStageBadgeColor     stage badge colour
 * @param notificationNeeded          {@code YES|NO|UNKNOWN}
 * @param incidentStatus              {@code OPEN|CLOSED}
 * @param schemaId                    custom attribute schema uuid
 * @param updatedDT                   last update time
 * @param attributeValues             custom attribute name → values
 * @param incidentAssigneeInformation users and groups assigned
 * @param attachments                 attachments, kept as raw JSON (the schema names their members with spaces,
 *                                    e.g. {@code "Incident Attachment Name"})
 * @param jurisdictions               impacted jurisdictions with guidance (PUT answer only, per the document)
 * @param closedSettingOn             closed setting flag
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record IncidentInformation(
        String id,
        Long number,
        String incidentTypeId,
        String incidentTypeName,
        String name,
        String description,
        String sourceType,
        List<AssessmentInformation> assessmentLinks,
        String orgGroupId,
        String orgGroupName,
        String rootCause,
        String dateOccurred,
        String dateClosed,
        String dateDiscovered,
        String deadline,
        String createdBy,
        String creator,
        String assigneeId,
        String assigneeName,
        String createdDT,
        String workflowId,
        String workflowName,
        String incidentStageId,
        String incidentStageName,
        String incidentStageBadgeColor,
        String notificationNeeded,
        String incidentStatus,
        String schemaId,
        String updatedDT,
        Map<String, List<NamedAttributeValueInformation>> attributeValues,
        List<IncidentAssigneeInformation> incidentAssigneeInformation,
        List<JsonNode> attachments,
        List<IncidentJurisdictionGuidanceInformation> jurisdictions,
        Boolean closedSettingOn) {
}
