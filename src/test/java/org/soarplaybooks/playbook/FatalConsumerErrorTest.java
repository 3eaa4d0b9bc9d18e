package org.soarplaybooks.playbook;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.soarplaybooks.testkit.LogLines;
import org.soarplaybooks.testkit.Management;
import org.soarplaybooks.testkit.PlaybookHarness;

/**
 * A playbook whose consumer dies of an OutOfMemoryError: readiness goes DOWN with the reason, the error is logged
 * once with what to do, its incidents stay on the queue (no dead letter: the incident is not at fault), and the
 * other playbooks go on.
 */
class FatalConsumerErrorTest {

    /** The playbook step of {@code hungry.camel.yaml}: asks for more than any heap can give. */
    public static final class Hungry {
        public long[] allocate() {
            return new long[Integer.MAX_VALUE]; // OutOfMemoryError: Requested array size exceeds VM limit
        }
    }

    WireMockServer vendor;

    @BeforeEach
    void startVendor() {
        vendor = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
        vendor.start();
        vendor.stubFor(put(urlPathMatching(".*")).willReturn(aResponse().withStatus(204)));
    }

    @AfterEach
    void stopVendor() {
        vendor.stop();
    }

    @Test
    void anOutOfMemoryErrorMakesReadinessDownOnceKeepsItsIncidentsAndOtherPlaybooksGoOn(@TempDir Path tmp)
            throws IOException {
        Path routes = Files.createDirectories(tmp.resolve("routes"));
        Files.copy(Path.of("routes/sentinel-incident-sync.camel.yaml"), routes.resolve("sentinel.camel.yaml"));
        Files.copy(Path.of("routes/error-handlers.camel.yaml"), routes.resolve("error-handlers.camel.yaml"));
        Files.copy(Path.of("src/test/resources/playbooks/fatal/hungry.camel.yaml"),
                routes.resolve("hungry.camel.yaml"));
        try (LogLines log = LogLines.capture("soar.queue");
             PlaybookHarness h = PlaybookHarness.start(tmp.resolve("data"), Path.of("config"), routes,
                     Map.of("contraforce.base-url", vendor.baseUrl()))) {
            var ctx = h.engine().context();
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                    .until(() -> Management.get(ctx, "/observe/health/ready").statusCode() == 200);

            Path dropped = h.drop("hungry", "three.json", IncidentOrderTest.list(
                    SentinelIncidentSyncTest.incident("9001", "sentinel", "Active"),
                    SentinelIncidentSyncTest.incident("9002", "sentinel", "Active"),
                    SentinelIncidentSyncTest.incident("9003", "sentinel", "Active")));
            // (not awaitDone: its incidents never leave the queue)
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(dropped.resolveSibling(".done")
                    .resolve("three.json")));

            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                    .until(() -> Management.get(ctx, "/observe/health/ready").statusCode() == 503);
            String ready = Management.get(ctx, "/observe/health/ready").body();
            assertThat(ready).contains("\"name\":\"queue\"").contains("hungry: a consumer stopped on "
                    + "java.lang.OutOfMemoryError").contains("more heap (-Xmx)");
            assertThat(Management.get(ctx, "/observe/health/live").statusCode()).isEqualTo(200);

            // the other playbook goes on
            h.drop("sentinel", "other.json", SentinelIncidentSyncTest.incident("9100", "sentinel", "Closed"));
            await().atMost(Duration.ofSeconds(10)).until(() -> h.engine().beans().queues()
                    .messageCount("playbook.sentinel-incident-sync") == 0 && !vendor.findAll(
                    putRequestedFor(urlPathMatching(".*/incidents/Sentinel/9100/status"))).isEmpty());
            vendor.verify(1, putRequestedFor(urlPathMatching(".*/incidents/Sentinel/9100/status")));

            // both consumers died (each on its own incident); the error is logged once, nothing is dead-lettered,
            // and the three incidents wait on the queue for the restart
            await().atMost(Duration.ofSeconds(10)).until(() -> h.engine().beans().queues()
                    .messageCount("playbook.hungry") == 3);
            assertThat(log.lines()).filteredOn(l -> l.contains("a consumer stopped on")).hasSize(1);
            assertThat(h.deadLetters()).isEmpty();
        }
    }
}
