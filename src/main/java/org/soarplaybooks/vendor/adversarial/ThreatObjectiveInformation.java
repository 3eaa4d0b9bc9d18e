package org.soarplaybooks.vendor.adversarial;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A threat objective as the answer carries it ({@code incidents[].threat_objectives[]},
 * api-docs/adversarial-bulk-update-incidents.md), as received text.
 *
 * @param threat_objective e.g. {@code Data Disclosure}
 * @param relevance        the relevance, or null
 * @param created_date     when the relation was mutated, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ThreatObjectiveInformation(String threat_objective, String relevance, String created_date) {
}
