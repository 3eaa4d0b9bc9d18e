package org.soarplaybooks.faults;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;
import static org.soarplaybooks.testkit.PlaybookHarness.json;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.soarplaybooks.audit.AuditRecord;
import org.soarplaybooks.testkit.PlaybookHarness;

/**
 * A rate limit on one vendor does not hold up another vendor: while ContraForce's {@code Retry-After: 3} is being
 * waited out (no thread sleeps: asyncDelayedRedelivery), a SentinelOne call of another playbook goes out at once.
 *
 * <p>Two WireMock vendors: ContraForce answers the {@code sentinel-incident-sync} status update 429
 * {@code Retry-After: 3} once, then 204; SentinelOne answers the {@code contraforce-closure-to-sentinelone} threat
 * update 200 {@code {"data": {"affected": 1}}}. The closure file is dropped only after ContraForce's 429 went out,
 * so the SentinelOne call happens inside ContraForce's wait.
 */
class VendorIsolationTest {

    static final String SENTINEL_SAMPLE =
            "microsoft-sentinel/incident-73e01a99-closed-falsepositive-azure-rest-api-specs.json";
    static final String THREATS_INCIDENT_PATH = "/web/api/v2.1/threats/incident";
    static final String API_TOKEN = "isolation-test-token";

    /** A ContraForce webhook event (documented envelope): SentinelOne threat 123456 closed as TruePositive. */
    static final String CLOSURE_EVENT = """
            [{"type": "incident.updated.v1", "timestamp": "2026-04-23T09:12:04Z", "isTest": false,
              "occurredAt": "2026-04-23T09:11:58Z",
              "data": {"accountId": "5b0d7c3e-1f2a-4b6c-9d8e-7f6a5b4c3d2e", "accountName": "Example MSP SOC",
                "incidentId": "123456", "title": "cmd.exe (interactive session)", "severity": "High",
                "source": "sentinelone", "sourceDisplayName": "SentinelOne", "status": "Closed",
                "classification": "TruePositive", "classificationReason": "Malware",
                "createdAt": "2026-04-22T14:55:00Z", "lastActivityAt": "2026-04-23T09:11:58Z"}}]
            """;

    WireMockServer contraforce;
    WireMockServer sentinelone;

    @BeforeEach
    void startVendors() {
        contraforce = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
        sentinelone = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
        contraforce.start();
        sentinelone.start();
    }

    @AfterEach
    void stopVendors() {
        contraforce.stop();
        sentinelone.stop();
    }

    @Test
    void a429RetryAfterOnContraForceDoesNotDelaySentinelOneCalls(@TempDir Path data) {
        contraforce.stubFor(put(urlPathMatching("/api/v2/workspaces/.*/status")).inScenario("rate limit")
                .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("waited")
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "3")));
        contraforce.stubFor(put(urlPathMatching("/api/v2/workspaces/.*/status")).inScenario("rate limit")
                .whenScenarioStateIs("waited").willReturn(aResponse().withStatus(204)));
        sentinelone.stubFor(post(urlPathEqualTo(THREATS_INCIDENT_PATH)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"data\":{\"affected\":1},\"errors\":[]}")));

        try (PlaybookHarness h = PlaybookHarness.start(data, Path.of("config"), Map.of(
                "contraforce.base-url", contraforce.baseUrl(),
                "sentinelone.base-url", sentinelone.baseUrl(),
                "sentinelone.api-token", API_TOKEN))) {
            Path incident = h.dropSample("sentinel", SENTINEL_SAMPLE);
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10))
                    .until(() -> contraforce.getAllServeEvents().size() == 1);

            Instant closureDropped = Instant.now();
            Path closure = h.drop("contraforce-closures", "closure.json", CLOSURE_EVENT);
            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(10))
                    .until(() -> sentinelone.getAllServeEvents().size() == 1);
            h.awaitDone(closure);
            h.awaitDone(incident);

            List<Instant> contraforceCalls = times(contraforce);
            Instant sentineloneCall = times(sentinelone).get(0);
            assertThat(contraforceCalls).hasSize(2);
            Duration waited = Duration.between(contraforceCalls.get(0), contraforceCalls.get(1));
            Duration sentineloneAfterDrop = Duration.between(closureDropped, sentineloneCall);
            assertThat(waited).as("ContraForce's Retry-After: 3 was honoured").isGreaterThanOrEqualTo(
                    Duration.ofMillis(2950));
            assertThat(sentineloneAfterDrop).as("SentinelOne was called at once, during ContraForce's wait")
                    .isLessThan(Duration.ofSeconds(1));
            assertThat(sentineloneCall).as("SentinelOne call before ContraForce's retry")
                    .isBefore(contraforceCalls.get(1).minusMillis(1000));

            LoggedRequest s1 = sentinelone.getAllServeEvents().get(0).getRequest();
            assertThat(s1.getHeader("Authorization")).isEqualTo("ApiToken " + API_TOKEN);
            assertThat(json(s1.getBodyAsString())).isEqualTo(json("""
                    {"data": {"incidentStatus": "resolved", "analystVerdict": "true_positive"},
                     "filter": {"ids": ["123456"]}}"""));
            List<AuditRecord> audit = h.audit();
            assertThat(audit).extracting(AuditRecord::vendor, AuditRecord::result).containsExactly(
                    tuple("ContraForce", AuditRecord.RETRIED),
                    tuple("SentinelOne", AuditRecord.SENT),
                    tuple("ContraForce", AuditRecord.SENT));
            assertThat(h.deadLetters()).isEmpty();
            System.out.printf("vendor isolation: ContraForce retry after %d ms; SentinelOne called %d ms after its"
                    + " file was dropped, %d ms before ContraForce's retry%n", waited.toMillis(),
                    sentineloneAfterDrop.toMillis(), Duration.between(sentineloneCall, contraforceCalls.get(1))
                            .toMillis());
        }
    }

    private static List<Instant> times(WireMockServer vendor) {
        return vendor.getAllServeEvents().stream().map(e -> e.getRequest().getLoggedDate().toInstant())
                .sorted(Comparator.naturalOrder()).toList();
    }
}
