package org.soarplaybooks.vendor.contraforce;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.soarplaybooks.incident.IncidentSource;

/**
 * One item of a bulk update (schema {@code UpdateIncidentRequest},
 * api-docs/contraforce-bulk-update-incidents-across-workspaces.md). Null members are left out of the JSON.
 *
 * @param id                   required; the incident id
 * @param status               new status, or null to leave it
 * @param user                 the assignee, or null
 * @param workspace            ContraForce workspace the incident belongs to (multi-workspace environments)
 * @param removeAssignee       {@code true} with a null user unassigns the incident
 * @param comment              optional comment
 * @param classification       optional classification
 * @param classificationReason optional classification reason
 * @param incidentSource       the source system holding the incident
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UpdateIncidentRequest(
        String id,
        Status status,
        UserSummary user,
        String workspace,
        Boolean removeAssignee,
        String comment,
        Classification classification,
        ClassificationReason classificationReason,
        IncidentSource incidentSource) {
}
