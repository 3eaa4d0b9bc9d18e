package org.soarplaybooks.playbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.soarplaybooks.playbook.ContraForceEvents.event;
import static org.soarplaybooks.playbook.ContraForceEvents.events;
import static org.soarplaybooks.testkit.PlaybookHarness.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.soarplaybooks.audit.AuditRecord;
import org.soarplaybooks.testkit.PlaybookHarness;

/**
 * The shipped {@code contraforce-closure-to-sentinelone} playbook: ContraForce incident events in
 * {@code inbox/contraforce-closures/}, SentinelOne threat updates out (real HTTP to the simulator).
 */
class ContraForceClosureToSentinelOneTest {

    static final String PLAYBOOK = "contraforce-closure-to-sentinelone";
    static final String INBOX = "contraforce-closures";
    static final String PATH = "/web/api/v2.1/threats/incident";

    @Test
    void closedSentinelOneIncidentsResolveTheirThreatsOneCallPerStatusAndVerdict(@TempDir Path data) {
        try (PlaybookHarness h = PlaybookHarness.start(data)) {
            h.awaitDone(h.drop(INBOX, "closures.json", events(
                    event("sentinelone", "123456", "Closed", "TruePositive", "Malware"),
                    event("sentinelone", "same_status_threat_id_1", "Closed", "BenignPositive", "SuspiciousButExpected"),
                    event("sentinelone", "11111111111111", "Closed", "TruePositive", "Malware"),
                    event("sentinelone", "valid_threat_id_1", "Closed", null, null))));

            List<LoggedRequest> calls = sentinelOneCalls(h, 3);
            assertThat(json(calls.get(0).getBodyAsString())).isEqualTo(json("""
                    {"data": {"incidentStatus": "resolved", "analystVerdict": "true_positive"},
                     "filter": {"ids": ["123456", "11111111111111"]}}"""));
            assertThat(json(calls.get(1).getBodyAsString())).as("BenignPositive: SentinelOne has no benign verdict")
                    .isEqualTo(json("""
                    {"data": {"incidentStatus": "resolved", "analystVerdict": "false_positive"},
                     "filter": {"ids": ["same_status_threat_id_1"]}}"""));
            assertThat(json(calls.get(2).getBodyAsString())).as("no classification: the verdict is left as it is")
                    .isEqualTo(json("""
                    {"data": {"incidentStatus": "resolved"}, "filter": {"ids": ["valid_threat_id_1"]}}"""));
            assertThat(h.audit()).extracting(AuditRecord::incidentKey).containsExactly("SentinelOne:123456",
                    "SentinelOne:11111111111111", "SentinelOne:same_status_threat_id_1", "SentinelOne:valid_threat_id_1");
            assertThat(h.audit()).allSatisfy(a -> {
                assertThat(a.playbook()).isEqualTo(PLAYBOOK);
                assertThat(a.vendor()).isEqualTo("SentinelOne");
                assertThat(a.operation()).isEqualTo("update-threat-incident");
                assertThat(a.result()).isEqualTo(AuditRecord.SENT);
                assertThat(a.httpStatus()).isEqualTo(200);
                assertThat(a.trigger()).startsWith("file:closures.json #");
            });
            assertThat(h.deadLetters()).isEmpty();
        }
    }

    @Test
    void otherEventsAreSkippedWithOneLogLineEachAndNoCall(@TempDir Path data) {
        try (PlaybookHarness h = PlaybookHarness.start(data);
             ContraForceEvents.LogCapture log = new ContraForceEvents.LogCapture("soar.playbook." + PLAYBOOK)) {
            h.awaitDone(h.drop(INBOX, "not-for-sentinelone.json", events(
                    event("sentinel", "73e01a99-5cd7-4139-a149-9f2736ff2ab5", "Closed", "FalsePositive",
                            "InaccurateData"),
                    event("sentinelone", "123456", "Active", null, null),
                    """
                    {"type": "incident.created.v1", "data": {"incidentId": "11111111111111",
                      "source": "sentinelone", "title": "example.txt"}}""")));

            assertThat(h.requests()).isEmpty();
            assertThat(h.audit()).isEmpty();
            assertThat(h.deadLetters()).isEmpty();
            assertThat(log.lines()).containsExactly(
                    "INFO skipped ContraForce incident Sentinel:73e01a99-5cd7-4139-a149-9f2736ff2ab5: its source is"
                            + " Sentinel, not SentinelOne",
                    "INFO skipped ContraForce incident SentinelOne:123456: it is Active, not Closed",
                    "INFO skipped ContraForce incident SentinelOne:11111111111111: it is New, not Closed");
        }
    }

