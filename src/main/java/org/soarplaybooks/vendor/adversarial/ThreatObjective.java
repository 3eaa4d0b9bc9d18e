package org.soarplaybooks.vendor.adversarial;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The threat objective type, spelled as on the wire (api-docs/adversarial-bulk-update-incidents.md,
 * {@code threat_objectives[].threat_objective}).
 */
public enum ThreatObjective {
    @JsonProperty("Sabotage") SABOTAGE,
    @JsonProperty("Data Disclosure") DATA_DISCLOSURE,
    @JsonProperty("Extortion") EXTORTION,
    @JsonProperty("Customer Targeting") CUSTOMER_TARGETING,
    @JsonProperty("Resource Hijacking") RESOURCE_HIJACKING,
    @JsonProperty("Fraud") FRAUD
}
