package org.soarplaybooks.playbook;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.soarplaybooks.testkit.PlaybookHarness.json;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.soarplaybooks.testkit.PlaybookHarness;

/**
 * One incident's updates are applied in the order they arrived, while different incidents run side by side: the
 * shipped sentinel-incident-sync (16 consumers) against a ContraForce that takes its time.
 */
class IncidentOrderTest {

    static final String WORKSPACE = "3f2a4b1c-7d5e-4c8a-9b6f-1e2d3c4b5a61";

    WireMockServer vendor;

    @BeforeEach
    void startVendor() {
        vendor = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort()
                .containerThreads(60));
        vendor.start();
    }

    @AfterEach
    void stopVendor() {
        vendor.stop();
    }

    PlaybookHarness start(Path data) {
        return PlaybookHarness.start(data, Path.of("config"), Map.of("contraforce.base-url", vendor.baseUrl()));
    }

    static String path(String name) {
        return "/api/v2/workspaces/" + WORKSPACE + "/incidents/Sentinel/" + name + "/status";
    }

    static String list(String... incidents) {
        return "{\"value\": [" + String.join(",", incidents) + "]}";
    }

    /** The PUTs of one incident, in the order the vendor got them. */
    List<ServeEvent> putsOf(String name) {
        return vendor.getAllServeEvents().stream().filter(e -> e.getRequest().getUrl().equals(path(name)))
                .sorted(Comparator.comparing(e -> e.getRequest().getLoggedDate())).toList();
    }

    static String status(ServeEvent e) {
        return json(e.getRequest().getBodyAsString()).path("status").asText();
    }

    @Test
    void twoUpdatesOfOneIncidentArrivingTogetherAreSentOneAfterTheOtherInTheirOrder(@TempDir Path data) {
        int vendorMillis = 300;
        vendor.stubFor(put(urlPathMatching(".*")).willReturn(aResponse().withStatus(204)
                .withFixedDelay(vendorMillis)));
        try (PlaybookHarness h = start(data)) {
            h.awaitDone(h.drop("sentinel", "twice.json", list(
                    SentinelIncidentSyncTest.incident("4001", "sentinel", "Active"),
                    SentinelIncidentSyncTest.incident("4001", "sentinel", "Closed"))));

            List<ServeEvent> puts = putsOf("4001");
            assertThat(puts).extracting(IncidentOrderTest::status).containsExactly("Active", "Closed");
            long gap = puts.get(1).getRequest().getLoggedDate().getTime()
                    - puts.get(0).getRequest().getLoggedDate().getTime();
            assertThat(gap).as("the second starts once the first was answered").isGreaterThanOrEqualTo(vendorMillis);
        }
    }

    @Test
    void anUpdateWaitingForARetryIsNotOvertakenByTheNextUpdateOfItsIncident(@TempDir Path data) {
        // the first call for incident 4002 is answered 429 Retry-After 1; every later call 204
        vendor.stubFor(put(urlPathEqualTo(path("4002"))).inScenario("rate").whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("passed").willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")));
        vendor.stubFor(put(urlPathEqualTo(path("4002"))).inScenario("rate").whenScenarioStateIs("passed")
                .willReturn(aResponse().withStatus(204)));
        try (PlaybookHarness h = start(data)) {
            h.awaitDone(h.drop("sentinel", "closed-then-new.json", list(
                    SentinelIncidentSyncTest.incident("4002", "sentinel", "Closed"),
                    SentinelIncidentSyncTest.incident("4002", "sentinel", "New"))));

            assertThat(putsOf("4002")).extracting(e -> status(e) + " " + e.getResponse().getStatus())
                    .as("Closed is refused for a second, then sent; New waits its turn: the last word is New")
                    .containsExactly("Closed 429", "Closed 204", "New 204");
            assertThat(h.deadLetters()).isEmpty();
        }
    }

    @Test
    void aThousandIncidentsRunSideBySide(@TempDir Path data) {
        int vendorMillis = 100;
        vendor.stubFor(put(urlPathMatching(".*")).willReturn(aResponse().withStatus(204)
                .withFixedDelay(vendorMillis)));
        List<String> incidents = IntStream.range(0, 1000).mapToObj(i -> SentinelIncidentSyncTest.incident(
                String.valueOf(50_000 + i), "sentinel", "Active")).toList();
        try (PlaybookHarness h = start(data)) {
            h.awaitDone(h.drop("sentinel", "thousand.json", list(incidents.toArray(String[]::new))));

            List<ServeEvent> puts = vendor.getAllServeEvents();
            assertThat(puts.stream().map(e -> e.getRequest().getUrl()).collect(Collectors.toSet()))
                    .as("each incident once").hasSize(1000);
            assertThat(puts).hasSize(1000);
            assertThat(mostAtOnce(puts, vendorMillis)).as("calls the vendor had in hand at the same time")
                    .isGreaterThanOrEqualTo(8);
        }
    }

    /** The most calls whose [arrival, arrival + vendor time) overlap at one instant. */
    static int mostAtOnce(List<ServeEvent> calls, int vendorMillis) {
        List<long[]> edges = new ArrayList<>();
        for (ServeEvent e : calls) {
            long at = e.getRequest().getLoggedDate().getTime();
            edges.add(new long[] {at, 1});
            edges.add(new long[] {at + vendorMillis, -1});
        }
        edges.sort(Comparator.<long[]>comparingLong(x -> x[0]).thenComparingLong(x -> x[1]));
        int now = 0;
        int most = 0;
        for (long[] edge : edges) {
            now += (int) edge[1];
            most = Math.max(most, now);
        }
        return most;
    }
}
