package org.soarplaybooks.playbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.soarplaybooks.testkit.PlaybookHarness.json;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.soarplaybooks.audit.AuditRecord;
import org.soarplaybooks.testkit.PlaybookHarness;

/** The shipped {@code sentinelone-threat-sync} playbook: threat files in, ContraForce bulk updates out. */
class SentinelOneThreatSyncTest {

    static final String WS = "6eca6a1f-2b3c-4d5e-8f90-a1b2c3d4e5f6";

    @Test
    void aV21ThreatListBecomesOneBulkCallWithEveryThreat(@TempDir Path data) {
        try (PlaybookHarness h = PlaybookHarness.start(data)) {
            h.awaitDone(h.dropSample("sentinelone", "sentinelone/threats-list-v2_1-demisto.json"));

            LoggedRequest r = single(h);
            assertThat(json(r.getBodyAsString())).isEqualTo(json("""
                    {"items": [
                      {"id": "123456", "status": "Active", "workspace": "%s", "classification": "TruePositive",
                       "incidentSource": "SentinelOne"},
                      {"id": "123456", "status": "New", "workspace": "%s", "classification": "Suspicious",
                       "incidentSource": "SentinelOne"}]}
                    """.formatted(WS, WS)));
            assertThat(h.audit()).hasSize(2).allSatisfy(a -> {
                assertThat(a.result()).isEqualTo(AuditRecord.SENT);
                assertThat(a.playbook()).isEqualTo("sentinelone-threat-sync");
                assertThat(a.requestId()).isNotBlank();
            });
            assertThat(h.deadLetters()).isEmpty();
        }
    }

    @Test
    void aForbiddenItemBecomesItsOwnDeadLetterWithTheOriginalThreat(@TempDir Path data) {
        try (PlaybookHarness h = PlaybookHarness.start(data)) {
            h.awaitDone(h.dropSample("sentinelone", "sentinelone/threats-list-v2_0-flat-rapid7.json"));

            LoggedRequest r = single(h);
            assertThat(json(r.getBodyAsString())).isEqualTo(json("""
                    {"items": [{"id": "11111111111111", "status": "New",
                      "workspace": "9d8c7b6a-5f4e-4d3c-8b2a-19f0e8d7c6b5", "incidentSource": "SentinelOne"}]}
                    """));
            assertThat(h.deadLetters()).singleElement().satisfies(d -> {
                assertThat(d.playbook()).isEqualTo("sentinelone-threat-sync");
                assertThat(d.incidentKey()).isEqualTo("SentinelOne:11111111111111");
                assertThat(d.problem().code()).isEqualTo("FORBIDDEN");
                assertThat(d.reason()).contains("INSUFFICIENT_WORKSPACE_ROLE");
                assertThat(d.item().path("threatName").asText()).isEqualTo("example.txt");
                assertThat(d.request().path("path").asText())
                        .isEqualTo("/api/v2/incidents/across-workspaces/bulk-update");
                assertThat(d.request().toString()).doesNotContain("demo-secret").doesNotContain("Authorization");
                assertThat(d.attempts()).isEqualTo(1);
            });
            assertThat(h.audit()).singleElement().satisfies(a -> {
                assertThat(a.result()).isEqualTo(AuditRecord.DEAD_LETTERED);
                assertThat(a.deadLetterId()).isEqualTo(h.deadLetters().get(0).id());
            });
        }
    }

    @Test
    void callsCarryAtMostMaxItems(@TempDir Path data) {
        try (PlaybookHarness h = PlaybookHarness.start(data, Path.of("config"),
                Map.of("contraforce.bulk.max-items", "1"))) {
            h.awaitDone(h.dropSample("sentinelone", "sentinelone/threats-list-v2_1-demisto.json"));

            assertThat(h.requests()).hasSize(2)
                    .allSatisfy(r -> assertThat(json(r.getBodyAsString()).path("items").size()).isEqualTo(1));
            assertThat(h.audit()).hasSize(2).allMatch(a -> AuditRecord.SENT.equals(a.result()));
        }
    }

    @Test
    void aThreatWithoutSiteIsSentWithoutWorkspaceAndTheVendorForbidsIt(@TempDir Path data) {
        try (PlaybookHarness h = PlaybookHarness.start(data)) {
            h.awaitDone(h.dropSample("sentinelone", "sentinelone/threats-list-same-status-rapid7.json"));

            assertThat(json(single(h).getBodyAsString())).isEqualTo(json("""
                    {"items": [{"id": "same_status_threat_id_1", "status": "Active",
                      "classification": "FalsePositive", "incidentSource": "SentinelOne"}]}
                    """));
            assertThat(h.deadLetters()).singleElement()
                    .satisfies(d -> assertThat(d.reason()).contains("no role in workspace (none)"));
        }
    }

    @Test
    void aSiteThatIsNotMappedIsADeadLetterNamingTheSite(@TempDir Path data) {
        try (PlaybookHarness h = PlaybookHarness.start(data)) {
            h.awaitDone(h.dropSample("sentinelone", "sentinelone/threat-v2_1-schema-example-rapid7.json"));

            assertThat(h.deadLetters()).singleElement().satisfies(d -> {
                assertThat(d.operation()).isEqualTo("run-playbook");
                assertThat(d.reason()).contains("no ContraForce workspace is mapped for SentinelOne workspace 'string'");
            });
            assertThat(h.requests()).isEmpty();
        }
    }

    @Test
    void anEmptyPageMakesNoCall(@TempDir Path data) {
        try (PlaybookHarness h = PlaybookHarness.start(data)) {
            h.awaitDone(h.dropSample("sentinelone", "sentinelone/threats-list-empty.json"));

            assertThat(h.requests()).isEmpty();
            assertThat(h.audit()).isEmpty();
        }
    }

    private static LoggedRequest single(PlaybookHarness h) {
        assertThat(h.requests()).hasSize(1);
        LoggedRequest r = h.requests().get(0);
        assertThat(r.getMethod().value()).isEqualTo("POST");
        assertThat(r.getUrl()).isEqualTo("/api/v2/incidents/across-workspaces/bulk-update");
        assertThat(r.getHeader("Authorization")).isEqualTo(SentinelIncidentSyncTest.BASIC_DEMO);
        return r;
    }

}
