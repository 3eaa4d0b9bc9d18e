package org.soarplaybooks.faults;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.soarplaybooks.audit.AuditLog;
import org.soarplaybooks.audit.AuditRecord;
import org.soarplaybooks.cli.GracefulStop;
import org.soarplaybooks.cli.SoarPlaybooks;
import org.soarplaybooks.deadletter.DeadLetterStore;
import org.soarplaybooks.testkit.PlaybookHarness;

/**
 * A crash in the middle of a large file loses nothing: the engine runs in a child JVM ({@code soar-playbooks run},
 * as users run it), a file of {@value #THREATS} SentinelOne threats goes out as ContraForce bulk updates of
 * {@value #MAX_ITEMS}, the child is killed ({@code kill -9}) after about a third of the calls, and a new child on
 * the same data folder finishes the file. Then every threat was accepted by the vendor at least once across both
 * runs or sits exactly once in the dead-letter store ({@link IncidentLedger}), and the file is in {@code .done/}
 * once, not lost and not in {@code .failed/}.
 */
class CrashRecoveryTest {

    static final int THREATS = 2000;
    static final int MAX_ITEMS = 10;
    static final int CALLS = THREATS / MAX_ITEMS;
    static final int KILL_AFTER_CALLS = CALLS / 3;
    /** The vendor's time per bulk call (milliseconds), so the file takes a few seconds. */
    static final int VENDOR_DELAY_MS = 10;
    static final String CLIENT_ID = "crash-test-client";
    static final String CLIENT_SECRET = "crash-test-secret";
    static final String FILE = "threats-2000.json";

    WireMockServer vendor;
    final List<Process> children = new ArrayList<>();

