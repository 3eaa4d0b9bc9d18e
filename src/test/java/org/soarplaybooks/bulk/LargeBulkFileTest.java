package org.soarplaybooks.bulk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.soarplaybooks.testkit.PlaybookHarness;

/**
 * A large generated CSV file runs through the shipped {@code bulk-incident-update} playbook in flat memory: the
 * heap in use after a full GC, sampled while the file runs, stays within a bound far below what the file's rows
 * would take if they were held (each row as a JSON object, a bulk item and an outcome is well over 1 KiB, so
 * 200,000 rows held would be over 200 MiB).
 *
 * <p>ContraForce is a stand-in that accepts every item and keeps no request journal, so the vendor side holds
 * nothing either. The per-row INFO log lines are turned off for the run (they are not what is measured).
 */
class LargeBulkFileTest {

    static final int ROWS = 200_000;
    /** Rows per call: not the default 100, so the override is exercised too (and 400 calls keep the test short). */
    static final int MAX_ITEMS = 500;
    static final long HEAP_GROWTH_BOUND = 64L << 20; // 64 MiB
    static final String WS = BulkIncidentUpdateTest.WS;

    private final Logger outcomeLog = (Logger) LoggerFactory.getLogger("soar.outcome");
    private Level outcomeLevel;

    @BeforeEach
    void quietPerRowLog() {
        outcomeLevel = outcomeLog.getLevel();
        outcomeLog.setLevel(Level.WARN);
    }

    @AfterEach
    void restoreLog() {
        outcomeLog.setLevel(outcomeLevel);
    }

    @Test
    void twoHundredThousandCsvRowsRunInFlatMemory(@TempDir Path data, @TempDir Path work) throws IOException {
        Path csv = generate(work.resolve("large.csv"));
        try (ContraForceStandIn vendor = new ContraForceStandIn(false).acceptAll();
             PlaybookHarness h = PlaybookHarness.start(data, Path.of("config"), Map.of(
                     "contraforce.base-url", vendor.baseUrl(),
                     "contraforce.bulk.max-items", Integer.toString(MAX_ITEMS)))) {
            MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
            long baseline = usedAfterGc(memory);
            AtomicLong peak = new AtomicLong(baseline);
            AtomicLong samples = new AtomicLong();
            List<String> trace = new CopyOnWriteArrayList<>();
            Path inbox = Files.createDirectories(data.resolve("inbox/bulk"));
            long started = System.nanoTime();
            long cpuStarted = processCpuNanos();
            Path dropped = Files.move(csv, inbox.resolve("large.csv"), StandardCopyOption.ATOMIC_MOVE);
            Path done = inbox.resolve(".done/large.csv");

            await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(1000)).until(() -> {
                long used = usedAfterGc(memory);
                trace.add(vendor.itemsAccepted() + ":" + (used >> 20));
                peak.accumulateAndGet(used, Math::max);
                samples.incrementAndGet();
                return Files.exists(done) && !Files.exists(dropped)
                        && h.engine().context().getInflightRepository().size() == 0;
            });
            double seconds = (System.nanoTime() - started) / 1e9;
            double cpuSeconds = (processCpuNanos() - cpuStarted) / 1e9;

            long growth = peak.get() - baseline;
            System.out.printf("bulk inbox: %,d CSV rows (%,d bytes) in %.1f s = %,.0f rows/s (process CPU %.1f s, "
                            + "vendor stand-in and GC sampling included); %d calls; heap after GC: baseline %.1f MiB, "
                            + "peak %.1f MiB, growth %.1f MiB over %d samples%n", ROWS, Files.size(done), seconds,
                    ROWS / seconds, cpuSeconds, vendor.callsAccepted(), baseline / 1048576.0, peak.get() / 1048576.0,
                    growth / 1048576.0, samples.get());
            System.out.println("rows sent:MiB used after GC " + trace);
            assertThat(samples.get()).as("heap samples taken while the file ran").isGreaterThanOrEqualTo(3);
            assertThat(growth).as("heap growth after GC while %d rows ran", ROWS).isLessThan(HEAP_GROWTH_BOUND);
            assertThat(vendor.itemsAccepted()).isEqualTo(ROWS);
            assertThat(vendor.callsAccepted()).isEqualTo((ROWS + MAX_ITEMS - 1) / MAX_ITEMS);
            assertResult(done.resolveSibling("large.csv.result.json"));
        }
    }

    /** Counts and every row's outcome, read back with the streaming parser (the file is large too). */
    private static void assertResult(Path result) throws IOException {
        long outcomes = 0;
        long lastLine = 0;
        try (JsonParser p = PlaybookHarness.JSON.getFactory().createParser(result.toFile())) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                if (t == JsonToken.FIELD_NAME && "counts".equals(p.currentName())) {
                    p.nextToken();
                    JsonNode counts = PlaybookHarness.JSON.readTree(p);
                    assertThat(counts).isEqualTo(PlaybookHarness.json("""
                            {"rows": %d, "sent": %d, "forbidden": 0, "failed": 0, "invalid": 0}""".formatted(ROWS, ROWS)));
                } else if (t == JsonToken.FIELD_NAME && "line".equals(p.currentName())) {
                    long line = p.nextLongValue(-1);
                    assertThat(line).as("outcomes in line order").isGreaterThan(lastLine);
                    lastLine = line;
                    outcomes++;
                }
            }
        }
        assertThat(outcomes).isEqualTo(ROWS);
        assertThat(lastLine).isEqualTo(ROWS + 1); // the header is line 1
    }

    private static Path generate(Path file) throws IOException {
        String[] statuses = {"Closed", "Active", "New"};
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("id,workspace,source,status,classification,classificationReason,comment\n");
            for (int i = 1; i <= ROWS; i++) {
                w.write("L-" + i + "," + WS + ",Sentinel," + statuses[i % 3]
                        + (i % 3 == 0 ? ",TruePositive,Malware,\"closed by bulk run, row " + i + "\"\n" : ",,,\n"));
            }
        }
        return file;
    }

    private static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : 0;
    }

    /**
     * Heap in use right after a full GC: the sum of each heap pool's usage after its last collection. Read from the
     * collection usage rather than the current usage, so objects allocated since (or a GC the JVM put off while a
     * thread was in a JNI critical region) cannot inflate a sample.
     */
    private static long usedAfterGc(MemoryMXBean memory) {
        memory.gc();
        long used = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.isCollectionUsageThresholdSupported()
                    && pool.getCollectionUsage() != null) {
                used += pool.getCollectionUsage().getUsed();
            }
        }
        return used;
    }
}
