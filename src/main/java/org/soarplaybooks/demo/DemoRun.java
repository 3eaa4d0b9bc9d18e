package org.soarplaybooks.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.soarplaybooks.dryrun.DryRun;
import org.soarplaybooks.engine.EngineOptions;
import org.soarplaybooks.engine.PlaybookEngine;
import org.soarplaybooks.io.BundledFiles;
import org.soarplaybooks.engine.StartupException;
import org.soarplaybooks.incident.Incident;
import org.soarplaybooks.incident.Normalizers;
import org.soarplaybooks.mapping.StatusMapping;
import org.soarplaybooks.simulator.SimulatorCredentials;
import org.soarplaybooks.simulator.VendorSimulator;

/**
 * The {@code demo}: starts the vendor simulator on a free loopback port, points every vendor of the playbooks at it
 * (ContraForce, SentinelOne, OneTrust, Adversarial, with the simulator's demo credentials), drops the bundled real
 * samples and our ContraForce demo events ({@link DemoSamples}) into the inbox folders of every shipped playbook,
 * waits until every file is processed, stops, and reports.
 *
 * <p>Folders: the data folder is a new temporary folder unless one is given. Playbooks and configuration come
 * from the given folders, else from {@code routes/} and {@code config/} of the working folder, else from the
 * copies bundled in the jar (so the demo also runs outside a checkout).
 */
public final class DemoRun {

    private final Path config;
    private final Path routes;
    private final Path data;
    private final Duration timeout;
    private boolean dryRun;

    /**
     * @param config         config folder, or null for the default
     * @param routes         routes folder, or null for the default
     * @param data           data folder, or null for a new temporary one
     * @param timeoutSeconds how long to wait for the playbooks, in seconds
     */
    public DemoRun(Path config, Path routes, Path data, int timeoutSeconds) {
        this.config = config;
        this.routes = routes;
        this.data = data;
        this.timeout = Duration.ofSeconds(timeoutSeconds);
    }

    /**
     * Dry run: every request is built, checked and audited as would-send; the simulator receives nothing.
     *
     * @return this demo
     */
    public DemoRun dryRun(boolean on) {
        this.dryRun = on;
        return this;
    }

    /**
     * What the demo saw: one row per playbook, vendor calls by endpoint (simulator stub label, e.g.
     * {@code PUT onetrust incident}), and the verdict.
     */
    public record Result(List<DemoSummary.Row> rows, Map<String, Integer> calls, Path dataDir,
                         boolean allAccountedFor) {
    }

    /**
     * Runs the demo and prints the summary to {@code out}; while it waits, its progress: one line rewritten in place
     * when {@code out} is the standard output of a terminal, plain lines otherwise.
     *
     * @throws StartupException when the engine cannot start (names the file and the reason)
     */
    public Result run(PrintStream out) {
        return run(out, out == System.out && System.console() != null);
    }

    /**
     * Runs the demo and prints the summary to {@code out}; while it waits, its progress (see {@link DemoProgress}).
     *
     * @param terminal whether {@code out} is a terminal: the progress is then one line rewritten in place
     * @throws StartupException when the engine cannot start (names the file and the reason)
     */
    public Result run(PrintStream out, boolean terminal) {
        long started = System.nanoTime();
        Path dataDir = data != null ? data : tempDir();
        Path configDir = folder(config, Path.of("config"), "bundled/config", dataDir.resolve(".bundled/config"));
        Path routesDir = folder(routes, Path.of("routes"), "bundled/routes", dataDir.resolve(".bundled/routes"));
        out.println("soar-playbooks demo: real sample incidents and demo ContraForce events through every shipped "
                + "playbook, against the bundled vendor simulator");
        // the simulator answers the first ContraForce status update with 429 (Retry-After: 1) and the first bulk
        // update with 503, so the demo shows retries that lose nothing
        try (VendorSimulator simulator = VendorSimulator.start(SimulatorCredentials.demo()).withTransientFaults()) {
            Map<String, String> props = SimulatorCredentials.demoVendorProperties(simulator.baseUrl());
            props.put("playbooks.inbox.poll-delay", "100");
            props.put("playbooks.inbox.min-age", "100");
            props.put("camel.management.port", "0");
            // the webhook server: loopback, any free port (the demo opens nothing to the network, needs no 8080)
            props.put("camel.server.host", "127.0.0.1");
            props.put("camel.server.port", "0");
            if (dryRun) {
                props.put(DryRun.ENABLED_PROPERTY, "true");
            }
            EngineOptions options = new EngineOptions(configDir, routesDir, dataDir, props);
            out.println("  simulator " + simulator.baseUrl() + ", playbooks " + routesDir + ", data " + dataDir);
            Map<String, Expected> expected;
            Map<String, Long> depths = new java.util.TreeMap<>();
            try (PlaybookEngine engine = new PlaybookEngine(options)) {
                engine.configure().start();
                expected = expectedIncidents(engine.beans().mapping());
                List<Path> dropped = dropSamples(dataDir);
                awaitProcessed(engine, dropped, new DemoProgress(out, terminal, expected.values().stream()
                        .mapToInt(Expected::incidents).sum()), dataDir, expected);
                for (String queue : engine.beans().incidents().playbookQueues()) {
                    depths.put(queue, engine.beans().queues().messageCount(queue));
                }
            }
            DemoSummary summary = new DemoSummary(dataDir);
            List<DemoSummary.Row> rows = new ArrayList<>();
            for (DemoSamples s : DemoSamples.ALL) {
                List<Path> inboxes = s.inboxes().stream()
                        .map(i -> dataDir.resolve("inbox").resolve(i.folder())).toList();
                Expected e = expected.get(s.playbook());
                rows.add(summary.row(s.playbook(), inboxes, e.incidents(), e.skipped()));
            }
            Map<String, Integer> calls = simulator.callsByEndpoint();
            boolean ok = rows.stream().allMatch(DemoSummary.Row::accountedFor)
                    && depths.values().stream().allMatch(n -> n == 0);
            DemoSummary.print(out, rows, calls, ok, Duration.ofNanos(System.nanoTime() - started), dataDir);
            DemoSummary.printQueues(out, depths);
            if (dryRun) {
                out.println("  DRY RUN: the simulator received " + calls.values().stream().mapToInt(i -> i).sum()
                        + " calls; 'accepted' counts incidents whose request would have been sent (audit result "
                        + "would-send, with the request, secrets masked)");
            }
            return new Result(rows, calls, dataDir, ok);
        }
    }

