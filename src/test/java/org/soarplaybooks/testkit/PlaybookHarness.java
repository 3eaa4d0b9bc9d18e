package org.soarplaybooks.testkit;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.soarplaybooks.audit.AuditLog;
import org.soarplaybooks.audit.AuditRecord;
import org.soarplaybooks.deadletter.DeadLetter;
import org.soarplaybooks.engine.EngineOptions;
import org.soarplaybooks.engine.PlaybookBeans;
import org.soarplaybooks.engine.PlaybookEngine;
import org.soarplaybooks.simulator.SimulatorCredentials;
import org.soarplaybooks.simulator.VendorSimulator;

/**
 * Runs the shipped playbooks as users run them (YAML from {@code routes/}, config from {@code config/}) against
 * the vendor simulator (WireMock, real HTTP on loopback), with a temporary data folder. Every vendor's properties
 * point at the simulator with its demo credentials ({@link SimulatorCredentials#demoVendorProperties}).
 * For a test of one playbook, written by a playbook author, see {@link PlaybookTest} (the playbook test kit).
 */
public final class PlaybookHarness implements AutoCloseable {

    public static final ObjectMapper JSON = PlaybookBeans.newMapper();

    private final VendorSimulator simulator;
    private final PlaybookEngine engine;
    private final Path data;

    private PlaybookHarness(VendorSimulator simulator, PlaybookEngine engine, Path data) {
        this.simulator = simulator;
        this.engine = engine;
        this.data = data;
    }

    /** Starts with the shipped config folder. */
    public static PlaybookHarness start(Path data) {
        return start(data, Path.of("config"), Map.of());
    }

    /** Starts with a given config folder and extra property overrides. */
    public static PlaybookHarness start(Path data, Path config, Map<String, String> overrides) {
        return start(data, config, Path.of("routes"), false, overrides);
    }

    /**
     * Starts with given config and routes folders (the playbook test kit loads one playbook from a temporary routes
     * folder) and extra property overrides, which win over the simulator's vendor properties; no hot reload.
     */
    public static PlaybookHarness start(Path data, Path config, Path routes, Map<String, String> overrides) {
        return start(data, config, routes, false, overrides);
    }

    /** Starts with given config and routes folders, hot reload of the playbook files on or off, and overrides. */
    public static PlaybookHarness start(Path data, Path config, Path routes, boolean reload,
            Map<String, String> overrides) {
        VendorSimulator sim = VendorSimulator.start(SimulatorCredentials.demo());
        // every vendor (ContraForce, SentinelOne, OneTrust, Adversarial) at the simulator, demo credentials
        Map<String, String> props = new LinkedHashMap<>(SimulatorCredentials.demoVendorProperties(sim.baseUrl()));
        props.put("playbooks.inbox.poll-delay", "100");
        props.put("playbooks.inbox.min-age", "100");
        props.put("camel.management.port", "0");
        // the webhook server on a free loopback port, never the default 8080
        props.put("camel.server.host", "127.0.0.1");
        props.put("camel.server.port", String.valueOf(freePort()));
        // quick backoff in tests; Retry-After waits stay real
        props.put("playbooks.retry.base-delay", "20");
        props.put("playbooks.retry.max-delay", "100");
        props.putAll(overrides);
        PlaybookEngine engine = new PlaybookEngine(new EngineOptions(config, routes, data, props, reload));
        try {
            engine.configure().start();
        } catch (RuntimeException e) {
            sim.close();
            throw e;
        }
        return new PlaybookHarness(sim, engine, data);
    }

