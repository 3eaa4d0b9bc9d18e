package org.soarplaybooks.vendor.adversarial;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One threat objective in a bulk update ({@code threat_objectives[]}, "a relational struct that has a threat
 * objective type and its relevancy to a risk"; api-docs/adversarial-bulk-update-incidents.md). Only the required
 * {@code threat_objective} is sent: the values of the nullable {@code relevance} enum are not in the stored copy of
 * the reference, and {@code created_date} is metadata the vendor sets.
 *
 * @param threat_objective required; the threat objective type
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ThreatObjectiveRelation(ThreatObjective threat_objective) {
}
