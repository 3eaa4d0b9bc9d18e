package org.soarplaybooks.vendor.adversarial;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The status of an Adversarial incident, spelled as on the wire: {@code New}, {@code In Progress}, {@code Review},
 * {@code Closed} (api-docs/adversarial-bulk-update-incidents.md, "The status of an incident").
 */
public enum IncidentStatus {
    @JsonProperty("New") NEW,
    @JsonProperty("In Progress") IN_PROGRESS,
    @JsonProperty("Review") REVIEW,
    @JsonProperty("Closed") CLOSED
}
