package org.soarplaybooks.simulator;

import java.util.List;

/**
 * The SentinelOne threat ids the simulator knows: the {@code id}s of the bundled real samples
 * ({@code samples/sentinelone/threats-list-v2_1-demisto.json}, {@code threats-list-v2_0-flat-rapid7.json},
 * {@code threats-list-same-status-rapid7.json}, {@code threat-v2_1-schema-example-rapid7.json}).
 * {@code POST /web/api/v2.1/threats/incident} counts only these as {@code affected}.
 */
public final class SentinelOneKnownThreats {

    /** The known threat ids. */
    public static final List<String> IDS = List.of("123456", "11111111111111", "same_status_threat_id_1",
            "valid_threat_id_1");

    private SentinelOneKnownThreats() {
    }

    /** True for an id of {@link #IDS}. */
    public static boolean isKnown(String threatId) {
        return threatId != null && IDS.contains(threatId);
    }
}
