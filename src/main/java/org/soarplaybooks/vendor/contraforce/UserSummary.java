package org.soarplaybooks.vendor.contraforce;

import com.fasterxml.jackson.annotation.JsonInclude;

/** ContraForce {@code UserSummary}: a light reference to a user (all members nullable strings). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UserSummary(String id, String displayName, String email) {
}
