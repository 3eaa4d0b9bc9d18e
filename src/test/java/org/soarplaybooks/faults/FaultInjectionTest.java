package org.soarplaybooks.faults;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.ScenarioMappingBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.soarplaybooks.audit.AuditRecord;
import org.soarplaybooks.faults.IncidentLedger.Expected;
import org.soarplaybooks.testkit.PlaybookHarness;

/**
 * Fault injection over real HTTP: the shipped playbooks against a WireMock ContraForce that resets connections,
 * answers nothing, breaks its chunked encoding, answers too late, rate-limits with {@code Retry-After}, fails in
 * bursts of 5xx, refuses with problem details, and forbids bulk items. Each test sends N = 20 incidents in one file
 * and checks {@link IncidentLedger the invariant}: every incident was acknowledged by the vendor or sits exactly
 * once in the dead-letter store with the right reason; transient faults were retried (audit {@code retried}),
 * permanent ones tried once.
 *
 * <p>Settings: status updates with a response timeout of {@value #RESPONSE_TIMEOUT_MS} ms (a "slow" answer comes
 * after {@value #SLOW_MS} ms) and {@value #MAX_ATTEMPTS} attempts at most; bulk updates with the shipped 30 s and 5
 * attempts; backoff 20..100 ms (the harness); Retry-After honoured up to 120 s.
 */
class FaultInjectionTest {

    static final int N = 20;
    /**
     * ContraForce response timeout of the status-update test (milliseconds); a "slow" answer comes
     * {@value #SLOW_MS} ms late. Not much shorter: on a loaded machine an ordinary answer can take a few hundred
     * ms, and would then be retried as a time-out. The bulk tests keep the shipped 30 s.
     */
    static final long RESPONSE_TIMEOUT_MS = 800;
    static final int SLOW_MS = 2000;
    static final Duration RESPONSE_TIMEOUT = Duration.ofMillis(RESPONSE_TIMEOUT_MS);
    static final Duration SHIPPED_RESPONSE_TIMEOUT = Duration.ofSeconds(30);
    /** Attempts in all for the status-update test (playbooks.retry.max-attempts; shipped: 5). */
    static final int MAX_ATTEMPTS = 4;
    /** config/mapping.yaml: Sentinel workspace myWorkspace -> this ContraForce workspace. */
    static final String SENTINEL_WORKSPACE = "6eca6a1f-2b3c-4d5e-8f90-a1b2c3d4e5f6";
    static final String CONNECTION_FAILURE = "CONNECTION_FAILURE";
    /** How the retried records and dead letters of connection faults read (ProblemDetailsReader.connectionFailure). */
    static final String NO_ANSWER = "CONNECTION_FAILURE No answer from the vendor: ";
    static final String RESET = NO_ANSWER + "SocketException: Connection reset";
    static final String NO_RESPONSE = NO_ANSWER + "NoHttpResponseException: The target server failed to respond";
    static final String TIMED_OUT = NO_ANSWER + "SocketTimeoutException: Read timed out";
    static final String MALFORMED_CHUNK = NO_ANSWER + "MalformedChunkCodingException: Bad chunk header";

    WireMockServer vendor;

