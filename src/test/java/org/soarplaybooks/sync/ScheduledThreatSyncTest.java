package org.soarplaybooks.sync;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.soarplaybooks.testkit.PlaybookHarness.json;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.ServiceStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.soarplaybooks.audit.AuditRecord;
import org.soarplaybooks.simulator.SimulatorCredentials;
import org.soarplaybooks.testkit.LogLines;
import org.soarplaybooks.testkit.PlaybookHarness;

/**
 * The scheduled form of {@code sentinelone-threat-sync}: real quartz ticks (every second) read SentinelOne threats
 * from a WireMock serving the published samples as two cursor pages, and push them to ContraForce (the vendor
 * simulator). Asserts what both vendors received, the watermark file, restarts, overlap and failed runs.
 */
class ScheduledThreatSyncTest {

    static final String THREATS = "/web/api/v2.1/threats";
    static final String BULK = "/api/v2/incidents/across-workspaces/bulk-update";
    static final String FLAT = "sentinelone/threats-list-v2_0-flat-rapid7.json";
    static final String V21 = "sentinelone/threats-list-v2_1-demisto.json";
    static final String EMPTY = "sentinelone/threats-list-empty.json";
    static final String UNMAPPED_SITE = "sentinelone/threat-v2_1-schema-example-rapid7.json";
    /** The highest updatedAt of the two pages: the flat sample's threat 11111111111111. */
    static final String W1 = "2023-09-20T09:03:07.151615Z";
    static final String EVERY_SECOND = "0/1 * * * * ?";
    /** Far enough back that the published samples (2022, 2023) count as updated since. */
    static final String LOOKBACK = "P5000D";
    static final String WS_ACCEPTED = "6eca6a1f-2b3c-4d5e-8f90-a1b2c3d4e5f6";
    static final String WS_FORBIDDEN = "9d8c7b6a-5f4e-4d3c-8b2a-19f0e8d7c6b5";

    WireMockServer sentinelOne;
    LogLines log;

    @BeforeEach
    void start() {
        sentinelOne = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
        sentinelOne.start();
        log = LogLines.capture("soar.sync");
    }

    @AfterEach
    void stop() {
        log.close();
        sentinelOne.stop();
    }

