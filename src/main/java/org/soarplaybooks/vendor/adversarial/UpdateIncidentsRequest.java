package org.soarplaybooks.vendor.adversarial;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * Body of {@code PATCH /api/v1/incidents}, "Update many incident's editable fields, given a list of incident IDs"
 * (api-docs/adversarial-bulk-update-incidents.md; operation {@code patch_many_incidents}). Member names are the
 * vendor's snake_case ones. Null members are left out of the JSON, so they stay as they are on the incidents (this
 * model cannot clear a field). Times are ISO-8601 UTC ({@code 2025-05-02T17:00:00Z}). Not modelled:
 * {@code tag_operation} (its enum values are not in the stored copy of the reference).
 * JSON example: {@code {"ids": ["INC-00001", "INC-00002"], "status": "In Progress", "severity": "SEV2"}}.
 *
 * @param ids                the incidents to update, e.g. {@code INC-00001}; at least one
 * @param assigned_to        uuid of the user to assign
 * @param contained_date     when the incident was contained
 * @param description        new description
 * @param detected_date      when it was detected
 * @param occurred_date      when it occurred
 * @param responded_date     when it was responded to
 * @param severity           {@code SEV1}..{@code SEV5}
 * @param severity_reasoning why that severity
 * @param source             the incident's source (the vendor refuses unknown sources)
 * @param status             {@code New|In Progress|Review|Closed}
 * @param tags               tags
 * @param threat_objectives  threat objectives
 * @param title              new title
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UpdateIncidentsRequest(
        List<String> ids,
        String assigned_to,
        Instant contained_date,
        String description,
        Instant detected_date,
        Instant occurred_date,
        Instant responded_date,
        Severity severity,
        String severity_reasoning,
        String source,
        IncidentStatus status,
        List<String> tags,
        List<ThreatObjectiveRelation> threat_objectives,
        String title) {

    /** True when no editable field is set (the vendor refuses an empty payload). */
    public boolean changesNothing() {
        return assigned_to == null && contained_date == null && description == null && detected_date == null
                && occurred_date == null && responded_date == null && severity == null && severity_reasoning == null
                && source == null && status == null && tags == null && threat_objectives == null && title == null;
    }
}
