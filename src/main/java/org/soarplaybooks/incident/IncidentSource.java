package org.soarplaybooks.incident;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The source systems whose incidents the playbooks receive.
 *
 * <p>{@link #wireName()} is the ContraForce {@code IncidentSource} spelling (PascalCase), used as the
 * {@code {source}} path segment of the status update and as {@code incidentSource} in bulk items
 * (api-docs/contraforce-update-incident-status.md, schema {@code IncidentSource}).
 */
public enum IncidentSource {
    SENTINEL("Sentinel"),
    DEFENDER_XDR("DefenderXDR"),
    QRADAR("QRadar"),
    SPLUNK("Splunk"),
    CROWDSTRIKE("CrowdStrike"),
    SENTINELONE("SentinelOne");

    private final String wireName;

    IncidentSource(String wireName) {
        this.wireName = wireName;
    }

    /** The ContraForce spelling, e.g. {@code "SentinelOne"}; this is also the JSON form. */
    @JsonValue
    public String wireName() {
        return wireName;
    }

    /**
     * Parses the ContraForce spelling, case-insensitively (the ContraForce webhook sends lower case, e.g.
     * {@code "sentinelone"}).
     *
     * @throws IllegalArgumentException naming the value and the allowed ones when it is unknown
     */
    @JsonCreator
    public static IncidentSource fromWireName(String value) {
        for (IncidentSource s : values()) {
            if (s.wireName.equalsIgnoreCase(value)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown incident source '" + value
                + "' (allowed: Sentinel, DefenderXDR, QRadar, Splunk, CrowdStrike, SentinelOne)");
    }
}
