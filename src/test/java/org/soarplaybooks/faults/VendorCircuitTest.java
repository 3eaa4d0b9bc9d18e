package org.soarplaybooks.faults;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.soarplaybooks.audit.AuditRecord;
import org.soarplaybooks.deadletter.DeadLetter;
import org.soarplaybooks.deadletter.DeadLetterReplay;
import org.soarplaybooks.faults.IncidentLedger.Expected;
import org.soarplaybooks.testkit.Management;
import org.soarplaybooks.testkit.PlaybookHarness;

/**
 * Vendor circuits over real HTTP: a WireMock ContraForce that answers 503 to every status update opens the circuit
 * after {@code playbooks.circuit.failure-threshold} calls; while open no call reaches it and readiness is 503 naming
 * it; a success closes it; every incident ends acknowledged or dead-lettered exactly once.
 */
class VendorCircuitTest {

    private static final String STATUS_PATHS = "/api/v2/workspaces/[^/]+/incidents/Sentinel/[^/]+/status";
    private static final String CIRCUIT_DOWN = "{\"name\":\"circuit-ContraForce\",\"status\":\"DOWN\","
            + "\"message\":\"the circuit of ContraForce is open";

    WireMockServer vendor;

    @BeforeEach
    void startVendor() {
        vendor = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
        vendor.start();
        answerEveryStatusUpdate(503);
    }

    @AfterEach
    void stopVendor() {
        vendor.stop();
    }