    @Test
    void aRunReadsEveryPageSendsEachThreatAndStoresTheWatermark(@TempDir Path data) throws IOException {
        twoPages(0);
        Instant before = Instant.now();
        try (PlaybookHarness h = start(data, Map.of())) {
            awaitWatermark(data, W1);
            awaitReadFrom(W1);
            Instant after = Instant.now();

            List<LoggedRequest> gets = gets();
            LoggedRequest page1 = gets.get(0);
            assertThat(page1.getHeader("Authorization"))
                    .isEqualTo("ApiToken " + SimulatorCredentials.DEMO_SENTINELONE_API_TOKEN);
            assertThat(param(page1, "limit")).isEqualTo("1000");
            assertThat(param(page1, "sortBy")).isEqualTo("updatedAt");
            assertThat(param(page1, "sortOrder")).isEqualTo("asc");
            assertThat(param(page1, "cursor")).isNull();
            assertThat(param(page1, "updatedAt__gt")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
            Instant since = Instant.parse(param(page1, "updatedAt__gt"));
            assertThat(since).as("no watermark yet: now - initial lookback, in whole seconds").isBetween(
                    before.minus(Duration.parse(LOOKBACK)).truncatedTo(ChronoUnit.SECONDS),
                    after.minus(Duration.parse(LOOKBACK)));
            LoggedRequest page2 = gets.get(1);
            assertThat(param(page2, "cursor")).isEqualTo(flatCursor());
            assertThat(param(page2, "updatedAt__gt")).isEqualTo(param(page1, "updatedAt__gt"));
            assertThat(param(page2, "limit")).isEqualTo("1000");
            assertThat(param(page2, "sortBy")).isEqualTo("updatedAt");
            assertThat(param(page2, "sortOrder")).isEqualTo("asc");
            LoggedRequest nextRun = gets.get(2);
            assertThat(param(nextRun, "updatedAt__gt")).as("the next run starts at the watermark").isEqualTo(W1);
            assertThat(param(nextRun, "cursor")).isNull();

            h.awaitQuiet(); // the watermark moves once the threats are queued; the playbook sends them after
            // the threats in page order, in one bulk call or two (the playbook batches what its queue holds)
            assertThat(bulkItems(h)).isEqualTo(json("""
                    [{"id": "11111111111111", "status": "New", "workspace": "%s", "incidentSource": "SentinelOne"},
                     {"id": "123456", "status": "Active", "workspace": "%s", "classification": "TruePositive",
                      "incidentSource": "SentinelOne"},
                     {"id": "123456", "status": "New", "workspace": "%s", "classification": "Suspicious",
                      "incidentSource": "SentinelOne"}]
                    """.formatted(WS_FORBIDDEN, WS_ACCEPTED, WS_ACCEPTED)));

            assertThat(h.audit()).extracting(AuditRecord::result)
                    .containsExactlyInAnyOrder(AuditRecord.DEAD_LETTERED, AuditRecord.SENT, AuditRecord.SENT);
            assertThat(h.audit()).allSatisfy(a -> {
                assertThat(a.playbook()).isEqualTo("sentinelone-threat-sync");
                assertThat(a.trigger()).isEqualTo("quartz://soar/sentinelone-threat-sync run 1");
            });
            assertThat(h.deadLetters()).singleElement().satisfies(d -> {
                assertThat(d.playbook()).isEqualTo("sentinelone-threat-sync");
                assertThat(d.incidentKey()).isEqualTo("SentinelOne:11111111111111");
                assertThat(d.problem().code()).isEqualTo("FORBIDDEN");
                assertThat(d.incident().path("id").asText()).as("replay sends it back to the playbook's queue")
                        .isEqualTo("11111111111111");
                assertThat(d.attempts()).isEqualTo(1);
            });

            var stored = json(Files.readString(watermarkFile(data)));
            assertThat(stored.path("updatedAt").asText()).isEqualTo(W1);
            assertThat(stored.path("threats").asInt()).isEqualTo(3);
            assertThat(Instant.parse(stored.path("runAt").asText())).isBetween(before, after);
            assertThat(log.lines()).anyMatch(l -> l.contains("run 1 done: 3 threats on 2 pages")
                    && l.contains("watermark now " + W1));
        }
    }

    @Test
    void aRunOfSeveralPagesLogsItsProgressWithSentinelOnesTotal(@TempDir Path data) {
        twoPages(0);
        try (PlaybookHarness h = start(data, Map.of("playbooks.progress.interval", "0"))) {
            awaitWatermark(data, W1);

            // page 1 (the flat sample: one threat, pagination.totalItems 67) is done, page 2 is the last: its
            // totals are in the run's "done" line instead
            assertThat(log.lines()).filteredOn(l -> l.startsWith("sentinelone-threat-sync: run 1: "))
                    .singleElement().asString()
                    .matches("sentinelone-threat-sync: run 1: 1 of 67 threats \\(1 %\\) on 1 page, [\\d.,]+ threats/s");
            assertThat(log.lines()).anyMatch(l -> l.contains("run 1 done: 3 threats on 2 pages"));
        }
    }

    @Test
    void aRestartedEngineStartsFromTheStoredWatermark(@TempDir Path data) throws IOException {
        twoPages(0);
        try (PlaybookHarness first = start(data, Map.of())) {
            awaitWatermark(data, W1);
        }
        String stored = Files.readString(watermarkFile(data));
        sentinelOne.resetRequests();

        int linesBefore = log.lines().size();
        try (PlaybookHarness second = start(data, Map.of())) {
            await().atMost(Duration.ofSeconds(10)).until(() -> !gets().isEmpty() && log.lines()
                    .subList(linesBefore, log.lines().size()).stream().anyMatch(l -> l.contains("run 1 done")));

            LoggedRequest firstRead = gets().get(0);
            assertThat(param(firstRead, "updatedAt__gt")).isEqualTo(W1);
            assertThat(param(firstRead, "cursor")).isNull();
            assertThat(bulkCalls(second)).as("nothing updated since the watermark").isEmpty();
        }
        assertThat(Files.readString(watermarkFile(data))).as("a run that saw no threat keeps the watermark")
                .isEqualTo(stored);
    }

    @Test
    void aTickDuringASlowRunIsSkippedAndRunsNeverOverlap(@TempDir Path data) {
        twoPages(1500); // each page takes longer than the cron period of 1 s
        try (PlaybookHarness h = start(data, Map.of())) {
            awaitWatermark(data, W1);
            awaitReadFrom(W1);

            List<LoggedRequest> gets = gets();
            List<LoggedRequest> firstRun = gets.stream().filter(r -> !W1.equals(param(r, "updatedAt__gt"))).toList();
            assertThat(firstRun).as("one run read from the initial lookback: ticks during it started nothing")
                    .hasSize(2);
            assertThat(param(firstRun.get(0), "cursor")).isNull();
            assertThat(param(firstRun.get(1), "cursor")).isEqualTo(flatCursor());
            LoggedRequest secondRunRead = gets.stream().filter(r -> W1.equals(param(r, "updatedAt__gt")))
                    .findFirst().orElseThrow();
            assertThat(gets.indexOf(secondRunRead)).as("run 2 reads only after run 1 read its last page").isEqualTo(2);
            h.awaitQuiet();
            assertThat(bulkItems(h)).as("each threat sent once").hasSize(3);
            assertThat(log.lines()).filteredOn(l -> l.contains("skipped"))
                    .isNotEmpty()
                    .allMatch(l -> l.matches("sentinelone-threat-sync: skipped: previous run still going since "
                            + "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z \\(run \\d+\\)"));
        }
    }

    @Test
    void aFailedRunLeavesTheWatermarkAndTheNextRunReadsTheSameThreatsAgain(@TempDir Path data) throws IOException {
        String w0 = "2023-01-01T00:00:00Z";
        String seed = seedWatermark(data, w0);
        pageOne(0);
        pageTwo(aResponse().withStatus(503), 5); // every attempt at page 2 fails
        nothingSince(W1, 0);
        try (PlaybookHarness h = start(data, Map.of())) {
            await().atMost(Duration.ofSeconds(20)).until(() -> log.lines().stream()
                    .filter(l -> l.contains("failed after 1 page:") && l.contains("retries used up after 5 attempts"))
                    .count() >= 2);

            assertThat(Files.readString(watermarkFile(data))).as("failed runs keep the watermark").isEqualTo(seed);
            assertThat(gets()).isNotEmpty().allSatisfy(r -> assertThat(param(r, "updatedAt__gt")).isEqualTo(w0));
            assertThat(log.lines()).anyMatch(l -> l.contains("the watermark stays at " + w0));

            pageTwo(okJson(sample(V21)), 2); // SentinelOne is back
            awaitWatermark(data, W1);
            awaitReadFrom(W1);

            List<LoggedRequest> gets = gets();
            int firstAfter = indexOf(gets, W1);
            assertThat(gets.subList(0, firstAfter)).as("until a run succeeded, every run read from the old watermark")
                    .allSatisfy(r -> assertThat(param(r, "updatedAt__gt")).isEqualTo(w0));
            assertThat(h.deadLetters()).extracting(d -> d.incidentKey()).as("no dead letter for a failed read")
                    .containsExactly("SentinelOne:11111111111111");
            assertThat(h.audit()).as("a failed read carries no incident: no audit record")
                    .allSatisfy(a -> assertThat(a.vendor()).isEqualTo("ContraForce"));
            assertThat(h.audit()).filteredOn(a -> a.incidentKey().equals("SentinelOne:123456"))
                    .extracting(AuditRecord::result).containsExactly(AuditRecord.SENT, AuditRecord.SENT);
        }
    }

    @Test
    void anEngineStoppingDuringARunLeavesTheWatermark(@TempDir Path data) throws IOException {
        String w0 = "2023-01-01T00:00:00Z";
        String seed = seedWatermark(data, w0);
        pageOne(2000);
        pageTwo(okJson(sample(V21)), 5);
        PlaybookHarness h = start(data, Map.of());
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> !gets().isEmpty());
        } finally {
            h.close(); // while page 1 is still on its way
        }

