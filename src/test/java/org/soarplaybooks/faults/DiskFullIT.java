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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
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
 * delivery is answered 503 with nothing queued, and a playbook whose outcome cannot be written takes nothing more;
 * once there is room again, everything goes on by itself: the sender's retry is taken, each incident reached the
 * vendor, none more than twice (a call whose outcome could not be written is made once more), no dead letter.
 */
class DiskFullIT {

    static final String WORKSPACE = "6eca6a1f-2b3c-4d5e-8f90-a1b2c3d4e5f6";
    static final String SENTINEL_990001 =
            "/api/v2/workspaces/3f2a4b1c-7d5e-4c8a-9b6f-1e2d3c4b5a61/incidents/Sentinel/990001/status";
    static final String S1_INCIDENT = "/web/api/v2.1/threats/incident";
    /** A threat the simulator knows (it counts only those as affected). */
    static final String THREAT = "11111111111111";
    static final String CF_THREAT = "/api/v2/workspaces/" + WORKSPACE + "/incidents/SentinelOne/" + THREAT + "/status";

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

                await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                        .until(() -> Management.get(ctx, "/observe/health/ready").statusCode() == 503);
                assertThat(Management.get(ctx, "/observe/health/ready").body())
                        .contains("the data folder is not writable: No space left on device");

                // a webhook delivery: 503, nothing queued (its playbooks could record no outcome, nor it its audit
                // line), so the sender keeps it; one sent before the webhook's probe (at most 1 s old) saw the full
                // disk is queued (202) and goes through later like the rest
                AtomicInteger n = new AtomicInteger();
                AtomicReference<HttpResponse<String>> refused = new AtomicReference<>();
                await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() -> {
                    HttpResponse<String> r = post(port, n.incrementAndGet());
                    assertThat(r.statusCode()).as(r.body()).isIn(202, 503);
                    refused.set(r);
                    return r.statusCode() == 503;
                });
                assertThat(refused.get().body()).contains("\"code\":\"NOT_QUEUED\"");
                assertThat(refused.get().headers().firstValue("Retry-After")).hasValue("30");
                int sent = n.get();

                // the inbox file stays in its inbox, never in .failed/, as long as the disk is full
                await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                        .until(() -> Files.exists(dropped) && !Files.exists(dropped.resolveSibling(".failed")));

                // room again: everything goes on by itself, and the sender's retry of the refused delivery is taken
                Files.delete(filler);
                h.awaitDone(dropped);
                await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                        .until(() -> post(port, sent).statusCode() == 202);
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                        .until(() -> Management.get(ctx, "/observe/health/ready").statusCode() == 200 && h.quiet());
                assertThat(post(port, sent).statusCode()).as("queued once").isEqualTo(200);
                assertThat(h.deadLetters()).isEmpty();
                Map<String, Long> calls = h.requests().stream().collect(Collectors.groupingBy(x -> x.getUrl(),
                        Collectors.counting()));
                assertThat(calls).containsKeys(SENTINEL_990001, S1_INCIDENT, CF_THREAT);
                // the deliveries are updates of one incident: a run takes its newest update of those queued
                // together, and a call made while its outcome could not be written is made once more
                assertThat(calls).allSatisfy((url, count) -> assertThat(count).as(url)
                        .isBetween(1L, url.equals(SENTINEL_990001) ? 2L : 2L * sent));
                assertThat(h.audit()).filteredOn(a -> "sent".equals(a.result())).extracting(a -> a.incidentKey())
                        .contains("Sentinel:990001", "SentinelOne:" + THREAT);
            }
        } finally {
            run("umount", "-l", mount.toString());
        }
    }

    /** Delivery {@code n}: event {@code evt_full_<n>}, a new incident of threat {@link #THREAT}. */
    static HttpResponse<String> post(int port, int n) {
        String body = createdEvent("sentinelone", THREAT, WORKSPACE);
        return new WebhookClient(port).post("/webhooks/contraforce", contraForceHeaders("evt_full_" + n, now(), body),
                body);
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