    @BeforeEach
    void startVendor() {
        vendor = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort()
                .extensions(new BulkAnswerTransformer()));
        vendor.start();
        String basic = "Basic " + Base64.getEncoder().encodeToString((CLIENT_ID + ":" + CLIENT_SECRET)
                .getBytes(StandardCharsets.UTF_8));
        vendor.stubFor(post(urlPathEqualTo(IncidentLedger.BULK_PATH)).withHeader("Authorization", equalTo(basic))
                .willReturn(aResponse().withTransformers(BulkAnswerTransformer.NAME).withFixedDelay(VENDOR_DELAY_MS)));
    }

    @AfterEach
    void stopAll() {
        children.forEach(Process::destroyForcibly);
        vendor.stop();
    }

    @Test
    void aKilledEngineRestartedOnTheSameDataFolderLosesNoThreat(@TempDir Path tmp) throws Exception {
        List<String> ids = IntStream.range(0, THREATS).mapToObj(i -> "1778148227837%06d".formatted(i)).toList();
        Path config = config(tmp.resolve("config"));
        Path data = tmp.resolve("data");
        Path inbox = Files.createDirectories(data.resolve("inbox/sentinelone"));
        Path staged = inbox.resolve("." + FILE + ".tmp");
        Files.writeString(staged, Inputs.sentinelOneThreats(ids));
        Files.move(staged, inbox.resolve(FILE), StandardCopyOption.ATOMIC_MOVE);
        Instant started = Instant.now();

        Process first = run(config, data, tmp.resolve("run-1.log"));
        awaitOrExplain("a third of the calls in the first run", Duration.ofSeconds(60), tmp.resolve("run-1.log"),
                () -> calls() >= KILL_AFTER_CALLS);
        first.destroyForcibly(); // SIGKILL: no shutdown hook, no graceful stop
        assertThat(first.waitFor(10, TimeUnit.SECONDS)).as("the first run is dead").isTrue();
        int callsBeforeKill = calls();
        assertThat(callsBeforeKill).as("killed mid-file").isLessThan(CALLS);
        List<String> leftByCrash = filesIn(inbox);
        assertThat(leftByCrash).as("the file is still in the inbox after the crash").contains(FILE);
        assertThat(inbox.resolve(".done/" + FILE)).doesNotExist();

        Process second = run(config, data, tmp.resolve("run-2.log"));
        awaitOrExplain("the file done in the second run", Duration.ofSeconds(60), tmp.resolve("run-2.log"),
                () -> Files.exists(inbox.resolve(".done/" + FILE)));
        GracefulStop.stop(second, tmp.resolve("run-2.log"));
        Duration took = Duration.between(started, Instant.now());

        List<ServeEvent> journal = vendor.getAllServeEvents();
        Map<String, Integer> accepted = IncidentLedger.acceptedBulkItems(journal, Duration.ofSeconds(30));
        IncidentLedger.assertEveryIncidentAccountedFor(ids, "SentinelOne:", accepted,
                new DeadLetterStore(data.resolve("dead-letter"), PlaybookHarness.JSON).list(), Map.of());
        assertThat(journal.size() - callsBeforeKill).as("the second run sent the whole file again, once")
                .isEqualTo(CALLS);
        assertThat(vendor.findAllUnmatchedRequests()).as("every call carried the service account").isEmpty();
        assertThat(filesIn(inbox)).as("nothing left in the inbox (no file, no stale lock)").isEmpty();
        assertThat(filesIn(inbox.resolve(".done"))).containsExactly(FILE);
        assertThat(filesIn(inbox.resolve(".failed"))).as("not failed").isEmpty();
        List<AuditRecord> audit = new AuditLog(data.resolve("audit"), PlaybookHarness.JSON).readAll();
        assertThat(audit.stream().filter(a -> AuditRecord.SENT.equals(a.result())).map(AuditRecord::incidentKey)
                .collect(Collectors.toSet())).as("every threat audited as sent")
                .hasSize(THREATS);

        long acceptedTwice = accepted.values().stream().filter(n -> n > 1).count();
        System.out.printf("crash recovery: %d threats, %d calls before kill -9 (inbox then held %s), %d calls after"
                + " restart, %d threats accepted twice (at least once delivery), %d dead letters, %d ms in all%n",
                THREATS, callsBeforeKill, leftByCrash, journal.size() - callsBeforeKill, acceptedTwice,
                new DeadLetterStore(data.resolve("dead-letter"), PlaybookHarness.JSON).list().size(), took.toMillis());
    }

    /** The bulk calls the vendor has received so far. */
    int calls() {
        return vendor.getAllServeEvents().size();
    }

    /** A copy of the shipped config folder, its properties pointing at the test vendor with quick settings. */
    Path config(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.copy(Path.of("config/mapping.yaml"), dir.resolve("mapping.yaml"));
        Map<String, String> overrides = new LinkedHashMap<>();
        overrides.put("contraforce.base-url", vendor.baseUrl());
        overrides.put("contraforce.client-id", CLIENT_ID);
        overrides.put("contraforce.client-secret", CLIENT_SECRET);
        overrides.put("contraforce.auth-scheme", "Basic");
        overrides.put("contraforce.bulk.max-items", String.valueOf(MAX_ITEMS));
        overrides.put("playbooks.inbox.poll-delay", "100");
        overrides.put("playbooks.inbox.min-age", "100");
        overrides.put("playbooks.retry.base-delay", "20");
        overrides.put("playbooks.retry.max-delay", "100");
        overrides.put("camel.management.port", "0");
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
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // quick start-up: the child runs seconds, not hours
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), SoarPlaybooks.class.getName(),
                "run", "--config", config.toString(), "--data", data.toString());
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(Path.of("").toAbsolutePath().toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("PLAYBOOKS_MANAGEMENT_PORT", "0");
        Process p = pb.start();
        children.add(p);
        return p;
    }

    /** Waits for a condition; on time-out, fails with the tail of the child's log. */
    static void awaitOrExplain(String what, Duration atMost, Path log, Callable<Boolean> condition)
            throws IOException {
        try {
            await(what).atMost(atMost).pollInterval(Duration.ofMillis(10)).until(condition);
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
            return files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
