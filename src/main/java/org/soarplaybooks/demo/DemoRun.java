package org.soarplaybooks.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.soarplaybooks.engine.EngineOptions;
import org.soarplaybooks.engine.PlaybookEngine;
import org.soarplaybooks.engine.StartupException;
import org.soarplaybooks.incident.Normalizers;
import org.soarplaybooks.simulator.SimulatorCredentials;
import org.soarplaybooks.simulator.VendorSimulator;

/**
 * The {@code demo}: starts the vendor simulator on a free loopback port, points the playbooks at it, drops the
 * bundled real samples into the inbox folders, waits until every file is processed, stops, and reports.
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

    /** What the demo saw: one row per playbook, vendor calls by endpoint, and the verdict. */
    public record Result(List<DemoSummary.Row> rows, Map<String, Integer> calls, Path dataDir,
                         boolean allAccountedFor) {
    }

    /**
     * Runs the demo and prints the summary to {@code out}.
     *
     * @throws StartupException when the engine cannot start (names the file and the reason)
     */
    public Result run(PrintStream out) {
        long started = System.nanoTime();
        Path dataDir = data != null ? data : tempDir();
        Path configDir = folder(config, Path.of("config"), "bundled/config", dataDir.resolve(".bundled/config"));
        Path routesDir = folder(routes, Path.of("routes"), "bundled/routes", dataDir.resolve(".bundled/routes"));
        Map<String, Integer> expected = expectedIncidents();
        out.println("soar-playbooks demo: real sample incidents through the shipped playbooks, against the "
                + "bundled vendor simulator");
        try (VendorSimulator simulator = VendorSimulator.start(SimulatorCredentials.demo())) {
            EngineOptions options = new EngineOptions(configDir, routesDir, dataDir, Map.of(
                    "contraforce.base-url", simulator.baseUrl(),
                    "contraforce.client-id", SimulatorCredentials.DEMO_CLIENT_ID,
                    "contraforce.client-secret", SimulatorCredentials.DEMO_CLIENT_SECRET,
                    "contraforce.auth-scheme", "Basic",
                    "playbooks.inbox.poll-delay", "100",
                    "playbooks.inbox.min-age", "100",
                    "camel.management.port", "0"));
            out.println("  simulator " + simulator.baseUrl() + ", playbooks " + routesDir + ", data " + dataDir);
            try (PlaybookEngine engine = new PlaybookEngine(options)) {
                engine.configure().start();
                List<Path> dropped = dropSamples(dataDir);
                awaitProcessed(engine, dropped);
            }
            DemoSummary summary = new DemoSummary(dataDir);
            List<DemoSummary.Row> rows = new ArrayList<>();
            for (DemoSamples s : DemoSamples.ALL) {
                rows.add(summary.row(s.playbook(), dataDir.resolve("inbox").resolve(s.inbox()),
                        expected.get(s.playbook())));
            }
            Map<String, Integer> calls = simulator.callsByEndpoint();
            boolean ok = rows.stream().allMatch(DemoSummary.Row::accountedFor);
            DemoSummary.print(out, rows, calls, ok, Duration.ofNanos(System.nanoTime() - started), dataDir);
            return new Result(rows, calls, dataDir, ok);
        }
    }

    private static Map<String, Integer> expectedIncidents() {
        Normalizers normalizers = new Normalizers();
        Map<String, Integer> counts = new java.util.LinkedHashMap<>();
        for (DemoSamples s : DemoSamples.ALL) {
            int n = 0;
            for (String f : s.files()) {
                String json = read("samples/" + f);
                n += "sentinel".equals(s.source()) ? normalizers.sentinel(json).size()
                        : normalizers.sentinelOne(json).size();
            }
            counts.put(s.playbook(), n);
        }
        return counts;
    }

    private static List<Path> dropSamples(Path dataDir) {
        List<Path> dropped = new ArrayList<>();
        for (DemoSamples s : DemoSamples.ALL) {
            Path inbox = dataDir.resolve("inbox").resolve(s.inbox());
            for (String f : s.files()) {
                dropped.add(BundledFiles.copy("samples/" + f, inbox.resolve(Path.of(f).getFileName().toString())));
            }
        }
        return dropped;
    }

    /** Waits until no dropped file is left in its inbox and nothing is in flight. */
    private void awaitProcessed(PlaybookEngine engine, List<Path> dropped) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            boolean pending = dropped.stream().anyMatch(Files::exists);
            if (!pending && engine.context().getInflightRepository().size() == 0) {
                return;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
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
                throw new IllegalStateException("sample not bundled: " + resource);
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
