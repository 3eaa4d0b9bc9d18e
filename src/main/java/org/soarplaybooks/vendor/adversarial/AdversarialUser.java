package org.soarplaybooks.vendor.adversarial;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * "A User as returned by the API" (api-docs/adversarial-bulk-update-incidents.md).
 *
 * @param email      e-mail
 * @param first_name first name
 * @param icon       relative path of the avatar endpoint, e.g. {@code users/{id}/avatar?v={hash}}; null without one
 * @param id         uuid
 * @param last_name  last name
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record AdversarialUser(String email, String first_name, String icon, String id, String last_name) {
}
