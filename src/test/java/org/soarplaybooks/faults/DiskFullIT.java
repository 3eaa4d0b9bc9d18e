package org.soarplaybooks.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.soarplaybooks.webhook.WebhookClient.contraForceHeaders;
import static org.soarplaybooks.webhook.WebhookClient.createdEvent;
import static org.soarplaybooks.webhook.WebhookClient.now;

import java.io.IOException;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.soarplaybooks.playbook.SentinelIncidentSyncTest;
import org.soarplaybooks.testkit.Management;
import org.soarplaybooks.testkit.PlaybookHarness;
import org.soarplaybooks.webhook.WebhookClient;

/**
 * A data folder on a file system that fills up (a real tmpfs of 64 MiB, mounted by the test: needs root, as CI has):
 * while it is full, readiness is DOWN naming it, an inbox file stays in its inbox (never in .failed/), a webhook
 * delivery is still queued (the embedded broker writes into journal files it allocated at start; when it cannot,
 * the answer is 503, see ExternalBrokerIT), and a playbook whose outcome cannot be written takes nothing more; once
 * there is room again, everything goes on by itself: each incident reached the vendor, none twice more than once,
 * no dead letter.
 */
class DiskFullIT {

    static final String WORKSPACE = "6eca6a1f-2b3c-4d5e-8f90-a1b2c3d4e5f6";
    static final String SENTINEL_990001 =
            "/api/v2/workspaces/3f2a4b1c-7d5e-4c8a-9b6f-1e2d3c4b5a61/incidents/Sentinel/990001/status";
    static final String S1_INCIDENT = "/web/api/v2.1/threats/incident";
    static final String CF_123456 = "/api/v2/workspaces/" + WORKSPACE + "/incidents/SentinelOne/123456/status";

    @Test
    void whileTheDiskIsFullNothingIsLostAndOnceThereIsRoomEverythingGoesOn(@TempDir Path tmp) throws Exception {
        Path mount = Files.createDirectories(tmp.resolve("small-disk"));
        run("mount", "-t", "tmpfs", "-o", "size=64m", "tmpfs", mount.toString());
        try {
            int port = PlaybookHarness.freePort();
            Path data = mount.resolve("data");
            try (PlaybookHarness h = PlaybookHarness.start(data, Path.of("config"), Map.of(
                    "camel.server.port", String.valueOf(port),
                    "contraforce.webhook.secret", WebhookClient.CF_SECRET))) {
                var ctx = h.engine().context();
                await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                        .until(() -> Management.get(ctx, "/observe/health/ready").statusCode() == 200);
                // the inbox route waits for now, so the file can be written before the disk is full
                h.stopPlaybook("sentinel-incident-sync-inbox");
                Path dropped = h.drop("sentinel", "while-full.json", SentinelIncidentSyncTest.incident("990001",
                        "sentinel", "Closed"));

                Path filler = mount.resolve("filler");
                fill(filler);
                h.startPlaybook("sentinel-incident-sync-inbox");

                // a webhook delivery: the embedded broker still has room in its pre-allocated journal, so the
                // event is queued (202) even though its audit line cannot be written (the log says so)
                HttpResponse<String> r = post(port, "evt_full_1");
                assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
                await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                        .until(() -> Management.get(ctx, "/observe/health/ready").statusCode() == 503);
                assertThat(Management.get(ctx, "/observe/health/ready").body())
                        .contains("the data folder is not writable: No space left on device");
                // the inbox file stays in its inbox, never in .failed/, as long as the disk is full
                await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                        .until(() -> Files.exists(dropped) && !Files.exists(dropped.resolveSibling(".failed")));

                // room again: everything goes on by itself
                Files.delete(filler);
                h.awaitDone(dropped);
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                        .until(() -> Management.get(ctx, "/observe/health/ready").statusCode() == 200 && h.quiet());
                assertThat(post(port, "evt_full_1").statusCode()).as("queued while the disk was full").isEqualTo(200);
                assertThat(h.deadLetters()).isEmpty();
                Map<String, Long> calls = h.requests().stream().collect(Collectors.groupingBy(x -> x.getUrl(),
                        Collectors.counting()));
                // each reached the vendor; a call made while its outcome could not be written is made once more
                assertThat(calls).containsKeys(SENTINEL_990001, S1_INCIDENT, CF_123456);
                assertThat(calls).allSatisfy((url, n) -> assertThat(n).as(url).isBetween(1L, 2L));
                assertThat(h.audit()).filteredOn(a -> "sent".equals(a.result())).extracting(a -> a.incidentKey())
                        .contains("Sentinel:990001", "SentinelOne:123456");
            }
        } finally {
            run("umount", "-l", mount.toString());
        }
    }

    static HttpResponse<String> post(int port, String eventId) {
        String body = createdEvent("sentinelone", "123456", WORKSPACE);
        return new WebhookClient(port).post("/webhooks/contraforce", contraForceHeaders(eventId, now(), body), body);
    }

    /** Writes to {@code file} until the file system says it is full. */
    static void fill(Path file) {
        byte[] chunk = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(file)) {
            while (true) {
                out.write(chunk);
            }
        } catch (IOException full) {
            assertThat(full.getMessage()).contains("No space left on device");
        }
    }

    static void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed (the test needs root to mount a"
                    + " tmpfs): " + out);
        }
    }
}
