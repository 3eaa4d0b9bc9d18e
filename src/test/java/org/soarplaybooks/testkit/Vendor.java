package org.soarplaybooks.testkit;

/**
 * The vendors a playbook calls. In a kit test each one is its own WireMock (the vendor simulator), so "what
 * ContraForce received" is exactly what reached the URL in {@code contraforce.base-url}.
 */
public enum Vendor {
    CONTRAFORCE("ContraForce", "contraforce.base-url"),
    SENTINELONE("SentinelOne", "sentinelone.base-url"),
    ONETRUST("OneTrust", "onetrust.base-url"),
    ADVERSARIAL("Adversarial", "adversarial.base-url");

    private final String displayName;
    private final String baseUrlProperty;

    Vendor(String displayName, String baseUrlProperty) {
        this.displayName = displayName;
        this.baseUrlProperty = baseUrlProperty;
    }

    /** The vendor's name as audit records and failure messages spell it, e.g. {@code ContraForce}. */
    public String displayName() {
        return displayName;
    }

    /** The property of {@code config/application.properties} holding the vendor's base URL. */
    public String baseUrlProperty() {
        return baseUrlProperty;
    }

    @Override
    public String toString() {
        return displayName;
    }
}
