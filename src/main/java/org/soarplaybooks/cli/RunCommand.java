package org.soarplaybooks.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.soarplaybooks.dryrun.DryRun;
import org.soarplaybooks.engine.EngineOptions;
import org.soarplaybooks.engine.PlaybookEngine;
import org.soarplaybooks.engine.StartupException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code run}: loads every playbook of the routes folder and runs until SIGTERM (or Ctrl-C), then stops
 * gracefully: triggers stop taking work, in-flight work gets up to 30 s. A playbook file saved while it runs is
 * reloaded (hot reload, see {@link org.soarplaybooks.engine.reload.PlaybookReloader}) unless {@code --no-reload}.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the playbooks until stopped (SIGTERM / Ctrl-C).")
public class RunCommand implements Callable<Integer> {

    @Mixin
    LogFormatOption logFormat = new LogFormatOption();

    @Mixin
    FolderOptions folders = new FolderOptions();

    @Option(names = "--dry-run", description = "Build and check every vendor request, record it as would-send in "
            + "the audit trail (secrets masked), send nothing; the vendors' answers are taken as success.")
    boolean dryRun;

    @Option(names = "--no-reload",
            description = "Do not reload a playbook file saved while running (by default a saved, added or deleted "
                    + "routes/*.camel.yaml is applied within about a second).")
    boolean noReload;

    @Override
    public Integer call() {
        EngineOptions options = new EngineOptions(folders.configOr(Path.of("config")),
                folders.routesOr(Path.of("routes")), folders.dataOr(Path.of("data")),
                dryRun ? Map.of(DryRun.ENABLED_PROPERTY, "true") : Map.of()).withReload(!noReload);
        PlaybookEngine engine = new PlaybookEngine(options);
        CountDownLatch stopped = new CountDownLatch(1);
        // before the start: a SIGTERM while the engine starts stops it once started, and the JVM exits
        StopOnSignal signal = StopOnSignal.register("soar-playbooks", engine, System.out, stopped::countDown);
        try {
            engine.configure().start();
        } catch (StartupException e) {
            if (!signal.signalled()) {
                System.err.println("error: " + e.getMessage());
                StopOnSignal.safeClose(engine);
                signal.remove();
                return 2;
            }
        }
        if (signal.signalled()) { // stopped while starting (the start may have failed for that reason)
            awaitStop(stopped);
            return 0;
        }
        List<String> playbooks = engine.playbooks();
        System.out.println("soar-playbooks: running " + playbooks.size() + " playbooks " + playbooks + " from "
                + options.routesDir() + "; data in " + options.dataDir() + ". Stop with SIGTERM or Ctrl-C.");
        if (dryRun) {
            System.out.println("soar-playbooks: DRY RUN: nothing is sent to any vendor; each request is recorded as "
                    + "would-send in " + options.dataDir().resolve("audit") + ". Inbox files are still taken (moved "
                    + "to .done): dry-run a copy of your data folder (--data).");
        }
        awaitStop(stopped);
        return 0;
    }

    private static void awaitStop(CountDownLatch stopped) {
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
