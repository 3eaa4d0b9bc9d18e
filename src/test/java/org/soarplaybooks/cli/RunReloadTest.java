package org.soarplaybooks.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run} as a user runs it (a separate JVM): hot reload is on by default, so a playbook saved while it runs is
 * reloaded; {@code run --no-reload} does not watch the routes folder.
 */
class RunReloadTest {

    static final String TRIAGE = "contraforce-triage.camel.yaml";

    @Test
    void runReloadsASavedPlaybook(@TempDir Path tmp) throws Exception {
        Path routes = copyOfTheShippedRoutes(tmp);
        Process p = run(tmp, routes, List.of());
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> Files.readString(tmp.resolve("stdout.txt"))
                    .contains("running 8 playbooks"));
            assertThat(Files.readString(tmp.resolve("stderr.txt"))).contains("INFO  reload - hot reload on: "
                    + "a playbook saved in " + routes + " is reloaded (run --no-reload turns this off)");

            Path file = routes.resolve(TRIAGE);
            String yaml = Files.readString(file);
            assertThat(yaml).contains("comment: Triaged by playbook contraforce-triage");
            Files.writeString(file, yaml.replace("comment: Triaged by playbook contraforce-triage",
                    "comment: Triaged while running"));

            await().atMost(Duration.ofSeconds(5)).until(() -> Files.readString(tmp.resolve("stderr.txt"))
                    .contains("INFO  reload - reloaded playbook contraforce-triage from " + file + " (2 routes) in "));
        } catch (Throwable t) {
            GracefulStop.stopAfterFailure(t, p, tmp.resolve("stdout.txt"), tmp.resolve("stderr.txt"));
            throw t;
        }
        GracefulStop.stop(p, tmp.resolve("stdout.txt"), tmp.resolve("stderr.txt"));
        assertThat(Files.readString(tmp.resolve("stdout.txt"))).contains("soar-playbooks: stopped");
    }

    @Test
    void runWithNoReloadDoesNotWatchTheRoutesFolder(@TempDir Path tmp) throws Exception {
        Path routes = copyOfTheShippedRoutes(tmp);
        Process p = run(tmp, routes, List.of("--no-reload"));
        try {
            // the engine starts the reloader, if at all, before it says it runs
            await().atMost(Duration.ofSeconds(30)).until(() -> Files.readString(tmp.resolve("stdout.txt"))
                    .contains("running 8 playbooks"));
            assertThat(Files.readString(tmp.resolve("stderr.txt"))).doesNotContain("hot reload on");
        } catch (Throwable t) {
            GracefulStop.stopAfterFailure(t, p, tmp.resolve("stdout.txt"), tmp.resolve("stderr.txt"));
            throw t;
        }
        GracefulStop.stop(p, tmp.resolve("stdout.txt"), tmp.resolve("stderr.txt"));
    }

    static Process run(Path tmp, Path routes, List<String> extra) throws IOException {
        List<String> args = new ArrayList<>(List.of("run", "--routes", routes.toString(), "--data",
                tmp.resolve("data").toString()));
        args.addAll(extra);
        ProcessBuilder pb = CliTest.command(args.toArray(String[]::new))
                .redirectOutput(tmp.resolve("stdout.txt").toFile()).redirectError(tmp.resolve("stderr.txt").toFile());
        try (ServerSocket s = new ServerSocket(0)) {
            pb.environment().put("PLAYBOOKS_HTTP_PORT", String.valueOf(s.getLocalPort())); // webhooks, not 8080
        }
        pb.environment().put("PLAYBOOKS_HTTP_HOST", "127.0.0.1");
        return pb.start();
    }

    static Path copyOfTheShippedRoutes(Path tmp) throws IOException {
        Path routes = Files.createDirectories(tmp.resolve("routes"));
        try (Stream<Path> shipped = Files.list(Path.of("routes"))) {
            for (Path f : shipped.toList()) {
                Files.copy(f, routes.resolve(f.getFileName()));
            }
        }
        return routes;
    }
}