    /** A TCP port free on this machine right now (for the webhook server of an engine under test). */
    public static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Drops a bundled sample (path below {@code samples/}) into {@code inbox/<inbox>/}, atomically. */
    public Path dropSample(String inbox, String sample) {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("samples/" + sample)) {
            if (in == null) {
                throw new IllegalArgumentException("no sample " + sample);
            }
            return drop(inbox, Path.of(sample).getFileName().toString(), in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Drops a file with the given content into {@code inbox/<inbox>/}, atomically (hidden temp file, rename). */
    public Path drop(String inbox, String name, String content) {
        return drop(inbox, name, content.getBytes(StandardCharsets.UTF_8));
    }

    /** Drops a file with the given bytes into {@code inbox/<inbox>/}, atomically (hidden temp file, rename). */
    public Path drop(String inbox, String name, byte[] content) {
        try {
            Path dir = data.resolve("inbox").resolve(inbox);
            Files.createDirectories(dir);
            Path tmp = dir.resolve("." + name + ".tmp");
            Files.write(tmp, content);
            return Files.move(tmp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until the file has moved to {@code .done/} and nothing is in flight; returns the moved file. */
    public Path awaitDone(Path dropped) {
        return awaitMoved(dropped, ".done");
    }

    /** Waits until the file has moved to {@code .failed/} and its error report is written. */
    public Path awaitFailed(Path dropped) {
        Path moved = awaitMoved(dropped, ".failed");
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(errorReportOf(dropped)));
        return moved;
    }

    /**
     * Waits until the file has moved to {@code .done/} or {@code .failed/} (then until its error report is written)
     * and nothing is in flight; returns the moved file.
     */
    public Path awaitTaken(Path dropped) {
        Path done = dropped.resolveSibling(".done").resolve(dropped.getFileName());
        Path failed = dropped.resolveSibling(".failed").resolve(dropped.getFileName());
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20))
                .until(() -> (Files.exists(done) || Files.exists(errorReportOf(dropped))) && !Files.exists(dropped)
                        && quiet());
        return Files.exists(done) ? done : failed;
    }

    public Path errorReportOf(Path dropped) {
        return dropped.resolveSibling(".failed").resolve(dropped.getFileName() + ".error.json");
    }

    private Path awaitMoved(Path dropped, String folder) {
        Path target = dropped.resolveSibling(folder).resolve(dropped.getFileName());
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20))
                .until(() -> Files.exists(target) && !Files.exists(dropped) && quiet());
        return target;
    }

    /** Nothing in flight and every playbook queue empty (no incident waiting, scheduled for a retry or running). */
    public boolean quiet() {
        return engine.context().getInflightRepository().size() == 0 && engine.beans().incidents().backlog() == 0
                && engine.context().getInflightRepository().size() == 0;
    }

    /** Waits until a file (a replay request, say) has been taken and the engine is {@link #quiet()}. */
    public void awaitGone(Path file) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20))
                .until(() -> !Files.exists(file) && quiet());
    }

    /**
     * The incidents waiting on a playbook's queue, oldest first (those being run or scheduled for a retry are not
     * listed). Stop the playbook's route first ({@link #stopPlaybook}) to look at what a trigger queued.
     */
    public List<org.soarplaybooks.core.queue.IncidentMessage> queued(String playbook) {
        var messages = engine.beans().incidentMessages();
        return engine.beans().queues().browse(org.soarplaybooks.core.queue.PlaybookQueues.of(playbook),
                messages::decode);
    }

    /** Stops a playbook's queue route (its incidents then wait on its queue), e.g. to look at what was queued. */
    public void stopPlaybook(String routeId) {
        try {
            engine.context().getRouteController().stopRoute(routeId);
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop route " + routeId + ": " + e.getMessage(), e);
        }
    }

    /** Starts a playbook's queue route again. */
    public void startPlaybook(String routeId) {
        try {
            engine.context().getRouteController().startRoute(routeId);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start route " + routeId + ": " + e.getMessage(), e);
        }
    }

    /** Waits until {@link #quiet()}. */
    public void awaitQuiet() {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20)).until(this::quiet);
    }

    /** The requests the vendor simulator received, oldest first. */
    public List<LoggedRequest> requests() {
        return simulator.requests();
    }

    public VendorSimulator simulator() {
        return simulator;
    }

    public List<AuditRecord> audit() {
        return new AuditLog(data.resolve("audit"), JSON).readAll();
    }

    public List<DeadLetter> deadLetters() {
        return engine.beans().deadLetters().list();
    }

    public PlaybookEngine engine() {
        return engine;
    }

    public Path data() {
        return data;
    }

    /** Parses a request body (or any JSON text). */
    public static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            engine.close();
        } finally {
            simulator.close();
        }
    }
}
