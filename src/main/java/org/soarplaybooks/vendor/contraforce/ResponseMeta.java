package org.soarplaybooks.vendor.contraforce;

/** ContraForce v2 response {@code meta}: the vendor's {@code requestId} and a {@code timestamp} string. */
public record ResponseMeta(String requestId, String timestamp) {
}
