package org.soarplaybooks.vendor.adversarial;

/**
 * Adversarial incident severity, {@code SEV1} (highest) to {@code SEV5} (informational, false positives); an
 * unknown severity should start as {@code SEV4} (vendor-facts.md §1, guide "Incident Fields").
 */
public enum Severity {
    SEV1,
    SEV2,
    SEV3,
    SEV4,
    SEV5
}