        assertThat(gets()).as("no page after the engine began to stop").hasSize(1);
        assertThat(Files.readString(watermarkFile(data))).isEqualTo(seed);
        assertThat(log.lines()).anyMatch(l -> l.contains("run 1 stopped after 1 page: the engine is stopping")
                && l.contains("the watermark stays at " + w0));
    }

    @Test
    void threatsWhoseBulkCallTheVendorRefusesAreDeadLetteredAndTheWatermarkMovesOn(@TempDir Path data) {
        twoPages(0);
        sentinelOne.stubFor(post(urlPathEqualTo(BULK)).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/problem+json")
                .withBody("{\"title\":\"One or more validation errors occurred.\",\"status\":400,"
                        + "\"code\":\"VALIDATION_ERROR\",\"errors\":{\"items\":[\"refused\"]}}")));
        try (PlaybookHarness h = start(data, Map.of("contraforce.base-url", sentinelOne.baseUrl()))) {
            awaitWatermark(data, W1);
            h.awaitQuiet();

            assertThat(sentinelOne.findAll(postRequestedFor(urlPathEqualTo(BULK)))).hasSizeBetween(1, 2);
            assertThat(h.deadLetters()).allSatisfy(d -> {
                assertThat(d.playbook()).isEqualTo("sentinelone-threat-sync");
                assertThat(d.problem().code()).isEqualTo("VALIDATION_ERROR");
            });
            // the v2.1 sample's two threats share the id 123456, so they share one dead letter (2 attempts)
            assertThat(h.deadLetters()).extracting(d -> d.incidentKey() + " x" + d.attempts())
                    .containsExactlyInAnyOrder("SentinelOne:11111111111111 x1", "SentinelOne:123456 x2");
            assertThat(h.audit()).hasSize(3).allMatch(a -> AuditRecord.DEAD_LETTERED.equals(a.result()));
        }
    }

    @Test
    void aPageThatFailsOnceIsReadAgainWithoutSendingEarlierPagesAgain(@TempDir Path data) {
        failsOnceThen(null, okJson(sample(FLAT)));
        failsOnceThen(flatCursor(), okJson(sample(V21)));
        nothingSince(W1, 0);
        try (PlaybookHarness h = start(data, Map.of())) {
            awaitWatermark(data, W1);

            awaitReadFrom(W1);
            h.awaitQuiet();
            List<LoggedRequest> firstRun = gets().subList(0, indexOf(gets(), W1));
            assertThat(firstRun).extracting(r -> param(r, "cursor"))
                    .as("page 1 failed, then page 2; the cursor chain is followed again from page 1")
                    .containsExactly(null, null, flatCursor(), null, flatCursor());
            assertThat(bulkItems(h)).as("page 1 is not sent twice").hasSize(3);
            assertThat(h.audit()).extracting(AuditRecord::result)
                    .containsExactlyInAnyOrder(AuditRecord.DEAD_LETTERED, AuditRecord.SENT, AuditRecord.SENT);
            assertThat(h.deadLetters()).singleElement().satisfies(d -> {
                assertThat(d.attempts()).as("the failed read is not the bulk call's").isEqualTo(1);
                assertThat(d.firstFailure()).isEqualTo(d.lastFailure());
            });
            assertThat(log.lines()).anyMatch(l -> l.contains("run 1 done: 3 threats on 2 pages (1 page read again"));
        }
    }

    @Test
    void aThreatWhoseSiteIsNotMappedBecomesItsOwnDeadLetterAndTheWatermarkMovesOn(@TempDir Path data)
            throws IOException {
        String updatedAt = "2018-02-27T04:49:26.257525Z"; // the sample's threatInfo.updatedAt
        seedWatermark(data, "2018-01-01T00:00:00Z");
        sentinelOne.stubFor(get(urlPathEqualTo(THREATS)).atPriority(5).willReturn(okJson(sample(UNMAPPED_SITE))));
        nothingSince(updatedAt, 0);
        try (PlaybookHarness h = start(data, Map.of())) {
            awaitWatermark(data, updatedAt);
            h.awaitQuiet();

            assertThat(bulkCalls(h)).isEmpty();
            assertThat(h.deadLetters()).singleElement().satisfies(d -> {
                assertThat(d.playbook()).isEqualTo("sentinelone-threat-sync");
                assertThat(d.incidentKey()).isEqualTo("SentinelOne:valid_threat_id_1");
                assertThat(d.problem().code()).isEqualTo("INCIDENT_FAILED");
                assertThat(d.reason()).contains("no ContraForce workspace is mapped for SentinelOne workspace 'string'");
                assertThat(d.trigger()).isEqualTo("quartz://soar/sentinelone-threat-sync run 1");
                assertThat(d.item().path("id").asText()).isEqualTo("valid_threat_id_1");
                assertThat(d.operation()).isEqualTo("run-playbook");
                assertThat(d.incident().path("id").asText()).isEqualTo("valid_threat_id_1");
            });
            assertThat(h.audit()).singleElement().satisfies(a -> {
                assertThat(a.result()).isEqualTo(AuditRecord.DEAD_LETTERED);
                assertThat(a.playbook()).isEqualTo("sentinelone-threat-sync");
            });
        }
    }

    @Test
    void aBrokenWatermarkFileFailsEachRunNamingItAndNothingIsRead(@TempDir Path data) throws IOException {
        twoPages(0);
        Files.createDirectories(watermarkFile(data).getParent());
        Files.writeString(watermarkFile(data), "{\"updatedAt\": ");
        try (PlaybookHarness h = start(data, Map.of())) {
            await().atMost(Duration.ofSeconds(10)).until(() -> log.lines().stream()
                    .filter(l -> l.contains("sentinelone-threat-sync.watermark.json is not a watermark")).count() >= 2);

            assertThat(sentinelOne.getAllServeEvents()).isEmpty();
            assertThat(Files.readString(watermarkFile(data))).isEqualTo("{\"updatedAt\": ");
        }
    }

    @Test
    void enabledWithoutAnApiTokenEachRunFailsNamingTheSettingAndNothingIsSent(@TempDir Path data) {
        twoPages(0);
        try (PlaybookHarness h = start(data, Map.of("sentinelone.api-token", ""))) {
            await().atMost(Duration.ofSeconds(10)).until(() -> log.lines().stream()
                    .filter(l -> l.contains("failed after 0 pages: SentinelOne API token is not set")).count() >= 2);

            assertThat(sentinelOne.getAllServeEvents()).isEmpty();
            assertThat(h.requests()).isEmpty();
            assertThat(Files.exists(watermarkFile(data))).isFalse();
        }
    }

    @Test
    void theScheduleIsOffUnlessEnabled(@TempDir Path data) {
        twoPages(0);
        Map<String, String> shipped = new LinkedHashMap<>(Map.of("sentinelone.base-url", sentinelOne.baseUrl(),
                "sentinelone.sync.cron", EVERY_SECOND));
        try (PlaybookHarness h = PlaybookHarness.start(data, Path.of("config"), shipped)) {
            assertThat(h.engine().context().getRouteController().getRouteStatus("sentinelone-threat-sync-scheduled"))
                    .isEqualTo(ServiceStatus.Stopped);
            assertThat(h.engine().context().getRouteController().getRouteStatus("sentinelone-threat-sync"))
                    .isEqualTo(ServiceStatus.Started);
            await().during(Duration.ofMillis(2500)).atMost(Duration.ofSeconds(4))
                    .until(() -> sentinelOne.getAllServeEvents().isEmpty());
            assertThat(Files.exists(watermarkFile(data))).isFalse();
        }
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    PlaybookHarness start(Path data, Map<String, String> extra) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("sentinelone.base-url", sentinelOne.baseUrl());
        props.put("sentinelone.sync.enabled", "true");
        props.put("sentinelone.sync.cron", EVERY_SECOND);
        props.put("sentinelone.sync.initial-lookback", LOOKBACK);
        props.putAll(extra);
        return PlaybookHarness.start(data, Path.of("config"), props);
    }

    /** Page 1 (the flat sample, whose nextCursor leads on), page 2 (the v2.1 sample, the last), nothing after W1. */
    void twoPages(int delayMillis) {
        pageOne(delayMillis);
        pageTwo(okJson(sample(V21)).withFixedDelay(delayMillis), 5);
        nothingSince(W1, delayMillis);
    }

    void pageOne(int delayMillis) {
        sentinelOne.stubFor(get(urlPathEqualTo(THREATS)).atPriority(5).withQueryParam("cursor", absent())
                .willReturn(okJson(sample(FLAT)).withFixedDelay(delayMillis)));
    }

    void pageTwo(ResponseDefinitionBuilder answer, int priority) {
        sentinelOne.stubFor(get(urlPathEqualTo(THREATS)).atPriority(priority)
                .withQueryParam("cursor", equalTo(flatCursor())).willReturn(answer));
    }

    /** Test-only filter expectation: SentinelOne has nothing updated after {@code watermark} (the real empty page). */
    void nothingSince(String watermark, int delayMillis) {
        sentinelOne.stubFor(get(urlPathEqualTo(THREATS)).atPriority(1)
                .withQueryParam("updatedAt__gt", equalTo(watermark))
                .willReturn(okJson(sample(EMPTY)).withFixedDelay(delayMillis)));
    }

    /** The read of the page at {@code cursor} (null: page 1) answers 503 once, then {@code then}. */
    void failsOnceThen(String cursor, ResponseDefinitionBuilder then) {
        String scenario = "page at " + cursor;
        var page = get(urlPathEqualTo(THREATS)).atPriority(5)
                .withQueryParam("cursor", cursor == null ? absent() : equalTo(cursor));
        sentinelOne.stubFor(page.inScenario(scenario).whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("back"));
        sentinelOne.stubFor(get(urlPathEqualTo(THREATS)).atPriority(5)
                .withQueryParam("cursor", cursor == null ? absent() : equalTo(cursor))
                .inScenario(scenario).whenScenarioStateIs("back").willReturn(then));
    }

    static ResponseDefinitionBuilder okJson(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
    }

    /** The threats reads SentinelOne received, oldest first. */
    List<LoggedRequest> gets() {
        List<LoggedRequest> requests = new ArrayList<>();
        sentinelOne.getAllServeEvents().forEach(e -> requests.add(e.getRequest()));
        Collections.reverse(requests);
        return requests.stream().filter(r -> r.getUrl().startsWith(THREATS + "?")).peek(r ->
                assertThat(r.getMethod().value()).isEqualTo("GET")).toList();
    }

    /** Waits until SentinelOne was asked for the threats updated after {@code watermark}. */
    void awaitReadFrom(String watermark) {
        await().atMost(Duration.ofSeconds(15)).until(() -> gets().stream()
                .anyMatch(r -> watermark.equals(param(r, "updatedAt__gt"))));
    }

    /** The index of the first read from {@code watermark}. */
    static int indexOf(List<LoggedRequest> gets, String watermark) {
        for (int i = 0; i < gets.size(); i++) {
            if (watermark.equals(param(gets.get(i), "updatedAt__gt"))) {
                return i;
            }
        }
        throw new AssertionError("no read from " + watermark);
    }

    static List<LoggedRequest> bulkCalls(PlaybookHarness h) {
        List<LoggedRequest> calls = h.requests();
        assertThat(calls).allSatisfy(r -> {
            assertThat(r.getMethod().value()).isEqualTo("POST");
            assertThat(r.getUrl()).isEqualTo(BULK);
        });
        return calls;
    }

    /** Every item of every bulk call, in call order. */
    static com.fasterxml.jackson.databind.JsonNode bulkItems(PlaybookHarness h) {
        var items = PlaybookHarness.JSON.createArrayNode();
        bulkCalls(h).forEach(r -> json(r.getBodyAsString()).path("items").forEach(items::add));
        return items;
    }

    static String param(LoggedRequest r, String name) {
        var p = r.queryParameter(name);
        return p.isPresent() ? p.firstValue() : null;
    }

    static Path watermarkFile(Path data) {
        return data.resolve("state").resolve("sentinelone-threat-sync.watermark.json");
    }

    static String seedWatermark(Path data, String updatedAt) throws IOException {
        String content = "{\"updatedAt\": \"" + updatedAt + "\", \"runAt\": \"" + updatedAt + "\", \"threats\": 0}";
        Files.createDirectories(watermarkFile(data).getParent());
        Files.writeString(watermarkFile(data), content);
        return content;
    }

    static void awaitWatermark(Path data, String updatedAt) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() ->
                Files.exists(watermarkFile(data))
                        && json(Files.readString(watermarkFile(data))).path("updatedAt").asText().equals(updatedAt));
    }

    static String flatCursor() {
        return json(sample(FLAT)).path("pagination").path("nextCursor").asText();
    }

    static String sample(String path) {
        try (InputStream in = ScheduledThreatSyncTest.class.getClassLoader().getResourceAsStream("samples/" + path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
