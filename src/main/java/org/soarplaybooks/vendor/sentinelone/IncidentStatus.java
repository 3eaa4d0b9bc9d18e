package org.soarplaybooks.vendor.sentinelone;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * SentinelOne threat incident status, {@code data.incidentStatus} of {@code POST /web/api/v2.1/threats/incident}
 * (api-docs/sentinelone-update-threat-incident.md) and {@code threatInfo.incidentStatus} of a threat. The wire values
 * ({@code unresolved | in_progress | resolved}) are not on the api-docs page; they come from design/vendor-facts.md
 * ("SentinelOne Management API v2.1", Values: Rapid7 plugin spec, Celerium and Swimlane docs).
 */
public enum IncidentStatus {
    UNRESOLVED("unresolved"),
    IN_PROGRESS("in_progress"),
    RESOLVED("resolved");

    private final String wire;

    IncidentStatus(String wire) {
        this.wire = wire;
    }

    /** The value as SentinelOne spells it, e.g. {@code in_progress}. */
    @JsonValue
    public String wireName() {
        return wire;
    }

    /**
     * @param value the wire spelling, exactly (e.g. {@code resolved})
     * @throws IllegalArgumentException for null or any other value, listing the allowed ones
     */
    @JsonCreator
    public static IncidentStatus fromWire(String value) {
        for (IncidentStatus s : values()) {
            if (s.wire.equals(value)) {
                return s;
            }
        }
        throw new IllegalArgumentException("'" + value + "' is not a SentinelOne incidentStatus (allowed: "
                + Arrays.stream(values()).map(IncidentStatus::wireName).collect(Collectors.joining(", ")) + ")");
    }
}