    @BeforeEach
    void startVendor() {
        vendor = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort()
                .extensions(new BulkAnswerTransformer()));
        vendor.start();
    }

    @AfterEach
    void stopVendor() {
        vendor.stop();
    }

    /**
     * One incident's script: the vendor's answers in order (the last one repeats), how many calls that must take,
     * what each {@code retried} audit record must say, and the dead letter it must end in (null: acknowledged).
     */
    record Script(String fault, List<ResponseDefinitionBuilder> answers, int calls, String retriedReason,
                  Expected deadLetter) {
    }

    @Test
    void everySentinelIncidentIsAcknowledgedOrDeadLetteredOnceWhateverTheFault(@TempDir Path data) {
        List<String> ids = IntStream.range(0, N).mapToObj(i -> "73e01a99-5cd7-4139-a149-9f2736ff2a%02d".formatted(i))
                .toList();
        List<Script> scripts = List.of(
                script("204", List.of(noContent()), 1, null, null),
                script("204", List.of(noContent()), 1, null, null),
                script("204", List.of(noContent()), 1, null, null),
                script("reset once", List.of(fault(Fault.CONNECTION_RESET_BY_PEER), noContent()), 2, RESET, null),
                script("empty response once", List.of(fault(Fault.EMPTY_RESPONSE), noContent()), 2, NO_RESPONSE,
                        null),
                // the status line (200) and headers arrive, then the chunked body breaks: no answer, retried
                script("malformed chunk once", List.of(fault(Fault.MALFORMED_RESPONSE_CHUNK), noContent()), 2,
                        MALFORMED_CHUNK, null),
                // garbage instead of a status line: HttpClient reports it as no response at all
                script("random data once", List.of(fault(Fault.RANDOM_DATA_THEN_CLOSE), noContent()), 2,
                        NO_RESPONSE, null),
                script("too slow once", List.of(slow(), noContent()), 2, TIMED_OUT, null),
                script("429 twice", List.of(tooMany("1"), tooMany("1"), noContent()), 3,
                        "429 HTTP_429 HTTP 429 (attempt", null),
                script("500 burst", List.of(status(500), status(502), status(503), noContent()), 4, "HTTP 50", null),
                script("204", List.of(noContent()), 1, null, null),
                script("500 always", List.of(status(500)), MAX_ATTEMPTS, "500 HTTP_500",
                        new Expected("HTTP_500", 500, "retries used up after 4 attempts", MAX_ATTEMPTS)),
                script("reset always", List.of(fault(Fault.CONNECTION_RESET_BY_PEER)), MAX_ATTEMPTS, RESET,
                        new Expected(CONNECTION_FAILURE, null, "retries used up after 4 attempts", MAX_ATTEMPTS)),
                // (a body that breaks on every attempt: see aBodyThatBreaksOnEveryAttemptEndsInADeadLetter)
                script("random data always", List.of(fault(Fault.RANDOM_DATA_THEN_CLOSE)), MAX_ATTEMPTS, NO_RESPONSE,
                        new Expected(CONNECTION_FAILURE, null, "retries used up after 4 attempts", MAX_ATTEMPTS)),
                script("400 problem", List.of(validationProblem()), 1, null,
                        new Expected("VALIDATION_ERROR", 400, "One or more validation errors occurred.", 1)),
                script("404 problem", List.of(notFoundProblem()), 1, null,
                        new Expected("NOT_FOUND", 404, "Incident not found", 1)),
                script("429 beyond the cap", List.of(tooMany("600")), 1, null,
                        new Expected("HTTP_429", 429, "more than the cap of 120 s", 1)),
                script("503 then 400", List.of(status(503), validationProblem()), 2, "503 HTTP_503",
                        new Expected("VALIDATION_ERROR", 400, "One or more validation errors occurred.", 2)),
                script("204", List.of(noContent()), 1, null, null),
                script("empty response twice",
                        List.of(fault(Fault.EMPTY_RESPONSE), fault(Fault.EMPTY_RESPONSE), noContent()), 3, NO_RESPONSE,
                        null));
        assertThat(scripts).hasSize(N);
        for (int i = 0; i < N; i++) {
            String path = "/api/v2/workspaces/" + SENTINEL_WORKSPACE + "/incidents/Sentinel/" + ids.get(i) + "/status";
            stubSequence("incident-" + i, () -> put(urlPathEqualTo(path)), scripts.get(i).answers());
        }

        try (PlaybookHarness h = start(data, Map.of(
                "contraforce.response-timeout", String.valueOf(RESPONSE_TIMEOUT_MS),
                "camel.component.http.response-timeout", String.valueOf(RESPONSE_TIMEOUT_MS),
                "playbooks.retry.max-attempts", String.valueOf(MAX_ATTEMPTS)))) {
            Instant dropped = Instant.now();
            Path done = h.awaitDone(h.drop("sentinel", "twenty-incidents.json", Inputs.sentinelIncidents(ids)));
            Duration took = Duration.between(dropped, Instant.now());

            List<ServeEvent> journal = journal();
            Map<String, Expected> expected = new LinkedHashMap<>();
            for (int i = 0; i < N; i++) {
                if (scripts.get(i).deadLetter() != null) {
                    expected.put(ids.get(i), scripts.get(i).deadLetter());
                }
            }
            IncidentLedger.assertEveryIncidentAccountedFor(ids, "Sentinel:",
                    IncidentLedger.acknowledgedStatusUpdates(journal, RESPONSE_TIMEOUT), h.deadLetters(), expected);

            Map<String, Integer> calls = IncidentLedger.statusUpdateCalls(journal);
            List<AuditRecord> audit = h.audit();
            SoftAssertions softly = new SoftAssertions();
            for (int i = 0; i < N; i++) {
                String id = ids.get(i);
                Script s = scripts.get(i);
                List<AuditRecord> mine = audit.stream().filter(a -> ("Sentinel:" + id).equals(a.incidentKey()))
                        .toList();
                softly.assertThat(calls.getOrDefault(id, 0)).as("%s (%s): calls the vendor received", id, s.fault())
                        .isEqualTo(s.calls());
                softly.assertThat(mine).as("%s (%s): audit trail", id, s.fault()).extracting(AuditRecord::result)
                        .containsExactlyElementsOf(trail(s));
                mine.stream().filter(a -> AuditRecord.RETRIED.equals(a.result())).forEach(a -> softly
                        .assertThat(a.reason()).as("%s (%s): retried because", id, s.fault())
                        .contains(s.retriedReason()));
            }
            softly.assertAll();

            String rateLimited = ids.get(scripts.stream().map(Script::fault).toList().indexOf("429 twice"));
            assertThat(audit).filteredOn(a -> ("Sentinel:" + rateLimited).equals(a.incidentKey())
                            && AuditRecord.RETRIED.equals(a.result()))
                    .extracting(AuditRecord::reason).hasSize(2).allMatch(r -> r.endsWith("next in 1000 ms)"));
            List<Instant> tooMany = callTimes(journal, rateLimited);
            assertThat(Duration.between(tooMany.get(0), tooMany.get(1))).as("Retry-After: 1 honoured")
                    .isGreaterThanOrEqualTo(Duration.ofMillis(950));
            assertThat(Duration.between(tooMany.get(1), tooMany.get(2))).as("Retry-After: 1 honoured again")
                    .isGreaterThanOrEqualTo(Duration.ofMillis(950));
            assertThat(done).exists();
            assertThat(h.data().resolve("inbox/sentinel/.failed")).doesNotExist();
            assertThat(vendor.findAllUnmatchedRequests()).isEmpty();
            System.out.printf("fault suite, status updates: %d incidents, %d calls, %d acknowledged, %d dead letters,"
                    + " %d retried records, file done in %d ms%n", N, journal.size(),
                    IncidentLedger.acknowledgedStatusUpdates(journal, RESPONSE_TIMEOUT).size(), h.deadLetters().size(),
                    audit.stream().filter(a -> AuditRecord.RETRIED.equals(a.result())).count(), took.toMillis());
        }
    }

    @Test
    void everySentinelOneThreatIsAcceptedOrDeadLetteredOnceWhateverTheBulkAnswer(@TempDir Path data) {
        List<String> ids = IntStream.range(0, N).mapToObj(i -> "18000000000000000%02d".formatted(i)).toList();
        // contraforce.bulk.max-items = 4: five calls of four threats, in file order
        List<List<String>> batches = IntStream.range(0, N / 4).mapToObj(b -> ids.subList(4 * b, 4 * b + 4)).toList();
        stubBatch(batches.get(0), List.of(accepted(List.of(), List.of())));
        stubBatch(batches.get(1), List.of(fault(Fault.CONNECTION_RESET_BY_PEER), accepted(List.of(), List.of())));
        stubBatch(batches.get(2), List.of(accepted(List.of(ids.get(9), ids.get(10)), List.of())));
        stubBatch(batches.get(3), List.of(validationProblem()));
        stubBatch(batches.get(4), List.of(status(503), tooMany("1"), accepted(List.of(), List.of(ids.get(19)))));

        Map<String, Expected> expected = new LinkedHashMap<>();
        Expected forbidden = new Expected("FORBIDDEN", 403, BulkAnswerTransformer.FORBIDDEN_REASON, 1);
        expected.put(ids.get(9), forbidden);
        expected.put(ids.get(10), forbidden);
        for (String id : batches.get(3)) {
            expected.put(id, new Expected("VALIDATION_ERROR", 400, "One or more validation errors occurred.", 1));
        }
        // the last call answered 200 without naming it (its attempts: aBulkItemDeadLetteredAfterARetriedCall...)
        expected.put(ids.get(19), new Expected("NOT_CONFIRMED", 200, "is in neither data.accepted nor data.forbidden",
                null));
        int[] callsPerBatch = {1, 2, 1, 1, 3};

        try (PlaybookHarness h = start(data, Map.of())) {
            // one file per batch, each finished before the next: a retried call carries the same four threats (due
            // retries go back to the head of the queue, so with every file at once a retry could share a call with
            // threats of a later batch, and the stubs here answer per batch)
            Path done = null;
            for (int b = 0; b < batches.size(); b++) {
                done = h.awaitDone(h.drop("sentinelone", "four-threats-" + b + ".json",
                        Inputs.sentinelOneThreats(batches.get(b))));
            }

            List<ServeEvent> journal = journal();
            assertThat(journal).as("bulk calls").allSatisfy(e -> {
                assertThat(e.getRequest().getMethod().value()).isEqualTo("POST");
                assertThat(e.getRequest().getUrl()).isEqualTo(IncidentLedger.BULK_PATH);
            });
            assertThat(journal).extracting(FaultInjectionTest::describe).as("bulk calls").hasSize(8);
            IncidentLedger.assertEveryIncidentAccountedFor(ids, "SentinelOne:",
                    IncidentLedger.acceptedBulkItems(journal, SHIPPED_RESPONSE_TIMEOUT), h.deadLetters(), expected);

            Map<String, Integer> carried = IncidentLedger.bulkItemCalls(journal);
            List<AuditRecord> audit = h.audit();
            SoftAssertions softly = new SoftAssertions();
            for (int b = 0; b < batches.size(); b++) {
                for (String id : batches.get(b)) {
                    softly.assertThat(carried.getOrDefault(id, 0)).as("%s: calls that carried it", id)
                            .isEqualTo(callsPerBatch[b]);
                    softly.assertThat(audit.stream().filter(a -> ("SentinelOne:" + id).equals(a.incidentKey())
                                    && AuditRecord.RETRIED.equals(a.result())).count())
                            .as("%s: retried records", id).isEqualTo(callsPerBatch[b] - 1L);
                    softly.assertThat(audit.stream().filter(a -> ("SentinelOne:" + id).equals(a.incidentKey())
                                    && !AuditRecord.RETRIED.equals(a.result())).map(AuditRecord::result).toList())
                            .as("%s: final outcome", id)
                            .containsExactly(expected.containsKey(id) ? AuditRecord.DEAD_LETTERED : AuditRecord.SENT);
                }
            }
            softly.assertAll();
            assertThat(audit.stream().filter(a -> AuditRecord.RETRIED.equals(a.result())).map(AuditRecord::reason))
                    .filteredOn(r -> r.contains("429")).hasSize(4).allMatch(r -> r.contains("next in 1000 ms"));
            assertThat(done).exists();
            assertThat(Files.exists(h.data().resolve("inbox/sentinelone/.failed"))).isFalse();
            assertThat(vendor.findAllUnmatchedRequests()).isEmpty();
        }
    }

    /**
     * A vendor that answers a status line and headers and then breaks the chunked body, on every attempt: like any
     * other connection fault, the incident must become a dead letter once the attempts are used up, and the file
     * must complete.
     */
    @Test
    void aBodyThatBreaksOnEveryAttemptEndsInADeadLetter(@TempDir Path data) {
        String id = "73e01a99-5cd7-4139-a149-9f2736ff2b00";
        String path = "/api/v2/workspaces/" + SENTINEL_WORKSPACE + "/incidents/Sentinel/" + id + "/status";
        vendor.stubFor(put(urlPathEqualTo(path)).willReturn(fault(Fault.MALFORMED_RESPONSE_CHUNK)));

        try (PlaybookHarness h = start(data, Map.of("playbooks.retry.max-attempts", String.valueOf(MAX_ATTEMPTS)))) {
            Path dropped = h.drop("sentinel", "one-incident.json", Inputs.sentinelIncidents(List.of(id)));
            Path done = dropped.resolveSibling(".done").resolve(dropped.getFileName());
            try {
                await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                        .until(() -> Files.exists(done) && h.quiet()
                                || vendor.getAllServeEvents().size() > MAX_ATTEMPTS);
                assertThat(vendor.getAllServeEvents()).as("calls: at most %d attempts", MAX_ATTEMPTS)
                        .hasSize(MAX_ATTEMPTS);
                h.awaitDone(dropped);
                IncidentLedger.assertEveryIncidentAccountedFor(List.of(id), "Sentinel:",
                        IncidentLedger.acknowledgedStatusUpdates(journal(), SHIPPED_RESPONSE_TIMEOUT), h.deadLetters(),
                        Map.of(id, new Expected(CONNECTION_FAILURE, null, "retries used up after 4 attempts",
                                MAX_ATTEMPTS)));
                assertThat(h.audit()).filteredOn(a -> AuditRecord.RETRIED.equals(a.result()))
                        .extracting(AuditRecord::reason).hasSize(MAX_ATTEMPTS - 1)
                        .allMatch(r -> r.startsWith(MALFORMED_CHUNK));
            } finally {
                // whatever happened, let the engine finish the incident so it stops at once
                vendor.resetAll();
                vendor.stubFor(put(urlPathEqualTo(path)).willReturn(noContent()));
            }
        }
    }

    /**
     * A bulk call that failed once (503) and then answered 200 refusing one item (forbidden[]) and not naming
     * another: both items failed on both calls, so each dead letter must say 2 attempts (DeadLetter#attempts: "how
     * many attempts failed in all").
     */
    @Test
    void aBulkItemDeadLetteredAfterARetriedCallCountsEveryAttempt(@TempDir Path data) {
        List<String> ids = List.of("1900000000000000001", "1900000000000000002", "1900000000000000003");
        stubBatch(ids, List.of(status(503), accepted(List.of(ids.get(1)), List.of(ids.get(2)))));

        try (PlaybookHarness h = start(data, Map.of())) {
            h.awaitDone(h.drop("sentinelone", "three-threats.json", Inputs.sentinelOneThreats(ids)));

            assertThat(IncidentLedger.bulkItemCalls(journal())).containsEntry(ids.get(1), 2)
                    .containsEntry(ids.get(2), 2);
            IncidentLedger.assertEveryIncidentAccountedFor(ids, "SentinelOne:",
                    IncidentLedger.acceptedBulkItems(journal(), SHIPPED_RESPONSE_TIMEOUT), h.deadLetters(), Map.of(
                            ids.get(1), new Expected("FORBIDDEN", 403, BulkAnswerTransformer.FORBIDDEN_REASON, 2),
                            ids.get(2), new Expected("NOT_CONFIRMED", 200, "neither data.accepted nor", 2)));
        }
    }

    // --- the vendor's answers ------------------------------------------------------------------------------------

    static Script script(String fault, List<ResponseDefinitionBuilder> answers, int calls, String retriedReason,
                         Expected deadLetter) {
        return new Script(fault, answers, calls, retriedReason, deadLetter);
    }

    /** The audit results of one incident: a {@code retried} per failed attempt that was retried, then the end. */
    static List<String> trail(Script s) {
        List<String> out = new ArrayList<>();
        for (int i = 1; i < s.calls(); i++) {
            out.add(AuditRecord.RETRIED);
        }
        out.add(s.deadLetter() == null ? AuditRecord.SENT : AuditRecord.DEAD_LETTERED);
        return out;
    }

    static ResponseDefinitionBuilder noContent() {
        return aResponse().withStatus(204);
    }

    static ResponseDefinitionBuilder status(int status) {
        return aResponse().withStatus(status).withHeader("Content-Type", "text/html")
                .withBody("<html><body><h1>" + status + "</h1>upstream trouble</body></html>");
    }

    static ResponseDefinitionBuilder fault(Fault fault) {
        return aResponse().withFault(fault);
    }

    /** A 204 that comes {@value #SLOW_MS} ms late, after the client's response timeout. */
    static ResponseDefinitionBuilder slow() {
        return aResponse().withStatus(204).withFixedDelay(SLOW_MS);
    }

    static ResponseDefinitionBuilder tooMany(String retryAfter) {
        return aResponse().withStatus(429).withHeader("Retry-After", retryAfter);
    }

    static ResponseDefinitionBuilder validationProblem() {
        return aResponse().withStatus(400).withHeader("Content-Type", "application/problem+json")
                .withBody("{\"type\":\"https://docs.contraforce.com/api-reference/errors\","
                        + "\"title\":\"One or more validation errors occurred.\",\"status\":400,"
                        + "\"detail\":\"See the errors property for details.\",\"code\":\"VALIDATION_ERROR\","
                        + "\"requestId\":\"0f6c1d2e-3b4a-4c5d-8e9f-a0b1c2d3e4f5\","
                        + "\"timestamp\":\"2026-11-21T20:00:00Z\","
                        + "\"errors\":{\"classificationReason\":[\"InaccurateData is not allowed here.\"]}}");
    }

    static ResponseDefinitionBuilder notFoundProblem() {
        return aResponse().withStatus(404).withHeader("Content-Type", "application/problem+json")
                .withBody("{\"title\":\"Incident not found\",\"status\":404,\"code\":\"NOT_FOUND\","
                        + "\"detail\":\"No Sentinel incident with this id in the workspace.\","
                        + "\"requestId\":\"1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d\"}");
    }

    /** 200 from {@link BulkAnswerTransformer}: the request's ids accepted, except those forbidden or omitted. */
    static ResponseDefinitionBuilder accepted(List<String> forbidden, List<String> omitted) {
        return aResponse().withTransformers(BulkAnswerTransformer.NAME)
                .withTransformerParameter(BulkAnswerTransformer.FORBIDDEN, forbidden)
                .withTransformerParameter(BulkAnswerTransformer.OMITTED, omitted);
    }

    // --- plumbing --------------------------------------------------------------------------------------------------

    /** The shipped playbooks against this test's vendor, bulk calls of at most 4 items, plus {@code more}. */
    PlaybookHarness start(Path data, Map<String, String> more) {
        Map<String, String> overrides = new LinkedHashMap<>(more);
        overrides.put("contraforce.base-url", vendor.baseUrl());
        overrides.put("contraforce.bulk.max-items", "4");
        // these scripts pin the retry policy alone (calls per incident); VendorCircuitTest covers the circuit, which
        // would otherwise open on the failures of neighbouring incidents and hold calls back for 30 s
        overrides.putIfAbsent("playbooks.circuit.failure-threshold", "1000");
        return PlaybookHarness.start(data, Path.of("config"), overrides);
    }

    /** Stubs a WireMock scenario: the answers in order, the last one for every later call. */
    void stubSequence(String scenario, Supplier<MappingBuilder> request, List<ResponseDefinitionBuilder> answers) {
        for (int i = 0; i < answers.size(); i++) {
            ScenarioMappingBuilder m = request.get().inScenario(scenario)
                    .whenScenarioStateIs(i == 0 ? Scenario.STARTED : "answer-" + i);
            if (i < answers.size() - 1) {
                m = m.willSetStateTo("answer-" + (i + 1));
            }
            vendor.stubFor(m.willReturn(answers.get(i)));
        }
    }

    /** The bulk call whose items are exactly this batch (matched on each item's id, in order). */
    void stubBatch(List<String> batch, List<ResponseDefinitionBuilder> answers) {
        stubSequence("batch-" + batch.get(0), () -> {
            MappingBuilder m = post(urlPathEqualTo(IncidentLedger.BULK_PATH))
                    .withRequestBody(matchingJsonPath("$.items.length()", equalTo(String.valueOf(batch.size()))));
            // the batch's threats in any order: a retried call carries the same threats, not always in file order
            // (their scheduled messages fall due together and the broker hands them over in no set order)
            for (String id : batch) {
                m = m.withRequestBody(matchingJsonPath("$.items[?(@.id == '" + id + "')]"));
            }
            return m;
        }, answers);
    }

    /** WireMock's journal, oldest first. */
    List<ServeEvent> journal() {
        return vendor.getAllServeEvents().stream()
                .sorted(Comparator.comparing(e -> e.getRequest().getLoggedDate())).toList();
    }

    /** One line per call, for failure messages: time, first item id, items, answer status or fault. */
    static String describe(ServeEvent e) {
        String body = e.getRequest().getBodyAsString();
        var items = PlaybookHarness.json(body).path("items");
        return e.getRequest().getLoggedDate().toInstant() + " " + items.path(0).path("id").asText() + " x"
                + items.size() + " -> " + (e.getResponseDefinition().getFault() != null
                ? e.getResponseDefinition().getFault() : e.getResponse().getStatus() + " " + e.getResponse()
                .getBodyAsString());
    }

    static List<Instant> callTimes(List<ServeEvent> journal, String sentinelId) {
        return journal.stream().filter(e -> e.getRequest().getUrl().contains("/Sentinel/" + sentinelId + "/"))
                .map(e -> e.getRequest().getLoggedDate().toInstant()).toList();
    }
}
