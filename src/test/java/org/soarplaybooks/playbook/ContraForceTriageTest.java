package org.soarplaybooks.playbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.soarplaybooks.playbook.ContraForceEvents.event;
import static org.soarplaybooks.playbook.ContraForceEvents.events;
import static org.soarplaybooks.testkit.PlaybookHarness.json;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.soarplaybooks.audit.AuditRecord;
import org.soarplaybooks.testkit.PlaybookHarness;

/**
 * The shipped {@code contraforce-triage} playbook: ContraForce webhook events in {@code inbox/contraforce-triage/}
 * (where {@code POST /webhooks/contraforce} queues them), SentinelOne and ContraForce calls out (real HTTP to the
 * simulator). Which ContraForce workspace: the event's {@code data.workspaceId}, else {@code workspaces.sentinelone}
 * of the mapping file by {@code data.siteId}, else its {@code "*"} entry, else the file fails before any call.
 */
class ContraForceTriageTest {

    static final String PLAYBOOK = "contraforce-triage";
    static final String INBOX = "contraforce-triage";
    static final String S1_PATH = "/web/api/v2.1/threats/incident";
    static final String EVENT_WORKSPACE = "3f2a4b1c-7d5e-4c8a-9b6f-1e2d3c4b5a61";
    static final String SITE_WORKSPACE = "6eca6a1f-2b3c-4d5e-8f90-a1b2c3d4e5f6";

    /** An {@code incident.created.v1} event; {@code dataExtra} is added to {@code data} (e.g. a workspace). */
    static String created(String source, String incidentId, String dataExtra) {
        return """
                {"type": "incident.created.v1", "timestamp": "2026-04-22T15:00:00Z", "isTest": false,
                 "occurredAt": "2026-04-22T14:55:00Z",
                 "data": {"accountId": "5b0d7c3e-1f2a-4b6c-9d8e-7f6a5b4c3d2e", "accountName": "Example MSP SOC",
                  "incidentId": "%s", "incidentNumber": 1234, "title": "Suspicious process", "severity": "High",
                  "source": "%s", "sourceDisplayName": "SentinelOne"%s,
                  "createdAt": "2026-04-22T14:55:00Z", "lastActivityAt": "2026-04-22T14:55:00Z"}}
                """.formatted(incidentId, source, dataExtra.isEmpty() ? "" : ", " + dataExtra);
    }

    static List<LoggedRequest> calls(PlaybookHarness h) {
        return h.requests();
    }