    @Test
    void repeated503sOpenTheCircuitNoCallGoesWhileOpenAndASuccessClosesIt(@TempDir Path data) {
        List<String> ids = ids(3);
        // one incident at a time: the third failed call opens the circuit; retries then fail fast without a call
        // until the circuit lets a trial through
        try (PlaybookHarness h = start(data, Map.of("playbooks.circuit.failure-threshold", "3",
                "playbooks.circuit.open-for", "3000", "playbooks.retry.max-attempts", "20",
                "playbooks.consumers", "1"))) {
            CamelContext ctx = h.engine().context();
            Path dropped = h.drop("sentinel", "three-incidents.json", Inputs.sentinelIncidents(ids));

            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                    .until(() -> Management.get(ctx, "/observe/health/ready").body().contains(CIRCUIT_DOWN));
            assertThat(Management.get(ctx, "/observe/health/ready").statusCode()).isEqualTo(503);
            assertThat(Management.get(ctx, "/observe/health/live").statusCode()).isEqualTo(200);
            assertThat(calls()).as("the threshold: 3 failed calls in a row").isEqualTo(3);
            assertThat(Management.scrape(ctx)).containsEntry("playbooks_circuit_state{vendor=\"ContraForce\"}", 2.0);

            // open: no call reaches the vendor (the incident keeps being retried, failing fast, meanwhile)
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofMillis(1500)).pollInterval(Duration.ofMillis(20))
                    .until(() -> calls() == 3);

            // the vendor recovers: the trial call after open-for succeeds and closes the circuit
            vendor.resetMappings();
            answerEveryStatusUpdate(204);
            h.awaitDone(dropped);
            assertThat(Management.get(ctx, "/observe/health/ready").statusCode()).isEqualTo(200);
            assertThat(Management.scrape(ctx)).containsEntry("playbooks_circuit_state{vendor=\"ContraForce\"}", 0.0);

            IncidentLedger.assertEveryIncidentAccountedFor(ids, "Sentinel:",
                    IncidentLedger.acknowledgedStatusUpdates(journal(), Duration.ofSeconds(30)), h.deadLetters(),
                    Map.of());
            // which incident's retry made which of the 3 failed calls depends on when each retry came back; in all:
            // the 3 calls that opened the circuit, none while open, then one accepted call per incident
            assertThat(IncidentLedger.statusUpdateCalls(journal()).values().stream().mapToInt(Integer::intValue)
                    .sum()).as("calls in all").isEqualTo(6);
            assertThat(IncidentLedger.acknowledgedStatusUpdates(journal(), Duration.ofSeconds(30)))
                    .as("each incident accepted once").containsOnlyKeys(ids).allSatisfy((id, n) ->
                            assertThat(n).isEqualTo(1));
            assertThat(h.audit()).filteredOn(a -> AuditRecord.SENT.equals(a.result()))
                    .extracting(AuditRecord::incidentKey).containsExactlyInAnyOrderElementsOf(
                            ids.stream().map(id -> "Sentinel:" + id).toList());
            assertThat(h.audit()).filteredOn(a -> AuditRecord.RETRIED.equals(a.result()))
                    .extracting(AuditRecord::reason).anyMatch(r -> r.startsWith("CIRCUIT_OPEN"))
                    .filteredOn(r -> r.startsWith("503")).hasSize(3);
        }
    }

    @Test
    void callsRefusedByAnOpenCircuitBecomeDeadLettersOnceAndReplayClearsThem(@TempDir Path data) {
        List<String> ids = ids(3);
        // open longer than the retry policy waits: refused calls go to the dead letter at once
        try (PlaybookHarness h = start(data, Map.of("playbooks.circuit.failure-threshold", "2",
                "playbooks.circuit.open-for", "4000", "playbooks.retry.retry-after-cap", "1000",
                "playbooks.consumers", "1"))) {
            CamelContext ctx = h.engine().context();
            Path dropped = h.drop("sentinel", "three-incidents.json", Inputs.sentinelIncidents(ids));
            h.awaitDone(dropped);

            assertThat(calls()).as("2 failed calls opened the circuit; nothing after").isEqualTo(2);
            Map<String, Expected> expected = new LinkedHashMap<>();
            ids.forEach(id -> expected.put(id, new Expected("CIRCUIT_OPEN", null,
                    "(the vendor's circuit stays open", null)));
            IncidentLedger.assertEveryIncidentAccountedFor(ids, "Sentinel:",
                    IncidentLedger.acknowledgedStatusUpdates(journal(), Duration.ofSeconds(30)), h.deadLetters(),
                    expected);
            Map<String, Double> m = Management.scrape(ctx);
            assertThat(m).containsEntry("playbooks_dead_letters_waiting{playbook=\"sentinel-incident-sync\"}", 3.0);
            assertThat(Management.sum(m, "playbooks_dead_letters_total", "playbook=\"sentinel-incident-sync\""))
                    .isEqualTo(3);

            // the vendor recovers; once the circuit lets a trial through, the replayed dead letters are accepted
            vendor.resetMappings();
            answerEveryStatusUpdate(204);
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                    .until(() -> Management.get(ctx, "/observe/health/ready").statusCode() == 200);
            DeadLetterReplay replay = new DeadLetterReplay(h.data(), h.engine().beans().deadLetters(),
                    PlaybookHarness.JSON);
            List<DeadLetter> letters = h.deadLetters();
            h.awaitGone(replay.writeReplayFile(letters.get(0)).orElseThrow());
            assertThat(Management.scrape(ctx))
                    .containsEntry("playbooks_dead_letters_waiting{playbook=\"sentinel-incident-sync\"}", 2.0);
            List<Path> more = new ArrayList<>();
            letters.subList(1, 3).forEach(d -> more.add(replay.writeReplayFile(d).orElseThrow()));
            more.forEach(h::awaitGone);

            assertThat(h.deadLetters()).isEmpty();
            m = Management.scrape(ctx);
            assertThat(m).containsEntry("playbooks_dead_letters_waiting{playbook=\"sentinel-incident-sync\"}", 0.0);
            assertThat(Management.sum(m, "playbooks_calls_total", "outcome=\"sent\"")).isEqualTo(3);
            assertThat(IncidentLedger.acknowledgedStatusUpdates(journal(), Duration.ofSeconds(30)))
                    .as("each incident acknowledged once").containsOnlyKeys(ids).allSatisfy((id, n) ->
                            assertThat(n).isEqualTo(1));
        }
    }

    private void answerEveryStatusUpdate(int status) {
        vendor.stubFor(put(urlPathMatching(STATUS_PATHS)).willReturn(aResponse().withStatus(status)));
    }

    private int calls() {
        return vendor.getAllServeEvents().size();
    }

    private List<ServeEvent> journal() {
        return vendor.getAllServeEvents().stream()
                .sorted(Comparator.comparing(e -> e.getRequest().getLoggedDate())).toList();
    }

    private static List<String> ids(int n) {
        return IntStream.range(0, n).mapToObj(i -> "73e01a99-5cd7-4139-a149-9f2736ff2c%02d".formatted(i)).toList();
    }

    private PlaybookHarness start(Path data, Map<String, String> more) {
        Map<String, String> overrides = new LinkedHashMap<>(more);
        overrides.put("contraforce.base-url", vendor.baseUrl());
        return PlaybookHarness.start(data, Path.of("config"), overrides);
    }
}
