package org.soarplaybooks.vendor.contraforce;

/**
 * ContraForce classification reason, spelled exactly as the wire enum {@code ClassificationReason}
 * (api-docs/contraforce-update-incident-status.md). The wire enum also allows {@code null}, which is a Java
 * {@code null} here.
 */
public enum ClassificationReason {
    InaccurateData,
    IncorrectAlertLogic,
    SuspiciousActivity,
    SuspiciousButExpected,
    Unknown,
    Apt,
    Malware,
    SecurityPersonnel,
    SecurityTesting,
    UnwantedSoftware,
    Other,
    MultistagedAttack,
    CompromisedUser,
    Phishing,
    MaliciousUserActivity,
    NotMalicious,
    NoEnoughDataToValidate,
    ConfirmedUserActivity,
    LineOfBusinessApplication
}
