package org.soarplaybooks.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.soarplaybooks.engine.PlaybookBeans;
import org.soarplaybooks.simulator.SimulatorCredentials;
import org.soarplaybooks.testkit.PlaybookHarness;

/**
 * The audit trail as an operator reads it: {@code data/audit/YYYY-MM-DD.jsonl}, one JSON object per line with the
 * documented fields, no secrets, and whole lines under concurrent writers (threads and a second process).
 */
class AuditTrailTest {

    static final ObjectMapper JSON = PlaybookBeans.newMapper();
    /** Long enough that one line is many times a pipe buffer: interleaving would show. */
    static final String FILLER = "x".repeat(20_000);

    @Test
    void everyOutcomeIsOneParsableLineWithTheDocumentedFields(@TempDir Path data) throws IOException {
        try (PlaybookHarness h = PlaybookHarness.start(data)) {
            h.simulator().withTransientFaults(); // first ContraForce status update: 429 Retry-After 1
            h.awaitDone(h.dropSample("sentinel", "microsoft-sentinel/incident-1505-active-rapid7.json"));
            h.awaitDone(h.dropSample("sentinelone", "sentinelone/threats-list-v2_0-flat-rapid7.json"));
            org.awaitility.Awaitility.await().until(() -> h.audit().stream()
                    .anyMatch(r -> AuditRecord.DEAD_LETTERED.equals(r.result())));
        }
        List<Path> days;
        try (Stream<Path> files = Files.list(data.resolve("audit"))) {
            days = files.toList();
        }
        assertThat(days).singleElement().satisfies(f ->
                assertThat(f.getFileName().toString()).matches("\\d{4}-\\d{2}-\\d{2}\\.jsonl"));
        List<String> lines = Files.readAllLines(days.get(0));
        List<JsonNode> records = new ArrayList<>();
        for (String line : lines) {
            records.add(JSON.readTree(line));
        }
        assertThat(records).extracting(r -> r.path("result").asText())
                .contains("retried", "sent", "dead-lettered");
        for (JsonNode r : records) {
            Instant time = Instant.parse(r.path("time").asText());
            assertThat(r.path("time").asText()).as("UTC, ISO-8601").endsWith("Z");
            assertThat(days.get(0).getFileName().toString())
                    .startsWith(DateTimeFormatter.ISO_LOCAL_DATE.format(time.atZone(java.time.ZoneOffset.UTC)));
            assertThat(r.path("playbook").asText()).isIn("sentinel-incident-sync", "sentinelone-threat-sync");
            assertThat(r.path("trigger").asText()).startsWith("file:");
            assertThat(r.path("incidentKey").asText()).matches("(Sentinel|SentinelOne):.+");
            assertThat(r.path("vendor").asText()).isEqualTo("ContraForce");
            assertThat(r.path("operation").asText()).isIn("update-incident-status", "bulk-update-incidents");
            assertThat(r.path("durationMs").isIntegralNumber()).as("durationMs in %s", r).isTrue();
        }
        JsonNode retried = first(records, "retried");
        assertThat(retried.path("httpStatus").asInt()).isEqualTo(429);
        assertThat(retried.path("reason").asText()).contains("attempt 1");
        JsonNode sent = records.stream().filter(r -> r.path("incidentKey").asText().equals("Sentinel:1505")
                && r.path("result").asText().equals("sent")).findFirst().orElseThrow();
        assertThat(sent.path("httpStatus").asInt()).isEqualTo(204);
        assertThat(sent.has("deadLetterId")).isFalse();
        JsonNode dead = first(records, "dead-lettered");
        assertThat(dead.path("deadLetterId").asText()).isNotBlank();
        assertThat(Files.exists(data.resolve("dead-letter").resolve("sentinelone-threat-sync")
                .resolve(dead.path("deadLetterId").asText() + ".json"))).as("the dead letter it names").isTrue();
        assertThat(dead.path("reason").asText()).isNotBlank();
        String text = String.join("\n", lines);
        assertThat(text).doesNotContain(SimulatorCredentials.DEMO_CLIENT_SECRET)
                .doesNotContain("ZGVtby1jbGllbnQ6ZGVtby1zZWNyZXQ=").doesNotContain("Authorization");
    }

    @Test
    void linesFromManyThreadsAndASecondProcessNeverInterleave(@TempDir Path folder) throws Exception {
        AuditLog log = new AuditLog(folder, JSON);
        Process other = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), AuditWriterMain.class.getName(),
                folder.toString(), "300", "process").redirectErrorStream(true)
                .redirectOutput(folder.resolveSibling(folder.getFileName() + "-child.log").toFile()).start();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> writers = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            String tag = "thread" + t;
            writers.add(pool.submit(() -> {
                for (int i = 0; i < 150; i++) {
                    log.append(record(Instant.now(), tag, i));
                }
            }));
        }
        for (Future<?> w : writers) {
            w.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertThat(other.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(other.exitValue()).isZero();
        log.close();

        Set<String> seen = new HashSet<>();
        int lines = 0;
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : files.toList()) {
                for (String line : Files.readAllLines(f)) {
                    JsonNode r = JSON.readTree(line); // a torn or interleaved line does not parse
                    assertThat(r.path("reason").asText()).endsWith(FILLER);
                    seen.add(r.path("incidentKey").asText());
                    lines++;
                }
            }
        }
        assertThat(lines).isEqualTo(8 * 150 + 300);
        assertThat(seen).hasSize(8 * 150 + 300);
    }

    @Test
    void twoLogsOfOneFolderInOneJvmTakeTurns(@TempDir Path folder) throws Exception {
        // the engine and the webhook intake each hold an AuditLog of the same folder; the JVM allows one FileLock
        // per file at a time, so without taking turns one of them fails (OverlappingFileLockException)
        AuditLog engine = new AuditLog(folder, JSON);
        AuditLog webhook = new AuditLog(folder, JSON);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> writers = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            AuditLog log = t % 2 == 0 ? engine : webhook;
            String tag = "writer" + t;
            writers.add(pool.submit(() -> {
                for (int i = 0; i < 100; i += 2) {
                    log.append(record(Instant.now(), tag, i));
                    log.appendAll(List.of(record(Instant.now(), tag + "-call", i), record(Instant.now(), tag, i + 1)));
                }
            }));
        }
        for (Future<?> w : writers) {
            w.get(60, TimeUnit.SECONDS); // rethrows what a writer threw
        }
        pool.shutdown();
        engine.close();
        webhook.close();
        assertThat(new AuditLog(folder, JSON).readAll()).hasSize(8 * 150);
    }

    static AuditRecord record(Instant time, String tag, int n) {
        return new AuditRecord(time, "audit-test", "direct", "Test:" + tag + "-" + n, "ContraForce",
                "update-incident-status", 204, null, 1L, AuditRecord.SENT, null, tag + "-" + n + " " + FILLER);
    }

    private static JsonNode first(List<JsonNode> records, String result) {
        return records.stream().filter(r -> r.path("result").asText().equals(result)).findFirst().orElseThrow();
    }
}