    /** A playbook's incidents in the demo files, and how many of them it skips by rule. */
    private record Expected(int incidents, int skipped) {
    }

    /**
     * Reads the demo files as the playbooks will: incidents per playbook, and the ones each skips by rule (an input
     * the playbook cannot map counts no skips; it fails, and the demo says so).
     */
    private static Map<String, Expected> expectedIncidents(StatusMapping mapping) {
        Normalizers normalizers = new Normalizers();
        Map<String, Expected> counts = new LinkedHashMap<>();
        for (DemoSamples s : DemoSamples.ALL) {
            int incidents = 0;
            int skipped = 0;
            for (DemoSamples.Inbox inbox : s.inboxes()) {
                for (String f : inbox.files()) {
                    List<Incident> read = inbox.normalizer().apply(normalizers, read(f));
                    incidents += read.size();
                    try {
                        skipped += s.skips().count(mapping, read);
                    } catch (RuntimeException unmappable) {
                        // the playbook fails this file; its row shows it
                    }
                }
            }
            counts.put(s.playbook(), new Expected(incidents, skipped));
        }
        return counts;
    }

    private static List<Path> dropSamples(Path dataDir) {
        List<Path> dropped = new ArrayList<>();
        for (DemoSamples s : DemoSamples.ALL) {
            for (DemoSamples.Inbox inbox : s.inboxes()) {
                Path folder = dataDir.resolve("inbox").resolve(inbox.folder());
                for (String f : inbox.files()) {
                    dropped.add(BundledFiles.copy(f, folder.resolve(Path.of(f).getFileName().toString())));
                }
            }
        }
        return dropped;
    }

    /**
     * Waits until no dropped file is left in its inbox, every playbook queue is empty and nothing is in flight,
     * showing the progress.
     */
    private void awaitProcessed(PlaybookEngine engine, List<Path> dropped, DemoProgress progress, Path dataDir,
                                Map<String, Expected> expected) {
        long deadline = System.nanoTime() + timeout.toNanos();
        int accounted = 0;
        while (System.nanoTime() < deadline) {
            boolean pending = dropped.stream().anyMatch(Files::exists);
            if (!pending && engine.context().getInflightRepository().size() == 0
                    && engine.beans().incidents().backlog() == 0) {
                break;
            }
            if (progress.due()) {
                accounted = accountedFor(dataDir, expected, accounted);
                progress.show(accounted);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
        progress.finish(accountedFor(dataDir, expected, accounted));
    }

    /**
     * Incidents accounted for so far: accepted or in the dead-letter store, plus the ones skipped by rule of the
     * playbooks whose files are all processed; {@code before} if the data folder cannot be read right now.
     */
    private static int accountedFor(Path dataDir, Map<String, Expected> expected, int before) {
        try {
            DemoSummary summary = new DemoSummary(dataDir);
            long n = 0;
            for (DemoSamples s : DemoSamples.ALL) {
                List<Path> inboxes = s.inboxes().stream()
                        .map(i -> dataDir.resolve("inbox").resolve(i.folder())).toList();
                Expected e = expected.get(s.playbook());
                DemoSummary.Row r = summary.row(s.playbook(), inboxes, e.incidents(), e.skipped());
                n += r.accepted() + r.forbidden() + r.failed() + (r.done() + r.failedFiles() == r.files() ? r.skipped()
                        : 0);
            }
            return (int) Math.max(before, n);
        } catch (RuntimeException busy) {
            return before; // a file moved or was being written while read: count again at the next tick
        }
    }

    private static Path folder(Path given, Path local, String bundled, Path extractTo) {
        if (given != null) {
            return given;
        }
        if (Files.isDirectory(local)) {
            return local;
        }
        BundledFiles.copyFolder(bundled, extractTo);
        return extractTo;
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("soar-demo-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary data folder", e);
        }
    }

    private static String read(String resource) {
        try (var in = DemoRun.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("demo file not bundled: " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static long countFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> Files.isRegularFile(p) && !p.getFileName().toString().endsWith(".error.json")
                    && !p.getFileName().toString().startsWith(".")).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
