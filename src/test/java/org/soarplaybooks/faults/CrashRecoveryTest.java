package org.soarplaybooks.faults;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.soarplaybooks.cli.GracefulStop;
import org.soarplaybooks.cli.SoarPlaybooks;
import org.soarplaybooks.deadletter.DeadLetter;
import org.soarplaybooks.deadletter.DeadLetterStore;
import org.soarplaybooks.testkit.PlaybookHarness;

/**
 * Stopping and crashing lose nothing: the engine runs in a child JVM ({@code soar-playbooks run}, as users run it)
 * on a file of thousands of incidents, is stopped ({@code SIGTERM}) or killed ({@code kill -9}) part-way, and a new
 * child on the same data folder finishes the work. Every incident was then accepted by the vendor or sits once in
 * the dead-letter store ({@link IncidentLedger}); what the vendor had confirmed is not sent again, but for the
 * batch in flight at a {@code kill -9}.
 */
class CrashRecoveryTest {

    static final String CLIENT_ID = "crash-test-client";
    static final String CLIENT_SECRET = "crash-test-secret";

    WireMockServer vendor;
    final List<Process> children = new ArrayList<>();

    @BeforeEach
    void startVendor() {
        vendor = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort()
                .extensions(new BulkAnswerTransformer()).containerThreads(40));
        vendor.start();
    }

    @AfterEach
    void stopAll() {
        children.forEach(Process::destroyForcibly);
        vendor.stop();
    }

    /**
     * 2,000 SentinelOne threats in ContraForce bulk calls of 10 (10 ms each); {@code kill -9} after a third of the
     * calls. The playbook takes one batch at a time and acknowledges it only once its outcome is recorded, so the
     * restart sends again at most that one batch.
     */
    @Test
    void aKillMidBatchLosesNoThreatAndSendsAgainAtMostTheBatchInFlight(@TempDir Path tmp) throws Exception {
        int threats = 2000;
        int maxItems = 10;
        answerBulkCalls(10);
        List<String> ids = ids("1778148227837", threats);
        Path config = config(tmp.resolve("config"), Map.of("contraforce.bulk.max-items", String.valueOf(maxItems)));
        Path data = tmp.resolve("data");
        Path inbox = drop(data.resolve("inbox/sentinelone"), "threats-2000.json", Inputs.sentinelOneThreats(ids));

        Process first = run(config, data, tmp.resolve("run-1.log"));
        awaitOrExplain("a third of the calls in the first run", Duration.ofSeconds(60), tmp.resolve("run-1.log"),
                () -> calls() >= threats / maxItems / 3);
        kill(first);
        int callsBeforeKill = calls();
        assertThat(callsBeforeKill).as("killed mid-way").isLessThan(threats / maxItems);

        Process second = run(config, data, tmp.resolve("run-2.log"));
        awaitOrExplain("every threat accepted or dead-lettered", Duration.ofSeconds(60), tmp.resolve("run-2.log"),
                () -> accountedFor(bulkAccepted(), deadLetters(data), "SentinelOne:", ids));
        GracefulStop.stop(second, tmp.resolve("run-2.log"));

        Map<String, Integer> accepted = bulkAccepted();
        IncidentLedger.assertEveryIncidentAccountedFor(ids, "SentinelOne:", accepted, deadLetters(data), Map.of());
        long sentTwice = accepted.values().stream().filter(n -> n > 1).count();
        assertThat(sentTwice).as("threats the vendor confirmed and got again: the one batch in flight at most")
                .isLessThanOrEqualTo(maxItems);
        assertThat(filesIn(inbox.resolve(".done"))).containsExactly("threats-2000.json");
        assertThat(filesIn(inbox)).as("nothing left in the inbox").isEmpty();
        assertThat(vendor.findAllUnmatchedRequests()).as("every call carried the service account").isEmpty();
        System.out.printf("kill -9 mid-batch: %d threats, %d calls before the kill, %d after, %d threats sent twice%n",
                threats, callsBeforeKill, calls() - callsBeforeKill, sentTwice);
    }

    /**
     * A file of 60,000 threats; {@code kill -9} while it is still being taken in (its progress is recorded, the file
     * not yet done). The restart resumes the file after its last recorded chunk: no threat is queued twice (the
     * broker refuses the duplicate ids of the chunk committed just before the kill), so none is sent twice but for
     * the one batch in flight.
     */
    @Test
    void aKillWhileAFileIsTakenInResumesItAndQueuesNothingTwice(@TempDir Path tmp) throws Exception {
        int threats = 60_000;
        int maxItems = 100;
        answerBulkCalls(0);
        List<String> ids = ids("1778148200000", threats);
        Path config = config(tmp.resolve("config"), Map.of("contraforce.bulk.max-items", String.valueOf(maxItems)));
        Path data = tmp.resolve("data");
        Path inbox = drop(data.resolve("inbox/sentinelone"), "threats-60000.json", Inputs.sentinelOneThreats(ids));
        Path progress = data.resolve("state/intake/sentinelone-threat-sync");

        Process first = run(config, data, tmp.resolve("run-1.log"));
        awaitOrExplain("the file part-way in", Duration.ofSeconds(60), tmp.resolve("run-1.log"),
                () -> !filesIn(progress).isEmpty());
        kill(first);
        assertThat(filesIn(inbox)).as("killed while the file was being taken in").contains("threats-60000.json");
        int callsBeforeKill = calls();

        Process second = run(config, data, tmp.resolve("run-2.log"));
        awaitOrExplain("every threat accepted or dead-lettered", Duration.ofSeconds(90), tmp.resolve("run-2.log"),
                () -> accountedFor(bulkAccepted(), deadLetters(data), "SentinelOne:", ids));
        GracefulStop.stop(second, tmp.resolve("run-2.log"));

        Map<String, Integer> accepted = bulkAccepted();
        IncidentLedger.assertEveryIncidentAccountedFor(ids, "SentinelOne:", accepted, deadLetters(data), Map.of());
        long sentTwice = accepted.values().stream().filter(n -> n > 1).count();
        assertThat(sentTwice).as("threats sent twice: the one batch in flight at most").isLessThanOrEqualTo(maxItems);
        assertThat(filesIn(inbox.resolve(".done"))).containsExactly("threats-60000.json");
        assertThat(filesIn(progress)).as("the progress record goes with the file").isEmpty();
        assertThat(Files.readString(tmp.resolve("run-2.log"))).contains("threats-60000.json");
        System.out.printf("kill -9 mid-intake: %d threats, %d calls before the kill, %d after, %d sent twice%n",
                threats, callsBeforeKill, calls() - callsBeforeKill, sentTwice);
    }

    /**
     * 2,000 Sentinel incidents, one status update each, the vendor taking 20 to 50 ms per call; {@code SIGTERM} after
     * a quarter of them. In-flight incidents finish, the rest wait on the queue; the restart sends each of those
     * once: no incident is sent twice and none is lost.
     */
    @Test
    void aSigtermMidFileStopsCleanlyAndTheRestartSendsTheRestOnce(@TempDir Path tmp) throws Exception {
        int incidents = 2000;
        vendor.stubFor(put(urlPathMatching(IncidentLedger.SENTINEL_STATUS_PATH.pattern()))
                .withHeader("Authorization", equalTo(basic()))
                .willReturn(aResponse().withStatus(204).withUniformRandomDelay(20, 50)));
        List<String> names = IntStream.range(0, incidents).mapToObj(i -> "73e01a99-5cd7-4139-a149-%012d".formatted(i))
                .toList();
        Path config = config(tmp.resolve("config"), Map.of());
        Path data = tmp.resolve("data");
        Path inbox = drop(data.resolve("inbox/sentinel"), "incidents-2000.json", Inputs.sentinelIncidents(names));

        Process first = run(config, data, tmp.resolve("run-1.log"));
        awaitOrExplain("a quarter of the calls", Duration.ofSeconds(60), tmp.resolve("run-1.log"),
                () -> calls() >= incidents / 4);
        GracefulStop.stop(first, tmp.resolve("run-1.log"));
        int callsBeforeStop = calls();
        assertThat(callsBeforeStop).as("stopped mid-way").isLessThan(incidents);
        assertThat(filesIn(inbox.resolve(".failed"))).as("a stop never fails a file").isEmpty();
        assertThat(Files.readString(tmp.resolve("run-1.log"))).contains("soar-playbooks: stopped");

        Process second = run(config, data, tmp.resolve("run-2.log"));
        awaitOrExplain("every incident accepted", Duration.ofSeconds(60), tmp.resolve("run-2.log"),
                () -> accountedFor(statusAccepted(), deadLetters(data), "Sentinel:", names));
        GracefulStop.stop(second, tmp.resolve("run-2.log"));

        Map<String, Integer> accepted = statusAccepted();
        IncidentLedger.assertEveryIncidentAccountedFor(names, "Sentinel:", accepted, deadLetters(data), Map.of());
        assertThat(accepted).as("a graceful stop finishes what it started: nothing is sent twice")
                .allSatisfy((name, n) -> assertThat(n).as(name).isEqualTo(1));
        assertThat(filesIn(inbox.resolve(".done"))).containsExactly("incidents-2000.json");
        System.out.printf("SIGTERM mid-file: %d incidents, %d calls before the stop, %d after%n", incidents,
                callsBeforeStop, calls() - callsBeforeStop);
    }

    /**
     * A bulk CSV of 20,000 rows in calls of 100 (10 ms each); {@code kill -9} after a third of the calls. The bulk
     * inbox records how far the file got after each call, so the restart resumes it there: every row accepted, none
     * sent twice but for the call in flight, and the result counts every row once.
     */
    @Test
    void aKillMidBulkFileResumesItAfterItsLastRecordedCall(@TempDir Path tmp) throws Exception {
        int rows = 20_000;
        int maxItems = 100;
        answerBulkCalls(10);
        List<String> ids = ids("9000", rows);
        Path config = config(tmp.resolve("config"), Map.of("contraforce.bulk.max-items", String.valueOf(maxItems)));
        Path data = tmp.resolve("data");
        Path inbox = drop(data.resolve("inbox/bulk"), "rows-20000.csv", csv(ids));

        Process first = run(config, data, tmp.resolve("run-1.log"));
        awaitOrExplain("a third of the calls in the first run", Duration.ofSeconds(60), tmp.resolve("run-1.log"),
                () -> calls() >= rows / maxItems / 3);
        kill(first);
        int callsBeforeKill = calls();
        assertThat(filesIn(inbox)).as("killed mid-file").contains("rows-20000.csv");

        Process second = run(config, data, tmp.resolve("run-2.log"));
        awaitOrExplain("the file done", Duration.ofSeconds(60), tmp.resolve("run-2.log"),
                () -> Files.exists(inbox.resolve(".done/rows-20000.csv.result.json")));
        GracefulStop.stop(second, tmp.resolve("run-2.log"));

        Map<String, Integer> accepted = bulkAccepted();
        IncidentLedger.assertEveryIncidentAccountedFor(ids, "Sentinel:", accepted, deadLetters(data), Map.of());
        long sentTwice = accepted.values().stream().filter(n -> n > 1).count();
        assertThat(sentTwice).as("rows the vendor confirmed and got again: the call in flight at most")
                .isLessThanOrEqualTo(maxItems);
        var result = PlaybookHarness.json(Files.readString(inbox.resolve(".done/rows-20000.csv.result.json")));
        assertThat(result.path("counts").path("rows").asLong()).isEqualTo(rows);
        assertThat(result.path("counts").path("sent").asLong()).isEqualTo(rows);
        assertThat(Files.readString(tmp.resolve("run-2.log"))).contains("resuming after the");
        System.out.printf("kill -9 mid-bulk: %d rows, %d calls before the kill, %d after, %d rows sent twice%n", rows,
                callsBeforeKill, calls() - callsBeforeKill, sentTwice);
    }

    /**
     * The same file, {@code SIGTERM} after a third of the calls: the engine stops within the grace period, the file
     * stays in the inbox (never in {@code .failed/}), and the restart sends only the rows not sent yet.
     */
    @Test
    void aSigtermMidBulkFileLeavesItInTheInboxAndTheRestartSendsTheRest(@TempDir Path tmp) throws Exception {
        int rows = 20_000;
        int maxItems = 100;
        answerBulkCalls(10);
        List<String> ids = ids("9100", rows);
        Path config = config(tmp.resolve("config"), Map.of("contraforce.bulk.max-items", String.valueOf(maxItems)));
        Path data = tmp.resolve("data");
        Path inbox = drop(data.resolve("inbox/bulk"), "rows-20000.csv", csv(ids));

        Process first = run(config, data, tmp.resolve("run-1.log"));
        awaitOrExplain("a third of the calls in the first run", Duration.ofSeconds(60), tmp.resolve("run-1.log"),
                () -> calls() >= rows / maxItems / 3);
        GracefulStop.stop(first, tmp.resolve("run-1.log"));
        assertThat(filesIn(inbox)).as("stopped mid-file: it stays; done %s, failed %s; log:%n%s",
                filesIn(inbox.resolve(".done")), filesIn(inbox.resolve(".failed")),
                Files.readString(tmp.resolve("run-1.log"))).contains("rows-20000.csv");
        assertThat(filesIn(inbox.resolve(".failed"))).as("a stop never fails a file").isEmpty();
        assertThat(Files.readString(tmp.resolve("run-1.log"))).contains("stays in the inbox, to be taken again: the engine is stopping");

        Process second = run(config, data, tmp.resolve("run-2.log"));
        awaitOrExplain("the file done", Duration.ofSeconds(60), tmp.resolve("run-2.log"),
                () -> Files.exists(inbox.resolve(".done/rows-20000.csv.result.json")));
        GracefulStop.stop(second, tmp.resolve("run-2.log"));

        Map<String, Integer> accepted = bulkAccepted();
        IncidentLedger.assertEveryIncidentAccountedFor(ids, "Sentinel:", accepted, deadLetters(data), Map.of());
        assertThat(accepted).as("a graceful stop: no row sent twice").allSatisfy((id, n) -> assertThat(n).isEqualTo(1));
        var result = PlaybookHarness.json(Files.readString(inbox.resolve(".done/rows-20000.csv.result.json")));
        assertThat(result.path("counts").path("rows").asLong()).isEqualTo(rows);
        assertThat(result.path("outcomes").size()).as("every row's outcome, once").isEqualTo(rows);
    }

    /** A bulk CSV: one Sentinel incident update per id, all in one workspace. */
    static String csv(List<String> ids) {
        StringBuilder b = new StringBuilder("id,workspace,source,status\n");
        ids.forEach(id -> b.append(id).append(",6eca6a1f-2b3c-4d5e-8f90-a1b2c3d4e5f6,Sentinel,Active\n"));
        return b.toString();
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    void answerBulkCalls(int delayMillis) {
        vendor.stubFor(post(urlPathEqualTo(IncidentLedger.BULK_PATH)).withHeader("Authorization", equalTo(basic()))
                .willReturn(aResponse().withTransformers(BulkAnswerTransformer.NAME).withFixedDelay(delayMillis)));
    }

    static String basic() {
        return "Basic " + Base64.getEncoder().encodeToString((CLIENT_ID + ":" + CLIENT_SECRET)
                .getBytes(StandardCharsets.UTF_8));
    }

    static List<String> ids(String prefix, int n) {
        return IntStream.range(0, n).mapToObj(i -> prefix + "%06d".formatted(i)).toList();
    }

    static Path drop(Path inbox, String name, String content) throws IOException {
        Files.createDirectories(inbox);
        Path staged = inbox.resolve("." + name + ".tmp");
        Files.writeString(staged, content);
        Files.move(staged, inbox.resolve(name), StandardCopyOption.ATOMIC_MOVE);
        return inbox;
    }

    void kill(Process p) throws InterruptedException {
        p.destroyForcibly(); // SIGKILL: no shutdown hook, no graceful stop
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).as("the killed engine is dead").isTrue();
    }

    int calls() {
        return vendor.getAllServeEvents().size();
    }

    Map<String, Integer> bulkAccepted() {
        return IncidentLedger.acceptedBulkItems(journal(), Duration.ofSeconds(30));
    }

    Map<String, Integer> statusAccepted() {
        return IncidentLedger.acknowledgedStatusUpdates(journal(), Duration.ofSeconds(30));
    }

    List<ServeEvent> journal() {
        return vendor.getAllServeEvents();
    }

    static List<DeadLetter> deadLetters(Path data) {
        return new DeadLetterStore(data.resolve("dead-letter"), PlaybookHarness.JSON).list();
    }

    /** Every id accepted at least once or in a dead letter. */
    static boolean accountedFor(Map<String, Integer> accepted, List<DeadLetter> deadLetters, String keyPrefix,
            List<String> ids) {
        java.util.Set<String> lettered = new java.util.HashSet<>();
        deadLetters.forEach(d -> lettered.add(d.incidentKey()));
        return ids.stream().allMatch(id -> accepted.containsKey(id) || lettered.contains(keyPrefix + id));
    }

    /** A copy of the shipped config folder, its properties pointing at the test vendor with quick settings. */
    Path config(Path dir, Map<String, String> more) throws IOException {
        return config(dir, vendor.baseUrl(), more);
    }

    /** A copy of the shipped config folder, its properties pointing at {@code vendorUrl} with quick settings. */
    static Path config(Path dir, String vendorUrl, Map<String, String> more) throws IOException {
        Files.createDirectories(dir);
        Files.copy(Path.of("config/mapping.yaml"), dir.resolve("mapping.yaml"));
        Map<String, String> overrides = new LinkedHashMap<>();
        overrides.put("contraforce.base-url", vendorUrl);
        overrides.put("contraforce.client-id", CLIENT_ID);
        overrides.put("contraforce.client-secret", CLIENT_SECRET);
        overrides.put("contraforce.auth-scheme", "Basic");
        overrides.put("playbooks.inbox.poll-delay", "100");
        overrides.put("playbooks.inbox.min-age", "100");
        overrides.put("playbooks.retry.base-delay", "20");
        overrides.put("playbooks.retry.max-delay", "100");
        overrides.put("camel.management.port", "0");
        overrides.putAll(more);
        List<String> lines = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("config/application.properties"))) {
            String key = line.contains("=") ? line.substring(0, line.indexOf('=')).strip() : "";
            if (!overrides.containsKey(key)) {
                lines.add(line);
            }
        }
        overrides.forEach((k, v) -> lines.add(k + " = " + v));
        Files.write(dir.resolve("application.properties"), lines);
        return dir;
    }

    /** {@code soar-playbooks run} in a new JVM with this test's class path, in the project folder (routes/). */
    Process run(Path config, Path data, Path log) throws IOException {
        Process p = run(List.of(), config, data, log);
        children.add(p);
        return p;
    }

    /** The same with more JVM options (e.g. {@code -Xmx128m}); the caller stops the process. */
    static Process run(List<String> jvmOptions, Path config, Path data, Path log) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // quick start-up: the child runs seconds, not hours
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), SoarPlaybooks.class.getName(),
                "run", "--no-reload", "--config", config.toString(), "--data", data.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(Path.of("").toAbsolutePath().toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("PLAYBOOKS_MANAGEMENT_PORT", "0");
        pb.environment().put("PLAYBOOKS_HTTP_PORT", "0");
        return pb.start();
    }

    /** Waits for a condition; on time-out, fails with the tail of the child's log. */
    static void awaitOrExplain(String what, Duration atMost, Path log, Callable<Boolean> condition)
            throws IOException {
        try {
            await(what).atMost(atMost).pollInterval(Duration.ofMillis(20)).until(condition);
        } catch (ConditionTimeoutException e) {
            List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
            throw new AssertionError("timed out waiting for " + what + "; the engine's log ends with:\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size())), e);
        }
    }

    /** Names of the regular files directly in a folder (none if it does not exist). */
    static List<String> filesIn(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile).map(p -> p.getFileName().toString())
                    .filter(n -> !n.startsWith(".")).sorted().toList();
        }
    }
}
