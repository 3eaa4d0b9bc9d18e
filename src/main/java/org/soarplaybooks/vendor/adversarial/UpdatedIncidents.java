package org.soarplaybooks.vendor.adversarial;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The 200 answer of {@code PATCH /api/v1/incidents}, "Incidents updated": {@code {"incidents": [row...]}}
 * (api-docs/adversarial-bulk-update-incidents.md). An incident that was asked for but is not in the list was not
 * updated.
 *
 * @param incidents required; one register row per updated incident
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record UpdatedIncidents(List<IncidentRegisterRow> incidents) {
}
