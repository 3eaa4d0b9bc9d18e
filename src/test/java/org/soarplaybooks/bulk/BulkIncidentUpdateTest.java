package org.soarplaybooks.bulk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;
import static org.soarplaybooks.testkit.PlaybookHarness.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.soarplaybooks.audit.AuditRecord;
import org.soarplaybooks.deadletter.DeadLetter;
import org.soarplaybooks.deadletter.DeadLetterStore;
import org.soarplaybooks.testkit.PlaybookHarness;

/**
 * The shipped {@code bulk-incident-update} playbook against the vendor simulator: real CSV, NDJSON and JSON files
 * with good and bad rows, what ContraForce received, the dead letters and {@code <file>.result.json}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BulkIncidentUpdateTest {

    static final String PLAYBOOK = "bulk-incident-update";
    static final String BULK_PATH = "/api/v2/incidents/across-workspaces/bulk-update";
    static final String BASIC_DEMO = "Basic ZGVtby1jbGllbnQ6ZGVtby1zZWNyZXQ="; // base64("demo-client:demo-secret")
    /** Workspaces the simulator grants (KnownWorkspaces) and one it does not. */
    static final String WS = "6eca6a1f-2b3c-4d5e-8f90-a1b2c3d4e5f6";
    static final String WS2 = "3f2a4b1c-7d5e-4c8a-9b6f-1e2d3c4b5a61";
    static final String NOT_GRANTED = "9d8c7b6a-5f4e-4d3c-8b2a-19f0e8d7c6b5";

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

    @Test
    void csvGoodRowsAreSentInOneCallAndEachBadRowIsItsOwnDeadLetter() throws IOException {
        String csv = "\uFEFFID,Workspace,Source,Status,Classification,ClassificationReason,Comment\r\n"
                + "INC-1," + WS + ",sentinel,Closed,TruePositive,Malware,\"contained, reimaged\"\r\n"
                + "INC-2," + WS + ",SentinelOne,Open,,,\r\n"
                + "," + WS + ",Sentinel,Closed,,,\r\n"
                + "INC-4,not-a-uuid,Sentinel,Active,,,\r\n"
                + "INC-5," + NOT_GRANTED + ",qradar,Active,,,\r\n"
                + "INC-6," + WS2 + ",DefenderXDR,New,,,\"first line\nsecond line\"\r\n"
                + "\r\n"
                + "INC-7," + WS2 + ",,Closed,FalsePositive,InaccurateData,\r\n";
        Path dropped = harness.drop("bulk", "updates.csv", csv);

        Path done = harness.awaitDone(dropped);

        LoggedRequest call = single();
        assertThat(json(call.getBodyAsString())).isEqualTo(json("""
                {"items": [
                  {"id": "INC-1", "status": "Closed", "workspace": "%1$s", "comment": "contained, reimaged",
                   "classification": "TruePositive", "classificationReason": "Malware", "incidentSource": "Sentinel"},
                  {"id": "INC-5", "status": "Active", "workspace": "%3$s", "incidentSource": "QRadar"},
                  {"id": "INC-6", "status": "New", "workspace": "%2$s", "comment": "first line\\nsecond line",
                   "incidentSource": "DefenderXDR"},
                  {"id": "INC-7", "status": "Closed", "workspace": "%2$s", "classification": "FalsePositive",
                   "classificationReason": "InaccurateData"}]}
                """.formatted(WS, WS2, NOT_GRANTED)));

        Map<String, DeadLetter> letters = deadLettersOf("updates.csv");
        assertThat(letters).containsOnlyKeys("SentinelOne:INC-2", "bulk:updates.csv:4", "Sentinel:INC-4",
                "QRadar:INC-5");
        assertThat(letters.get("SentinelOne:INC-2").reason())
                .endsWith("line 3: status \"Open\" is not one of [Active, New, Closed]");
        assertThat(letters.get("bulk:updates.csv:4").reason()).endsWith("line 4: id is required but missing");
        assertThat(letters.get("Sentinel:INC-4").reason())
                .endsWith("line 5: workspace \"not-a-uuid\" is not a UUID (a ContraForce workspace id)");
        DeadLetter invalid = letters.get("SentinelOne:INC-2");
        assertThat(invalid.problem().code()).isEqualTo("INVALID_ROW");
        assertThat(invalid.inbox()).isEqualTo("inbox/bulk");
        assertThat(invalid.trigger()).isEqualTo("file:updates.csv");
        assertThat(invalid.operation()).isEqualTo("bulk-update-incidents");
        assertThat(invalid.request()).isNull(); // never sent
        assertThat(invalid.item()).isEqualTo(json("""
                {"ID": "INC-2", "Workspace": "%s", "Source": "SentinelOne", "Status": "Open", "Classification": "",
                 "ClassificationReason": "", "Comment": ""}""".formatted(WS)));
        DeadLetter forbidden = letters.get("QRadar:INC-5");
        assertThat(forbidden.problem().code()).isEqualTo("FORBIDDEN");
        assertThat(forbidden.reason()).contains("INSUFFICIENT_WORKSPACE_ROLE");
        assertThat(forbidden.item().path("ID").asText()).isEqualTo("INC-5");

        assertThat(result(done)).isEqualTo(json("""
                {"counts": {"rows": 7, "sent": 3, "forbidden": 1, "failed": 0, "invalid": 3},
                 "outcomes": [
                  {"line": 2, "id": "INC-1", "incidentKey": "Sentinel:INC-1", "result": "sent"},
                  {"line": 3, "id": "INC-2", "incidentKey": "SentinelOne:INC-2", "result": "invalid",
                   "reason": "line 3: status \\"Open\\" is not one of [Active, New, Closed]", "deadLetterId": "%s"},
                  {"line": 4, "incidentKey": "bulk:updates.csv:4", "result": "invalid",
                   "reason": "line 4: id is required but missing", "deadLetterId": "%s"},
                  {"line": 5, "id": "INC-4", "incidentKey": "Sentinel:INC-4", "result": "invalid",
                   "reason": "line 5: workspace \\"not-a-uuid\\" is not a UUID (a ContraForce workspace id)",
                   "deadLetterId": "%s"},
                  {"line": 6, "id": "INC-5", "incidentKey": "QRadar:INC-5", "result": "forbidden",
                   "reason": "INSUFFICIENT_WORKSPACE_ROLE: caller has no role in workspace %s", "deadLetterId": "%s"},
                  {"line": 7, "id": "INC-6", "incidentKey": "DefenderXDR:INC-6", "result": "sent"},
                  {"line": 10, "id": "INC-7", "incidentKey": "ContraForce:INC-7", "result": "sent"}]}
                """.formatted(id("SentinelOne:INC-2"), id("bulk:updates.csv:4"), id("Sentinel:INC-4"), NOT_GRANTED,
                forbidden.id())));
        // a forbidden row's dead letter names its update (its item of the call): the same update, the same id
        assertThat(forbidden.id()).isNotEqualTo(id("QRadar:INC-5"));
        await().atMost(Duration.ofSeconds(5)).until(() -> {
            try (Stream<Path> files = Files.list(done.getParent())) {
                return files.noneMatch(f -> f.getFileName().toString().startsWith(".bulk-outcomes-"));
            }
        }); // the run's temporary outcome logs are gone
        JsonNode header = readJson(resultOf(done));
        assertThat(header.path("file").asText()).isEqualTo("updates.csv");
        assertThat(header.path("playbook").asText()).isEqualTo(PLAYBOOK);
        assertThat(header.path("format").asText()).isEqualTo("csv");
        assertThat(header.path("finishedAt").asText()).isNotBlank();
        assertThat(auditOf("updates.csv")).extracting(AuditRecord::incidentKey, AuditRecord::result)
                .containsExactlyInAnyOrder(
                        tuple("Sentinel:INC-1", AuditRecord.SENT),
                        tuple("SentinelOne:INC-2", AuditRecord.DEAD_LETTERED),
                        tuple("bulk:updates.csv:4", AuditRecord.DEAD_LETTERED),
                        tuple("Sentinel:INC-4", AuditRecord.DEAD_LETTERED),
                        tuple("QRadar:INC-5", AuditRecord.DEAD_LETTERED),
                        tuple("DefenderXDR:INC-6", AuditRecord.SENT),
                        tuple("ContraForce:INC-7", AuditRecord.SENT));
    }

    @Test
    void ndjsonABrokenLineIsADeadLetterAndTheNextLinesGoOn() throws IOException {
        String ndjson = "{\"id\": \"S1-1\", \"workspace\": \"" + WS + "\", \"source\": \"sentinelone\", "
                + "\"status\": \"Closed\", \"classification\": \"FalsePositive\"}\n"
                + "\n"
                + "{\"id\": \"S1-2\", \"workspace\": \"" + WS + "\", \"status\": \"Active\"\n"
                + "{\"id\": \"S1-3\", \"workspace\": \"" + WS + "\", \"Status\": \"New\", \"comment\": null}\n"
                + "{\"id\": \"S1-4\", \"workspace\": \"" + WS + "\", \"classification\": \"Benign\"}\n"
                + "{\"id\": \"S1-5\", \"workspace\": \"" + WS + "\", \"sevrity\": \"High\"}\n"
                + "[\"S1-6\"]\n"
                + "{\"id\": \"S1-7\", \"workspace\": \"" + WS2 + "\", \"source\": \"CROWDSTRIKE\", "
                + "\"classificationReason\": \"Phishing\"}";
        Path dropped = harness.drop("bulk", "updates.ndjson", ndjson);

        Path done = harness.awaitDone(dropped);

        assertThat(json(single().getBodyAsString())).isEqualTo(json("""
                {"items": [
                  {"id": "S1-1", "status": "Closed", "workspace": "%1$s", "classification": "FalsePositive",
                   "incidentSource": "SentinelOne"},
                  {"id": "S1-3", "status": "New", "workspace": "%1$s"},
                  {"id": "S1-7", "workspace": "%2$s", "classificationReason": "Phishing",
                   "incidentSource": "CrowdStrike"}]}
                """.formatted(WS, WS2)));
        Map<String, DeadLetter> letters = deadLettersOf("updates.ndjson");
        assertThat(letters).containsOnlyKeys("bulk:updates.ndjson:3", "ContraForce:S1-4", "ContraForce:S1-5",
                "bulk:updates.ndjson:7");
        DeadLetter broken = letters.get("bulk:updates.ndjson:3");
        assertThat(broken.reason()).endsWith("line 3: not valid JSON: Unexpected end-of-input: expected close marker "
                + "for Object (column 87)");
        assertThat(broken.item().asText()).isEqualTo("{\"id\": \"S1-2\", \"workspace\": \"" + WS
                + "\", \"status\": \"Active\"");
        assertThat(letters.get("ContraForce:S1-4").reason()).endsWith("line 5: classification \"Benign\" is not one of "
                + "[BenignPositive, FalsePositive, TruePositive, Undetermined, InformationalExpectedActivity, Unknown, "
                + "NonIssue, PolicyViolation, QradarFalsePositive, Undefined, Suspicious]");
        assertThat(letters.get("ContraForce:S1-5").reason()).endsWith("line 6: 'sevrity' is not a column (columns: "
                + "id, workspace, source, status, classification, classificationReason, comment)");
        assertThat(letters.get("bulk:updates.ndjson:7").reason())
                .endsWith("line 7: a row must be a JSON object of columns (id, workspace, source, status, "
                        + "classification, classificationReason, comment), not an array");

        JsonNode result = result(done);
        assertThat(result.path("counts")).isEqualTo(json("""
                {"rows": 7, "sent": 3, "forbidden": 0, "failed": 0, "invalid": 4}"""));
        assertThat(result.path("outcomes").findValuesAsText("line")).containsExactly("1", "3", "4", "5", "6", "7", "8");
        assertThat(result.path("outcomes").findValuesAsText("result"))
                .containsExactly("sent", "invalid", "sent", "invalid", "invalid", "invalid", "sent");
    }

    @Test
    void jsonArrayRowsCarryTheLineWhereTheirElementStarts() throws IOException {
        String jsonArray = """
                [
                  {"id": "J-1", "workspace": "%1$s", "source": "Splunk", "status": "Closed"},
                  {
                    "id": "J-2",
                    "workspace": "%1$s",
                    "classificationReason": "Phish"
                  },
                  42,
                  {"id": "J-3", "workspace": "%2$s", "status": "Active", "id": "J-3b"},
                  {"id": "J-4", "workspace": "%3$s", "status": "Active", "comment": "upper-case uuid"}
                ]
                """.formatted(WS, WS2, WS2.toUpperCase());
        Path dropped = harness.drop("bulk", "updates.json", jsonArray);

        Path done = harness.awaitDone(dropped);

        assertThat(json(single().getBodyAsString())).isEqualTo(json("""
                {"items": [
                  {"id": "J-1", "status": "Closed", "workspace": "%s", "incidentSource": "Splunk"},
                  {"id": "J-4", "status": "Active", "workspace": "%s", "comment": "upper-case uuid"}]}
                """.formatted(WS, WS2.toUpperCase())));
        JsonNode outcomes = result(done).path("outcomes");
        assertThat(outcomes.findValuesAsText("line")).containsExactly("2", "3", "8", "9", "10");
        assertThat(outcomes.get(1).path("reason").asText()).startsWith("line 3: classificationReason \"Phish\" is not "
                + "one of [InaccurateData,");
        assertThat(outcomes.get(2).path("reason").asText()).isEqualTo("line 8: a row must be a JSON object of columns "
                + "(id, workspace, source, status, classification, classificationReason, comment), not a number");
        assertThat(outcomes.get(3).path("reason").asText()).isEqualTo("line 9: field 'id' is given twice");
        assertThat(result(done).path("counts")).isEqualTo(json("""
                {"rows": 5, "sent": 2, "forbidden": 0, "failed": 0, "invalid": 3}"""));
    }

    @Test
    void aSingleJsonObjectIsOneRowAndTheExtensionMayBeInAnyCase() throws IOException {
        Path dropped = harness.drop("bulk", "one.JSON", """
                {"id": "ONE-1", "workspace": "%s", "source": "Sentinel", "status": "Closed",
                 "classification": "BenignPositive", "classificationReason": "SuspiciousButExpected"}
                """.formatted(WS));

        Path done = harness.awaitDone(dropped);

        assertThat(json(single().getBodyAsString())).isEqualTo(json("""
                {"items": [{"id": "ONE-1", "status": "Closed", "workspace": "%s", "classification": "BenignPositive",
                  "classificationReason": "SuspiciousButExpected", "incidentSource": "Sentinel"}]}
                """.formatted(WS)));
        assertThat(result(done)).isEqualTo(json("""
                {"counts": {"rows": 1, "sent": 1, "forbidden": 0, "failed": 0, "invalid": 0},
                 "outcomes": [{"line": 1, "id": "ONE-1", "incidentKey": "Sentinel:ONE-1", "result": "sent"}]}"""));
    }

    @Test
    void aCsvWithoutAHeaderRowFailsBeforeAnythingIsSent() throws IOException {
        Path dropped = harness.drop("bulk", "no-header.csv", "INC-1," + WS + ",Sentinel,Closed\n");

        harness.awaitFailed(dropped);

        assertThat(readJson(harness.errorReportOf(dropped)).path("reason").asText()).isEqualTo("no-header.csv: line 1: "
                + "the header row names unknown column(s) 'INC-1', '" + WS + "', 'Sentinel', 'Closed'; the first line "
                + "must name the columns (id, workspace, source, status, classification, classificationReason, "
                + "comment)");
        assertThat(harness.requests()).isEmpty();
        assertThat(deadLettersOf("no-header.csv")).isEmpty();
    }

    @Test
    void aJsonFileThatIsNotJsonFailsBeforeAnythingIsSent() throws IOException {
        Path dropped = harness.drop("bulk", "not-json.json", "id,status\nINC-1,Closed\n");

        harness.awaitFailed(dropped);

        assertThat(readJson(harness.errorReportOf(dropped)).path("reason").asText())
                .startsWith("not-json.json: line 1: not valid JSON: Unrecognized token 'id'");
        assertThat(harness.requests()).isEmpty();
    }

    @Test
    void aJsonArrayCutShortSendsTheRowsBeforeTheBreakAndFailsTheFile() throws IOException {
        Path dropped = harness.drop("bulk", "cut.json", """
                [
                  {"id": "CUT-1", "workspace": "%1$s", "status": "Closed"},
                  {"id": "CUT-2", "workspace": "%1$s", "status": "Closed"},
                  {"id": "CUT-3", "workspace": "%1$s", "status":
                """.formatted(WS));

        harness.awaitFailed(dropped);

        assertThat(json(single().getBodyAsString()).findValuesAsText("id")).containsExactly("CUT-1", "CUT-2");
        String reason = readJson(harness.errorReportOf(dropped)).path("reason").asText();
        assertThat(reason).startsWith("cut.json: line 5: not valid JSON: Unexpected end-of-input")
                .contains("the rest of the file cannot be read")
                .endsWith("(the 2 row(s) before it were handled: 2 sent, 0 forbidden, 0 failed, 0 invalid; see "
                        + ".failed/cut.json.result.json)");
        JsonNode result = readJson(dropped.resolveSibling(".failed").resolve("cut.json.result.json"));
        assertThat(result.path("error").asText()).startsWith("cut.json: line 5: not valid JSON");
        assertThat(result.path("outcomes").findValuesAsText("result")).containsExactly("sent", "sent");
    }

    @Test
    void aBadCsvRecordIsADeadLetterAndAnUnclosedQuoteEndsTheFile() throws IOException {
        Path dropped = harness.drop("bulk", "quotes.csv", "id,workspace,status\n"
                + "Q-1," + WS + ",Closed\n"
                + "Q-2," + WS + ",Closed,extra\n"
                + "\"Q-3," + WS + ",Closed\n"
                + "Q-4," + WS + ",Closed\n");

        harness.awaitFailed(dropped);

        assertThat(json(single().getBodyAsString()).findValuesAsText("id")).containsExactly("Q-1");
        assertThat(deadLettersOf("quotes.csv")).containsOnlyKeys("ContraForce:Q-2").allSatisfy((k, d) ->
                assertThat(d.reason()).endsWith("line 3: has 4 cell(s); the header row has 3"));
        assertThat(readJson(harness.errorReportOf(dropped)).path("reason").asText())
                .startsWith("quotes.csv: line 4: not valid CSV: ")
                .contains("EOF reached before encapsulated token finished");
    }

    // --- helpers -------------------------------------------------------------------------------------------------

    private LoggedRequest single() {
        assertThat(harness.requests()).hasSize(1);
        LoggedRequest r = harness.requests().get(0);
        assertThat(r.getMethod().value()).isEqualTo("POST");
        assertThat(r.getUrl()).isEqualTo(BULK_PATH);
        assertThat(r.getHeader("Authorization")).isEqualTo(BASIC_DEMO);
        assertThat(r.getHeader("Content-Type")).startsWith("application/json");
        return r;
    }

    private Map<String, DeadLetter> deadLettersOf(String file) {
        return harness.deadLetters().stream().filter(d -> ("file:" + file).equals(d.trigger()))
                .collect(Collectors.toMap(DeadLetter::incidentKey, Function.identity()));
    }

    private List<AuditRecord> auditOf(String file) {
        return harness.audit().stream().filter(a -> ("file:" + file).equals(a.trigger())).toList();
    }

    static String id(String incidentKey) {
        return DeadLetterStore.idFor(PLAYBOOK, "bulk-update-incidents", incidentKey, null); // a row never sent
    }

    static Path resultOf(Path done) {
        return done.resolveSibling(done.getFileName() + ".result.json");
    }

    /** The result file without its times: counts and outcomes. */
    static JsonNode result(Path done) throws IOException {
        JsonNode r = readJson(resultOf(done));
        return json("{\"counts\": " + r.path("counts") + ", \"outcomes\": " + r.path("outcomes") + "}");
    }

    static JsonNode readJson(Path file) throws IOException {
        return json(Files.readString(file, StandardCharsets.UTF_8));
    }
}
