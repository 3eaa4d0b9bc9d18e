package org.soarplaybooks.demo;

import java.util.List;

/**
 * Which bundled real samples the demo drops into which inbox folder, and which playbook reads that folder.
 * The samples live in {@code src/main/resources/samples/} with their provenance ({@code PROVENANCE.md}).
 *
 * @param inbox    the inbox folder name below {@code <data>/inbox/}
 * @param playbook the playbook (route id) that watches it
 * @param source   the normalizer that reads it: {@code sentinel} or {@code sentinelOne}
 * @param files    sample paths below {@code samples/}
 */
record DemoSamples(String inbox, String playbook, String source, List<String> files) {

    static final List<DemoSamples> ALL = List.of(
            new DemoSamples("sentinel", "sentinel-incident-sync", "sentinel", List.of(
                    "microsoft-sentinel/incident-1505-active-rapid7.json",
                    "microsoft-sentinel/incident-73e01a99-closed-falsepositive-azure-rest-api-specs.json",
                    "microsoft-sentinel/incidents-list-response-azure-rest-api-specs.json")),
            new DemoSamples("sentinelone", "sentinelone-threat-sync", "sentinelOne", List.of(
                    "sentinelone/threats-list-v2_1-demisto.json",
                    "sentinelone/threats-list-v2_0-flat-rapid7.json",
                    "sentinelone/threats-list-same-status-rapid7.json",
                    "sentinelone/threats-list-empty.json")));
}
