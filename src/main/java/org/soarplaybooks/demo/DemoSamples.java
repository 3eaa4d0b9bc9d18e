package org.soarplaybooks.demo;

import java.util.List;
import java.util.function.BiFunction;
import org.soarplaybooks.incident.Incident;
import org.soarplaybooks.incident.IncidentSource;
import org.soarplaybooks.incident.Normalizers;
import org.soarplaybooks.mapping.StatusMapping;

/**
 * Which bundled files the demo drops into which inbox folder, for every shipped playbook. Real third-party samples
 * live in {@code src/main/resources/samples/} (provenance in {@code PROVENANCE.md}); the ContraForce events, of which
 * no real status-change example exists, are ours, in {@code src/main/resources/demo/} (see its {@code README.md}).
 *
 * @param playbook the playbook (route id or route group) that watches the inboxes
 * @param inboxes  its inbox folders and their files
 * @param skips    how many incidents of one input file the playbook skips by rule (nothing is sent for them), so
 *                 the demo can tell a skipped incident from a lost one
 */
record DemoSamples(String playbook, List<Inbox> inboxes, Skips skips) {

    /**
     * One inbox folder.
     *
     * @param folder     the folder name below {@code <data>/inbox/}
     * @param normalizer the {@link Normalizers} method that reads its files, as the playbook calls it
     * @param files      classpath paths of the files to drop ({@code samples/...} or {@code demo/...})
     */
    record Inbox(String folder, BiFunction<Normalizers, String, List<Incident>> normalizer, List<String> files) {
    }

    /** The number of incidents of one input file that a playbook skips by rule. */
    interface Skips {
        int count(StatusMapping mapping, List<Incident> incidents);
    }

    /** For playbooks that act on every incident. */
    static final Skips NONE = (mapping, incidents) -> 0;

    static final List<DemoSamples> ALL = List.of(
            new DemoSamples("sentinel-incident-sync", List.of(
                    new Inbox("sentinel", Normalizers::sentinel, List.of(
                            "samples/microsoft-sentinel/incident-1505-active-rapid7.json",
                            "samples/microsoft-sentinel/incident-73e01a99-closed-falsepositive-azure-rest-api-specs.json",
                            "samples/microsoft-sentinel/incidents-list-response-azure-rest-api-specs.json"))), NONE),
            new DemoSamples("sentinelone-threat-sync", List.of(
                    new Inbox("sentinelone", Normalizers::sentinelOne, List.of(
                            "samples/sentinelone/threats-list-v2_1-demisto.json",
                            "samples/sentinelone/threats-list-v2_0-flat-rapid7.json",
                            "samples/sentinelone/threats-list-same-status-rapid7.json",
                            "samples/sentinelone/threats-list-empty.json"))), NONE),
            new DemoSamples("incident-status-sync", List.of(
                    new Inbox("defenderxdr", Normalizers::defenderXdr, List.of(
                            "samples/defender-xdr/incidents-list-924518-legacy-api-rapid7.json",
                            "samples/defender-xdr/graph-incidents-list-12345-12346-demisto.json")),
                    new Inbox("qradar", Normalizers::qradar, List.of(
                            "samples/qradar/offense-16-open-demisto.json")),
                    new Inbox("crowdstrike", Normalizers::crowdStrike, List.of(
                            "samples/crowdstrike/alerts-v2-entities-cloud-ioa-demisto.json"))), NONE),
            new DemoSamples("contraforce-closure-to-sentinelone", List.of(
                    new Inbox("contraforce-closures", Normalizers::contraForce, List.of(
                            "demo/contraforce-closures/contraforce-closure-events.json"))),
                    // the playbook's YAML acts on Closed incidents of SentinelOne threats and skips the others
                    (mapping, incidents) -> (int) incidents.stream().filter(i -> i.source() != IncidentSource.SENTINELONE
                            || !"Closed".equals(i.status())).count()),
            new DemoSamples("confirmed-breach-to-privacy-register", List.of(
                    new Inbox("privacy-register", Normalizers::contraForce, List.of(
                            "demo/privacy-register/contraforce-breach-events.json"))),
                    // the playbook's YAML acts on incidents Closed as TruePositive with a data-exposure reason
                    (mapping, incidents) -> (int) incidents.stream().filter(i -> !("Closed".equals(i.status())
                            && "TruePositive".equals(i.classification())
                            && mapping.privacyRegister().dataExposure(i.classificationReason()).isPresent()))
                            .count()));
}
