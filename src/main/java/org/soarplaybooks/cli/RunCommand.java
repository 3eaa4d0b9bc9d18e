package org.soarplaybooks.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.soarplaybooks.engine.EngineOptions;
import org.soarplaybooks.engine.PlaybookEngine;
import org.soarplaybooks.engine.StartupException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code run}: loads every playbook of the routes folder and runs until SIGTERM (or Ctrl-C), then stops
 * gracefully: triggers stop taking work, in-flight work gets up to 30 s.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the playbooks until stopped (SIGTERM / Ctrl-C).")
public class RunCommand implements Callable<Integer> {

    @Mixin
    LogFormatOption logFormat = new LogFormatOption();

    @Mixin
    FolderOptions folders = new FolderOptions();

    @Override
    public Integer call() {
        EngineOptions options = new EngineOptions(folders.configOr(Path.of("config")),
                folders.routesOr(Path.of("routes")), folders.dataOr(Path.of("data")), Map.of());
        PlaybookEngine engine = new PlaybookEngine(options);
        try {
            engine.configure().start();
        } catch (StartupException e) {
            System.err.println("error: " + e.getMessage());
            safeClose(engine);
            return 2;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("soar-playbooks: stopping; in-flight work gets up to 30 s");
            safeClose(engine);
            System.out.println("soar-playbooks: stopped");
            stopped.countDown();
        }, "soar-shutdown"));
        List<String> playbooks = engine.context().getRoutes().stream().filter(r -> !r.isCreatedByKamelet())
                .map(r -> r.getGroup() != null ? r.getGroup() : r.getRouteId()).distinct().sorted().toList();
        System.out.println("soar-playbooks: running " + playbooks.size() + " playbooks " + playbooks + " from "
                + options.routesDir() + "; data in " + options.dataDir() + ". Stop with SIGTERM or Ctrl-C.");
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    static void safeClose(PlaybookEngine engine) {
        try {
            engine.close();
        } catch (RuntimeException e) {
            System.err.println("warning: " + e.getMessage());
        }
    }
}
