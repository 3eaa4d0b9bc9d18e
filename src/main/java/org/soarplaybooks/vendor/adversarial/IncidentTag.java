package org.soarplaybooks.vendor.adversarial;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A tag on an incident register row ({@code incidents[].tags[]}, api-docs/adversarial-bulk-update-incidents.md).
 *
 * @param content    the tag text
 * @param creator_id uuid of its creator
 * @param id         uuid
 * @param org_id     uuid of the organization, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record IncidentTag(String content, String creator_id, String id, String org_id) {
}
