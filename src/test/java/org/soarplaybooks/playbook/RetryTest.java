package org.soarplaybooks.playbook;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.soarplaybooks.audit.AuditRecord;
import org.soarplaybooks.deadletter.DeadLetter;
import org.soarplaybooks.testkit.PlaybookHarness;

/** Failed ContraForce calls are retried when retrying can help, and dead-lettered when not. */
class RetryTest {

    static final String SAMPLE = "microsoft-sentinel/incident-1505-active-rapid7.json";

    WireMockServer vendor;

    @BeforeEach
    void startVendor() {
        vendor = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
        vendor.start();
    }

    @AfterEach
    void stopVendor() {
        vendor.stop();
    }

    /** The vendor answers {@code first}, then 204 for every later call. */
    void firstThenNoContent(com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder first) {
        vendor.stubFor(put(urlPathMatching(".*")).inScenario("s").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(first).willSetStateTo("recovered"));
        vendor.stubFor(put(urlPathMatching(".*")).inScenario("s").whenScenarioStateIs("recovered")
                .willReturn(aResponse().withStatus(204)));
    }

    PlaybookHarness start(Path data) {
        return PlaybookHarness.start(data, Path.of("config"), Map.of("contraforce.base-url", vendor.baseUrl()));
    }

    @Test
    void aTransient503IsRetriedAndTheIncidentIsSent(@TempDir Path data) {
        firstThenNoContent(aResponse().withStatus(503));
        try (PlaybookHarness h = start(data)) {
            h.awaitDone(h.dropSample("sentinel", SAMPLE));

            assertThat(vendor.getAllServeEvents()).hasSize(2);
            assertThat(h.audit()).extracting(AuditRecord::result).containsExactly("retried", "sent");
            assertThat(h.deadLetters()).isEmpty();
        }
    }

    @Test
    void a429WaitsForRetryAfter(@TempDir Path data) {
        firstThenNoContent(aResponse().withStatus(429).withHeader("Retry-After", "1"));
        try (PlaybookHarness h = start(data)) {
            h.awaitDone(h.dropSample("sentinel", SAMPLE));

            List<LoggedRequest> calls = requestsOldestFirst();
            assertThat(calls).hasSize(2);
            Duration gap = Duration.between(calls.get(0).getLoggedDate().toInstant(),
                    calls.get(1).getLoggedDate().toInstant());
            assertThat(gap).isBetween(Duration.ofMillis(950), Duration.ofSeconds(5));
            assertThat(h.audit().get(0).reason()).contains("429").contains("next in 1000 ms");
            assertThat(h.deadLetters()).isEmpty();
        }
    }

    @Test
    void aRetryAfterBeyondTheCapGoesToTheDeadLetterAtOnce(@TempDir Path data) {
        vendor.stubFor(put(urlPathMatching(".*")).willReturn(aResponse().withStatus(429)
                .withHeader("Retry-After", "600").withHeader("ot-requests-allowed", "20000")));
        try (PlaybookHarness h = start(data)) {
            h.awaitDone(h.dropSample("sentinel", SAMPLE));

            assertThat(vendor.getAllServeEvents()).hasSize(1);
            DeadLetter d = onlyDeadLetter(h);
            assertThat(d.reason()).contains("429").contains("600 s").contains("cap of 120 s");
            assertThat(d.problem().header("Retry-After")).isEqualTo("600");
            assertThat(d.problem().header("ot-requests-allowed")).isEqualTo("20000");
            assertThat(d.attempts()).isEqualTo(1);
        }
    }

    @Test
    void retriesUsedUpLeaveOneDeadLetterWithEveryAttemptCounted(@TempDir Path data) {
        vendor.stubFor(put(urlPathMatching(".*")).willReturn(aResponse().withStatus(500)));
        try (PlaybookHarness h = start(data)) {
            h.awaitDone(h.dropSample("sentinel", SAMPLE));

            assertThat(vendor.getAllServeEvents()).hasSize(5);
            DeadLetter d = onlyDeadLetter(h);
            assertThat(d.attempts()).isEqualTo(5);
            assertThat(d.reason()).contains("retries used up after 5 attempts");
            assertThat(d.lastFailure()).isAfter(d.firstFailure());
            assertThat(h.audit()).extracting(AuditRecord::result)
                    .containsExactly("retried", "retried", "retried", "retried", "dead-lettered");
        }
    }

    @Test
    void aClientErrorIsNotRetried(@TempDir Path data) {
        vendor.stubFor(put(urlPathMatching(".*")).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/problem+json")
                .withBody("{\"title\":\"One or more validation errors occurred.\",\"status\":400,"
                        + "\"code\":\"VALIDATION_ERROR\",\"errors\":{\"status\":[\"bad\"]}}")));
        try (PlaybookHarness h = start(data)) {
            h.awaitDone(h.dropSample("sentinel", SAMPLE));

            assertThat(vendor.getAllServeEvents()).hasSize(1);
            assertThat(onlyDeadLetter(h).problem().code()).isEqualTo("VALIDATION_ERROR");
        }
    }

    @Test
    void aConnectionResetIsRetried(@TempDir Path data) {
        firstThenNoContent(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
        try (PlaybookHarness h = start(data)) {
            h.awaitDone(h.dropSample("sentinel", SAMPLE));

            assertThat(vendor.getAllServeEvents()).hasSize(2);
            assertThat(h.audit()).extracting(AuditRecord::result).containsExactly("retried", "sent");
        }
    }

    @Test
    void theVendorsOwnResponseTimeoutAppliesAndTheSlowCallIsRetried(@TempDir Path data) {
        firstThenNoContent(aResponse().withStatus(204).withFixedDelay(3000));
        try (PlaybookHarness h = PlaybookHarness.start(data, Path.of("config"), Map.of(
                "contraforce.base-url", vendor.baseUrl(), "contraforce.response-timeout", "300"))) {
            h.awaitDone(h.dropSample("sentinel", SAMPLE));

            assertThat(vendor.getAllServeEvents()).hasSize(2);
            AuditRecord retried = h.audit().get(0);
            assertThat(retried.result()).isEqualTo("retried");
            assertThat(retried.reason()).contains("CONNECTION_FAILURE").contains("Timeout");
            assertThat(retried.durationMs()).as("gave up after about 300 ms, not 3 s").isLessThan(1500);
            assertThat(h.audit().get(1).result()).isEqualTo("sent");
        }
    }

    private List<LoggedRequest> requestsOldestFirst() {
        return vendor.getAllServeEvents().stream().map(e -> e.getRequest())
                .sorted(java.util.Comparator.comparing(LoggedRequest::getLoggedDate)).toList();
    }

    private static DeadLetter onlyDeadLetter(PlaybookHarness h) {
        assertThat(h.deadLetters()).hasSize(1);
        return h.deadLetters().get(0);
    }
}