    @Test
    void aNewSentinelOneIncidentSetsTheThreatInProgressAndTheIncidentActiveWithAComment(@TempDir Path data) {
        try (PlaybookHarness h = PlaybookHarness.start(data)) {
            h.awaitDone(h.drop(INBOX, "evt_1.json", created("sentinelone", "123456",
                    "\"workspaceId\": \"" + EVENT_WORKSPACE + "\"")));

            List<LoggedRequest> calls = calls(h);
            assertThat(calls).extracting(c -> c.getMethod().getName() + " " + c.getUrl()).containsExactly(
                    "POST " + S1_PATH,
                    "PUT /api/v2/workspaces/" + EVENT_WORKSPACE + "/incidents/SentinelOne/123456/status");
            assertThat(json(calls.get(0).getBodyAsString())).isEqualTo(json("""
                    {"data": {"incidentStatus": "in_progress"}, "filter": {"ids": ["123456"]}}"""));
            assertThat(json(calls.get(1).getBodyAsString())).isEqualTo(json("""
                    {"status": "Active", "comment": "Triaged by playbook contraforce-triage"}"""));
            assertThat(h.audit()).extracting(AuditRecord::playbook, AuditRecord::vendor, AuditRecord::operation,
                            AuditRecord::incidentKey, AuditRecord::result)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(PLAYBOOK, "SentinelOne", "update-threat-incident",
                                    "SentinelOne:123456", AuditRecord.SENT),
                            org.assertj.core.groups.Tuple.tuple(PLAYBOOK, "ContraForce", "update-incident-status",
                                    "SentinelOne:123456", AuditRecord.SENT));
        }
    }

    @Test
    void withoutAWorkspaceInTheEventTheSiteIdIsMappedThroughTheMappingFile(@TempDir Path data) {
        try (PlaybookHarness h = PlaybookHarness.start(data)) {
            h.awaitDone(h.drop(INBOX, "evt_2.json", created("sentinelone", "11111111111111",
                    "\"siteId\": \"123456\"")));

            assertThat(calls(h)).extracting(LoggedRequest::getUrl).containsExactly(S1_PATH,
                    "/api/v2/workspaces/" + SITE_WORKSPACE + "/incidents/SentinelOne/11111111111111/status");
        }
    }

    @Test
    void withNeitherTheStarEntryOfTheMappingFileApplies(@TempDir Path data, @TempDir Path dir) {
        Path config = ContraForceEvents.configWith(dir, "  sentinelone:\n    \"123456\":",
                "  sentinelone:\n    \"*\": " + SITE_WORKSPACE + "\n    \"123456\":");
        try (PlaybookHarness h = PlaybookHarness.start(data, config, java.util.Map.of())) {
            h.awaitDone(h.drop(INBOX, "evt_3.json", created("sentinelone", "123456", "")));

            assertThat(calls(h)).extracting(LoggedRequest::getUrl).containsExactly(S1_PATH,
                    "/api/v2/workspaces/" + SITE_WORKSPACE + "/incidents/SentinelOne/123456/status");
        }
    }

    @Test
    void anIncidentWithNoWorkspaceAtAllIsADeadLetterAndTheOthersGoOn(@TempDir Path data) {
        try (PlaybookHarness h = PlaybookHarness.start(data)) {
            h.awaitDone(h.drop(INBOX, "evt_4.json", events(
                    created("sentinelone", "11111111111111", "\"workspaceId\": \"" + EVENT_WORKSPACE + "\""),
                    created("sentinelone", "123456", ""))));

            assertThat(h.deadLetters()).singleElement().satisfies(d -> {
                assertThat(d.incidentKey()).isEqualTo("SentinelOne:123456");
                assertThat(d.operation()).isEqualTo("run-playbook");
                assertThat(d.reason()).isEqualTo("INCIDENT_FAILED The playbook could not act on the incident: "
                        + "config/mapping.yaml: workspaces.sentinelone has no \"*\" entry, which an incident without"
                        + " a source workspace needs: add one with the ContraForce workspace id");
                assertThat(d.incident().path("raw").path("type").asText()).as("the whole event, for replay")
                        .isEqualTo("incident.created.v1");
            });
            // the incident with a workspace was triaged in both tools; the other one, nowhere
            assertThat(calls(h)).extracting(LoggedRequest::getUrl).containsExactly(S1_PATH,
                    "/api/v2/workspaces/" + EVENT_WORKSPACE + "/incidents/SentinelOne/11111111111111/status");
            assertThat(json(calls(h).get(0).getBodyAsString()).path("filter").path("ids").toString())
                    .isEqualTo("[\"11111111111111\"]");
        }
    }

    @Test
    void otherEventsAreSkippedWithOneLogLineEachAndNoCall(@TempDir Path data) {
        try (PlaybookHarness h = PlaybookHarness.start(data);
             ContraForceEvents.LogCapture log = new ContraForceEvents.LogCapture("soar.playbook." + PLAYBOOK)) {
            h.awaitDone(h.drop(INBOX, "others.json", events(
                    created("sentinel", "73e01a99-5cd7-4139-a149-9f2736ff2ab5", ""),
                    event("sentinelone", "123456", "Active", null, null))));

            assertThat(h.requests()).isEmpty();
            assertThat(h.audit()).isEmpty();
            assertThat(log.lines()).containsExactly(
                    "INFO skipped ContraForce incident Sentinel:73e01a99-5cd7-4139-a149-9f2736ff2ab5: its source is"
                            + " Sentinel, not SentinelOne",
                    "INFO skipped ContraForce incident SentinelOne:123456: it is incident.updated.v1, not"
                            + " incident.created.v1");
        }
    }

    @Test
    void aThreatSentinelOneDoesNotKnowBecomesADeadLetterThatReplaysThroughTheTriageQueue(@TempDir Path data) {
        try (PlaybookHarness h = PlaybookHarness.start(data)) {
            h.awaitDone(h.drop(INBOX, "evt_5.json", created("sentinelone", "999999",
                    "\"workspaceId\": \"" + EVENT_WORKSPACE + "\"")));

            assertThat(h.deadLetters()).singleElement().satisfies(d -> {
                assertThat(d.playbook()).isEqualTo(PLAYBOOK);
                assertThat(d.incidentKey()).isEqualTo("SentinelOne:999999");
                assertThat(d.problem().code()).isEqualTo("NOT_MATCHED");
                assertThat(d.incident().path("id").asText()).as("the incident, for replay").isEqualTo("999999");
                assertThat(d.item().path("type").asText()).as("the whole event").isEqualTo("incident.created.v1");
            });
            // the ContraForce half went on
            assertThat(h.audit()).extracting(AuditRecord::vendor, AuditRecord::result).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("SentinelOne", AuditRecord.DEAD_LETTERED),
                    org.assertj.core.groups.Tuple.tuple("ContraForce", AuditRecord.SENT));
        }
    }
}
