package org.soarplaybooks.vendor.contraforce;

/**
 * ContraForce incident classification, spelled exactly as the wire enum {@code Classification}
 * (api-docs/contraforce-update-incident-status.md). The wire enum also allows {@code null}, which is a
 * Java {@code null} here. "Required by Sentinel when closing an incident; ignored by sources that do not
 * surface classifications."
 */
public enum Classification {
    BenignPositive,
    FalsePositive,
    TruePositive,
    Undetermined,
    InformationalExpectedActivity,
    Unknown,
    NonIssue,
    PolicyViolation,
    QradarFalsePositive,
    Undefined,
    Suspicious
}