    @Test
    void twoEventsAboutOneIncidentAreAppliedInTheOrderTheyArrived(@TempDir Path data) {
        try (PlaybookHarness h = PlaybookHarness.start(data);
             ContraForceEvents.LogCapture log = new ContraForceEvents.LogCapture("soar.playbook." + PLAYBOOK)) {
            h.awaitDone(h.drop(INBOX, "redelivered.json", events(
                    event("sentinelone", "123456", "Closed", "FalsePositive", "InaccurateData"),
                    event("sentinelone", "123456", "Closed", "TruePositive", "Malware"))));

            List<LoggedRequest> calls = sentinelOneCalls(h, 2);
            assertThat(json(calls.get(0).getBodyAsString())).isEqualTo(json("""
                    {"data": {"incidentStatus": "resolved", "analystVerdict": "false_positive"},
                     "filter": {"ids": ["123456"]}}"""));
            assertThat(json(calls.get(1).getBodyAsString())).isEqualTo(json("""
                    {"data": {"incidentStatus": "resolved", "analystVerdict": "true_positive"},
                     "filter": {"ids": ["123456"]}}"""));
            assertThat(h.audit()).hasSize(2).allSatisfy(a -> assertThat(a.result()).isEqualTo(AuditRecord.SENT));
            assertThat(log.lines()).isEmpty();
        }
    }

    @Test
    void callsCarryAtMostMaxIds(@TempDir Path data) {
        try (PlaybookHarness h = PlaybookHarness.start(data, Path.of("config"),
                Map.of("sentinelone.incident.max-ids", "1"))) {
            h.awaitDone(h.drop(INBOX, "two.json", events(
                    event("sentinelone", "123456", "Closed", "TruePositive", "Malware"),
                    event("sentinelone", "11111111111111", "Closed", "TruePositive", "Malware"))));

            // one incident per run: different incidents run side by side, in any order
            assertThat(sentinelOneCalls(h, 2)).extracting(r -> json(r.getBodyAsString()).path("filter").toString())
                    .containsExactlyInAnyOrder("{\"ids\":[\"123456\"]}", "{\"ids\":[\"11111111111111\"]}");
        }
    }

    @Test
    void aThreatSentinelOneDoesNotMatchBecomesADeadLetterNamingThePlaybook(@TempDir Path data) {
        try (PlaybookHarness h = PlaybookHarness.start(data)) {
            h.awaitDone(h.drop(INBOX, "unknown-threat.json",
                    event("sentinelone", "999999", "Closed", "TruePositive", "Malware")));

            sentinelOneCalls(h, 1);
            assertThat(h.deadLetters()).singleElement().satisfies(d -> {
                assertThat(d.playbook()).isEqualTo(PLAYBOOK);
                assertThat(d.incidentKey()).isEqualTo("SentinelOne:999999");
                assertThat(d.problem().code()).isEqualTo("NOT_MATCHED");
                assertThat(d.item().path("data").path("incidentId").asText()).as("the original event")
                        .isEqualTo("999999");
                assertThat(d.request().path("path").asText()).isEqualTo(PATH);
                assertThat(d.request().toString()).doesNotContain("demo-s1-token");
            });
            assertThat(h.audit()).singleElement().satisfies(a -> {
                assertThat(a.playbook()).isEqualTo(PLAYBOOK);
                assertThat(a.result()).isEqualTo(AuditRecord.DEAD_LETTERED);
            });
        }
    }

    @Test
    void aClassificationTheMappingFileDoesNotMapIsADeadLetterAndTheOthersGoOn(@TempDir Path data, @TempDir Path dir) {
        Path config = ContraForceEvents.configWith(dir.resolve("config"),
                "    PolicyViolation: true_positive", "");
        try (PlaybookHarness h = PlaybookHarness.start(data, config, Map.of())) {
            h.awaitDone(h.drop(INBOX, "policy.json", events(
                    event("sentinelone", "123456", "Closed", "TruePositive", "Malware"),
                    event("sentinelone", "11111111111111", "Closed", "PolicyViolation", "Other"))));

            assertThat(h.deadLetters()).singleElement().satisfies(d -> {
                assertThat(d.playbook()).isEqualTo(PLAYBOOK);
                assertThat(d.incidentKey()).isEqualTo("SentinelOne:11111111111111");
                assertThat(d.reason()).isEqualTo("INCIDENT_FAILED The playbook could not act on the incident: "
                        + config.resolve("mapping.yaml") + " has no contraforce-to-sentinelone.analystVerdict entry"
                        + " for 'PolicyViolation'");
            });
            assertThat(json(sentinelOneCalls(h, 1).get(0).getBodyAsString()).path("filter").toString())
                    .as("the mapped incident went on").isEqualTo("{\"ids\":[\"123456\"]}");
        }
    }

    /** The SentinelOne calls, checking method, path and auth header of each. */
    private static List<LoggedRequest> sentinelOneCalls(PlaybookHarness h, int expected) {
        List<LoggedRequest> calls = h.requests();
        assertThat(calls).hasSize(expected).allSatisfy(r -> {
            assertThat(r.getMethod().value()).isEqualTo("POST");
            assertThat(r.getUrl()).isEqualTo(PATH);
            assertThat(r.getHeader("Authorization")).isEqualTo("ApiToken demo-s1-token");
            assertThat(r.getHeader("Content-Type")).startsWith("application/json");
        });
        return calls;
    }

    private static String readString(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
