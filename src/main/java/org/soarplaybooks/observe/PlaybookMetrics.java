package org.soarplaybooks.observe;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.soarplaybooks.audit.AuditListener;
import org.soarplaybooks.audit.AuditRecord;
import org.soarplaybooks.vendor.circuit.VendorCircuit;
import org.soarplaybooks.vendor.circuit.VendorCircuits;

/**
 * The playbooks' Prometheus meters, fed by the audit trail (each {@link AuditRecord} as it is appended), so they
 * count exactly what {@code data/audit/*.jsonl} holds. Names as {@code GET /observe/metrics} shows them:
 *
 * <ul>
 *   <li>{@code playbooks_calls_total{playbook,vendor,operation,outcome}}: audit records (one per incident an action
 *       carried) by {@code outcome} = the record's {@code result}: {@code sent}, {@code retried},
 *       {@code dead-lettered}, {@code would-send}.</li>
 *   <li>{@code playbooks_retries_total{playbook,vendor,operation}}: records {@code retried}.</li>
 *   <li>{@code playbooks_dead_letters_total{playbook,vendor,operation}}: records {@code dead-lettered}.</li>
 *   <li>{@code playbooks_vendor_call_duration_seconds{playbook,vendor,operation}}: histogram of the records'
 *       {@code durationMs} in seconds ({@code _bucket{le=...}}, {@code _count}, {@code _sum}; buckets 0.05 s to
 *       60 s); {@code would-send} records (no call made) are left out.</li>
 *   <li>{@code playbooks_dead_letters_waiting{playbook}}: dead letters in {@code data/dead-letter/<playbook>/} at
 *       scrape time (counted on disk: a replay that succeeds deletes its dead letter, and the gauge drops).</li>
 *   <li>{@code playbooks_circuit_state{vendor}}: 0 closed, 1 half-open, 2 open.</li>
 * </ul>
 * A missing field is labelled {@code none}.
 */
public final class PlaybookMetrics implements AuditListener {

    private static final Duration[] BUCKETS = {Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
        Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5),
        Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60)};

    private final MeterRegistry registry;
    private final Path deadLetterRoot;
    private final Set<String> backlogGauges = ConcurrentHashMap.newKeySet();
    private final Map<Key, Meters> meters = new ConcurrentHashMap<>();

    /**
     * Registers the circuit gauges now (and for circuits created later) and a backlog gauge for every playbook
     * folder already in {@code deadLetterRoot}.
     *
     * @param deadLetterRoot {@code <data>/dead-letter}
     */
    public PlaybookMetrics(MeterRegistry registry, Path deadLetterRoot, VendorCircuits circuits) {
        this.registry = registry;
        this.deadLetterRoot = deadLetterRoot;
        circuits.forEachCircuit(this::circuitGauge);
        if (Files.isDirectory(deadLetterRoot)) {
            try (Stream<Path> folders = Files.list(deadLetterRoot)) {
                folders.filter(Files::isDirectory).forEach(f -> backlogGauge(f.getFileName().toString()));
            } catch (IOException e) {
                // no folders to show yet; they appear with the next audit record of their playbook
            }
        }
    }

    @Override
    public void appended(AuditRecord r) {
        // the meters of a (playbook, vendor, operation, outcome) are looked up in the registry once, not per record
        Meters m = meters.computeIfAbsent(new Key(r.playbook(), r.vendor(), r.operation(), r.result()),
                k -> register(r));
        m.calls.increment();
        if (m.kind != null) {
            m.kind.increment();
        }
        if (r.durationMs() != null && !"would-send".equals(r.result())) {
            m.duration().record(Duration.ofMillis(r.durationMs()));
        }
    }

    /** The audit record fields the meters are labelled by. */
    private record Key(String playbook, String vendor, String operation, String result) {
    }

    /** The meters one {@link Key} counts on; the duration histogram is registered with its first timed record. */
    private final class Meters {
        final Tags tags;
        final Counter calls;
        final Counter kind;
        private volatile Timer duration;

        Meters(Tags tags, Counter calls, Counter kind) {
            this.tags = tags;
            this.calls = calls;
            this.kind = kind;
        }

        Timer duration() {
            Timer t = duration;
            if (t == null) {
                t = Timer.builder("playbooks.vendor.call.duration").description("Time spent in vendor calls")
                        .serviceLevelObjectives(BUCKETS).tags(tags).register(registry);
                duration = t;
            }
            return t;
        }
    }

    private Meters register(AuditRecord r) {
        Tags tags = Tags.of("playbook", label(r.playbook()), "vendor", label(r.vendor()),
                "operation", label(r.operation()));
        String outcome = label(r.result());
        Counter calls = Counter.builder("playbooks.calls")
                .description("Audit records by outcome, one per incident an action carried")
                .tags(tags).tag("outcome", outcome).register(registry);
        Counter kind = null;
        if (AuditRecord.RETRIED.equals(r.result())) {
            kind = Counter.builder("playbooks.retries").description("Failed vendor calls that will be tried again")
                    .tags(tags).register(registry);
        } else if (AuditRecord.DEAD_LETTERED.equals(r.result())) {
            kind = Counter.builder("playbooks.dead.letters").description("Incidents that became dead letters")
                    .tags(tags).register(registry);
        }
        if (r.playbook() != null) {
            backlogGauge(r.playbook().replaceAll("[^A-Za-z0-9._-]", "_"));
        }
        return new Meters(tags, calls, kind);
    }

    private void backlogGauge(String folder) {
        if (backlogGauges.add(folder)) {
            Path dir = deadLetterRoot.resolve(folder);
            Gauge.builder("playbooks.dead.letters.waiting", () -> waiting(dir))
                    .description("Dead letters waiting in data/dead-letter/<playbook>/")
                    .tag("playbook", folder).register(registry);
        }
    }

    private void circuitGauge(VendorCircuit circuit) {
        Gauge.builder("playbooks.circuit.state", () -> circuit.state().metricValue())
                .description("Vendor circuit: 0 closed, 1 half-open, 2 open")
                .tag("vendor", circuit.vendor()).register(registry);
    }

    /** Dead-letter documents in a playbook's folder ({@code *.json}, not hidden temp files); 0 if unreadable. */
    static long waiting(Path dir) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> {
                String name = p.getFileName().toString();
                return name.endsWith(".json") && !name.startsWith(".");
            }).count();
        } catch (IOException e) {
            return 0;
        }
    }

    private static String label(String value) {
        return value == null || value.isBlank() ? "none" : value;
    }
}
