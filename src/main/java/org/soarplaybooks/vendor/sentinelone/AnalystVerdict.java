package org.soarplaybooks.vendor.sentinelone;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * SentinelOne analyst verdict, {@code data.analystVerdict} of {@code POST /web/api/v2.1/threats/incident}
 * (api-docs/sentinelone-update-threat-incident.md) and {@code threatInfo.analystVerdict} of a threat. The wire values
 * ({@code true_positive | false_positive | suspicious | undefined}) come from design/vendor-facts.md
 * ("SentinelOne Management API v2.1", Values).
 */
public enum AnalystVerdict {
    TRUE_POSITIVE("true_positive"),
    FALSE_POSITIVE("false_positive"),
    SUSPICIOUS("suspicious"),
    UNDEFINED("undefined");

    private final String wire;

    AnalystVerdict(String wire) {
        this.wire = wire;
    }

    /** The value as SentinelOne spells it, e.g. {@code true_positive}. */
    @JsonValue
    public String wireName() {
        return wire;
    }

    /**
     * @param value the wire spelling, exactly (e.g. {@code false_positive})
     * @throws IllegalArgumentException for null or any other value, listing the allowed ones
     */
    @JsonCreator
    public static AnalystVerdict fromWire(String value) {
        for (AnalystVerdict v : values()) {
            if (v.wire.equals(value)) {
                return v;
            }
        }
        throw new IllegalArgumentException("'" + value + "' is not a SentinelOne analystVerdict (allowed: "
                + Arrays.stream(values()).map(AnalystVerdict::wireName).collect(Collectors.joining(", ")) + ")");
    }
}
