package org.soarplaybooks.vendor.contraforce;

/**
 * ContraForce incident status, spelled exactly as the wire enum {@code Status}
 * (api-docs/contraforce-update-incident-status.md).
 */
public enum Status {
    Active,
    New,
    Closed
}
