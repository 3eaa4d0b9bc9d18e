package org.soarplaybooks.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.soarplaybooks.deadletter.DeadLetter;
import org.soarplaybooks.deadletter.DeadLetterReplay;
import org.soarplaybooks.deadletter.DeadLetterStore;
import org.soarplaybooks.engine.EngineLock;
import org.soarplaybooks.engine.EngineOptions;
import org.soarplaybooks.engine.PlaybookBeans;
import org.soarplaybooks.engine.PlaybookEngine;
import org.soarplaybooks.engine.StartupException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code replay}: lists the dead-letter store, or re-drives dead letters through the playbook they came from
 * (see {@link DeadLetterReplay}). If an engine already runs on the data folder, it picks the replay files up;
 * otherwise this command starts one (the playbooks of {@code --routes}), waits, and stops it.
 *
 * <p>Exit codes: 0 listed, nothing matched, or every chosen dead letter was accepted; 1 some failed again, were
 * skipped or did not finish in time; 2 bad usage, a data folder that does not exist, or the engine cannot start.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "List dead letters (--list), or re-drive them through their playbook and action.")
public class ReplayCommand implements Callable<Integer> {

    @Mixin
    LogFormatOption logFormat = new LogFormatOption();

    @Mixin
    FolderOptions folders = new FolderOptions();

    @Option(names = "--list", description = "List the dead letters (playbook, id, incident, attempts, age, reason).")
    boolean list;

    @Option(names = "--playbook", paramLabel = "P", description = "Only this playbook's dead letters.")
    String playbook;

    @Option(names = "--id", paramLabel = "I", description = "Only the dead letter with this id.")
    String id;

    @Option(names = "--all", description = "Every dead letter (needed when neither --playbook nor --id is given).")
    boolean all;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "300",
            description = "Give up waiting for the playbooks after this many seconds (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Override
    public Integer call() {
        PrintStream out = System.out;
        Path data = folders.dataOr(Path.of("data"));
        var mapper = PlaybookBeans.newMapper();
        if (!Files.isDirectory(data)) {
            // a mistyped --data would otherwise read as "no dead letters": say the folder is not there
            System.err.println("error: " + data + ": no such data folder (give --data the folder the engine runs on)");
            return 2;
        }
        DeadLetterStore store = new DeadLetterStore(data.resolve("dead-letter"), mapper);
        if (list) {
            printList(out, store.list());
            return 0;
        }
        DeadLetterReplay replay = new DeadLetterReplay(data.toAbsolutePath(), store, mapper);
        List<DeadLetter> chosen;
        try {
            chosen = replay.select(playbook, id, all);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            return 2;
        }
        if (chosen.isEmpty()) {
            out.println("replay: no dead letters match");
            return 0;
        }
        PlaybookEngine engine = null;
        StopOnSignal signal = null;
        try {
            if (!EngineLock.isHeld(data)) {
                engine = new PlaybookEngine(new EngineOptions(folders.configOr(Path.of("config")),
                        folders.routesOr(Path.of("routes")), data, Map.of()));
                // Ctrl-C: in-flight replays finish (up to 30 s); a dead letter is deleted only once its vendor accepted
                signal = StopOnSignal.register("replay", engine, out, () -> { });
                engine.configure().start();
            } else {
                out.println("replay: an engine is running on " + data + "; it will take the replay files");
            }
            List<Optional<Path>> files = replay.writeAll(chosen);
            List<DeadLetterReplay.Outcome> outcomes = awaitOutcomes(replay, chosen, files, engine);
            return printOutcomes(out, chosen, outcomes);
        } catch (StartupException e) {
            System.err.println("error: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            System.err.println("error: " + data + ": " + e.getMessage());
            return 2;
        } finally {
            if (engine != null) {
                StopOnSignal.safeClose(engine);
                signal.remove();
            }
        }
    }

    /**
     * Waits until every chosen dead letter has an outcome (accepted, failed again, skipped) or the timeout passes;
     * returns the outcomes then (pending ones say so).
     */
    private List<DeadLetterReplay.Outcome> awaitOutcomes(DeadLetterReplay replay, List<DeadLetter> chosen,
            List<Optional<Path>> files, PlaybookEngine engine) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (true) {
            List<DeadLetterReplay.Outcome> outcomes = new ArrayList<>();
            for (int i = 0; i < chosen.size(); i++) {
                DeadLetter d = chosen.get(i);
                Optional<Path> file = files.get(i);
                outcomes.add(file.isPresent() ? replay.outcomeOf(d, file.get())
                        : new DeadLetterReplay.Outcome(d, DeadLetterReplay.Outcome.SKIPPED,
                                "nothing to re-drive it through: it holds neither the incident nor its inbox item"));
            }
            boolean pending = outcomes.stream().anyMatch(o -> DeadLetterReplay.Outcome.PENDING.equals(o.result()));
            boolean busy = engine != null && engine.context().getInflightRepository().size() > 0;
            if (!pending && !busy || System.nanoTime() > deadline) {
                return outcomes;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
    }

    private static int printOutcomes(PrintStream out, List<DeadLetter> chosen,
                                     List<DeadLetterReplay.Outcome> outcomes) {
        int accepted = 0;
        for (int i = 0; i < chosen.size(); i++) {
            DeadLetter d = chosen.get(i);
            DeadLetterReplay.Outcome o = outcomes.get(i);
            if (DeadLetterReplay.Outcome.ACCEPTED.equals(o.result())) {
                accepted++;
            }
            out.printf("  %-28s %-22s %-40s %s: %s%n", d.playbook(), d.id(), d.incidentKey(), o.result(),
                    o.detail());
        }
        out.printf("replay: %d of %d accepted%n", accepted, chosen.size());
        return accepted == chosen.size() ? 0 : 1;
    }

    static void printList(PrintStream out, List<DeadLetter> letters) {
        if (letters.isEmpty()) {
            out.println("no dead letters");
            return;
        }
        String fmt = "%-28s %-22s %-40s %8s %8s  %s%n";
        out.printf(fmt, "playbook", "id", "incident", "attempts", "age", "reason");
        Instant now = Instant.now();
        for (DeadLetter d : letters) {
            out.printf(fmt, d.playbook(), d.id(), d.incidentKey(), d.attempts(),
                    age(Duration.between(d.lastFailure(), now)), d.reason());
        }
        out.printf("%d dead letter(s)%n", letters.size());
    }

    static String age(Duration d) {
        if (d.toDays() > 0) {
            return d.toDays() + "d";
        }
        if (d.toHours() > 0) {
            return d.toHours() + "h";
        }
        if (d.toMinutes() > 0) {
            return d.toMinutes() + "m";
        }
        return Math.max(0, d.toSeconds()) + "s";
    }
}
