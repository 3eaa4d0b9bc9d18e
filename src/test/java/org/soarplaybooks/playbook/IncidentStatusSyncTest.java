package org.soarplaybooks.playbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.soarplaybooks.testkit.PlaybookHarness.json;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.soarplaybooks.testkit.PlaybookHarness;

/** The shipped {@code incident-status-sync} playbook over every real sample of its four sources. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IncidentStatusSyncTest {

    PlaybookHarness harness;

    @BeforeAll
    void start(@TempDir Path data) {
        harness = PlaybookHarness.start(data);
    }

    @AfterAll
    void stop() {
        harness.close();
    }

    @BeforeEach
    void forgetRequests() {
        harness.simulator().resetRequests();
    }

    static final String WS_A = "3f2a4b1c-7d5e-4c8a-9b6f-1e2d3c4b5a61";
    static final String WS_B = "6eca6a1f-2b3c-4d5e-8f90-a1b2c3d4e5f6";

    @Test
    void defenderXdrLegacyIncident() {
        run("defenderxdr", "defender-xdr/incidents-list-924518-legacy-api-rapid7.json",
                put(WS_B, "DefenderXDR/924518",
                        "{\"status\":\"Active\",\"classification\":\"Unknown\",\"classificationReason\":\"Unknown\"}"));
    }

    @Test
    void defenderXdrGraphIncidents() {
        run("defenderxdr", "defender-xdr/graph-incidents-list-12345-12346-demisto.json",
                put(WS_B, "DefenderXDR/12345",
                        "{\"status\":\"Active\",\"classification\":\"Unknown\",\"classificationReason\":\"Unknown\"}"),
                put(WS_B, "DefenderXDR/12346",
                        "{\"status\":\"Closed\",\"classification\":\"Unknown\",\"classificationReason\":\"Unknown\"}"));
    }

    @Test
    void qradarOffenseInTheDefaultDomain() {
        run("qradar", "qradar/offense-16-open-demisto.json", put(WS_A, "QRadar/16", "{\"status\":\"Active\"}"));
    }

    @Test
    void crowdStrikeAlertsWithColonsInTheirIdsStayOnePathSegment() {
        run("crowdstrike", "crowdstrike/alerts-v2-entities-cloud-ioa-demisto.json",
                put(WS_B, "CrowdStrike/00000000000000000000000000000001%3Afcs%3Aioa-211%3A"
                        + "00000000-0000-0000-0000-000000000002", "{\"status\":\"New\"}"),
                put(WS_B, "CrowdStrike/00000000000000000000000000000001%3Afcs%3Aioa-211%3A"
                        + "11111111-2222-3333-4444-555555555555", "{\"status\":\"New\"}"));
    }

    @Test
    void splunkNotablesFromASearchResult() throws Exception {
        Path dropped = harness.drop("splunk", "notables.json",
                Files.readString(Path.of("src/test/resources/fixtures/splunk/notables-search-results.json")));
        harness.awaitDone(dropped);

        assertRequests(List.of(
                put(WS_A, "Splunk/4D3C2B1A-0E0F-4A1B-9C2D-3E4F5A6B7C8D%40%40notable%40%40"
                        + "0f1e2d3c4b5a69788796a5b4c3d2e1f0", "{\"status\":\"Active\",\"classification\":"
                        + "\"TruePositive\",\"classificationReason\":\"SuspiciousActivity\"}"),
                put(WS_A, "Splunk/9A8B7C6D-5E4F-4A3B-8C2D-1E0F9A8B7C6D%40%40notable%40%40"
                        + "a1b2c3d4e5f60718293a4b5c6d7e8f90", "{\"status\":\"Closed\",\"classification\":"
                        + "\"FalsePositive\",\"classificationReason\":\"IncorrectAlertLogic\"}")));
        assertThat(harness.audit()).allSatisfy(a -> assertThat(a.playbook()).isEqualTo("incident-status-sync"));
    }

    @Test
    void anUnknownShapeFailsTheFileNamingTheSourceAndTheMissingField() throws Exception {
        Path dropped = harness.drop("crowdstrike", "not-an-envelope.json", "{\"hello\": []}");

        harness.awaitFailed(dropped);

        assertThat(Files.readString(harness.errorReportOf(dropped))).contains("CrowdStrike").contains("resources")
                .contains("\"playbook\" : \"incident-status-sync\"");
        assertThat(harness.requests()).isEmpty();
    }

    record Put(String path, String body) {
    }

    static Put put(String workspace, String sourceAndId, String body) {
        return new Put("/api/v2/workspaces/" + workspace + "/incidents/" + sourceAndId + "/status", body);
    }

    private void run(String inbox, String sample, Put... expected) {
        harness.awaitDone(harness.dropSample(inbox, sample));
        assertRequests(List.of(expected));
        assertThat(harness.audit()).filteredOn(a -> a.trigger().startsWith("file:" + Path.of(sample).getFileName() + " #"))
                .hasSize(expected.length)
                .allSatisfy(a -> {
                    assertThat(a.playbook()).isEqualTo("incident-status-sync");
                    assertThat(a.result()).isEqualTo("sent");
                });
    }

    /** The incidents of a file run side by side: their calls are compared in path order. */
    private void assertRequests(List<Put> expectedInAnyOrder) {
        List<Put> expected = expectedInAnyOrder.stream().sorted(java.util.Comparator.comparing(Put::path)).toList();
        List<LoggedRequest> got = harness.requests().stream()
                .sorted(java.util.Comparator.comparing(LoggedRequest::getUrl)).toList();
        assertThat(got).hasSize(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            LoggedRequest r = got.get(i);
            assertThat(r.getMethod().value()).isEqualTo("PUT");
            assertThat(r.getUrl()).isEqualTo(expected.get(i).path());
            assertThat(r.getHeader("Authorization")).isEqualTo(SentinelIncidentSyncTest.BASIC_DEMO);
            assertThat(json(r.getBodyAsString())).isEqualTo(json(expected.get(i).body()));
        }
    }
}
