package org.soarplaybooks.vendor.adversarial;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * "Register row for an Incident. An Incident plus the relational data shown on the incident register"
 * ({@code incidents[]} of the bulk update answer, api-docs/adversarial-bulk-update-incidents.md).
 *
 * @param comment_count     number of comments
 * @param incident          the incident
 * @param risk_associations associated risks, e.g. {@code RSK-00001}
 * @param tags              tags
 * @param threat_objectives threat objectives
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record IncidentRegisterRow(
        Long comment_count,
        AdversarialIncident incident,
        List<String> risk_associations,
        List<IncidentTag> tags,
        List<ThreatObjectiveInformation> threat_objectives) {
}
