package org.soarplaybooks.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line as a user runs it: a separate JVM, real exit codes, real standard error. Each start-up
 * failure is one line naming the file and the reason, with exit code 2.
 */
class CliTest {

    record Run(int exit, String out, String err) {
        List<String> errorLines() {
            return err.lines().filter(l -> l.startsWith("error:")).toList();
        }
    }

    @Test
    void anUnknownOptionIsExit2WithOneLine(@TempDir Path tmp) throws Exception {
        Run r = cli(tmp, "run", "--bogus");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("error: Unknown option: '--bogus' (see --help)");
    }

    @Test
    void aMissingConfigNamesTheFile(@TempDir Path tmp) throws Exception {
        Run r = cli(tmp, "run", "--config", tmp.resolve("nowhere").toString(), "--data", tmp.toString());

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("error: " + tmp.resolve("nowhere/application.properties")
                + ": file not found (set --config to the folder holding it)");
    }

    @Test
    void brokenYamlNamesFileLineAndColumn(@TempDir Path tmp) throws Exception {
        Path routes = routesWith(tmp, "- route:\n    id: x\n    from:\n      uri: timer:x\n      steps:\n"
                + "        - log: [unclosed\n");

        Run r = cli(tmp, "run", "--routes", routes.toString(), "--data", tmp.resolve("data").toString());

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.errorLines()).singleElement().asString()
                .startsWith("error: " + routes.resolve("broken.camel.yaml") + ":7:1: invalid YAML:")
                .contains("expected ',' or ']'");
    }

    @Test
    void aPlaybookCamelRefusesNamesTheFileAndTheReason(@TempDir Path tmp) throws Exception {
        Path routes = routesWith(tmp, "- route:\n    id: x\n    from:\n      uri: timer:x\n      steps:\n"
                + "        - frobnicate:\n            id: y\n");

        Run r = cli(tmp, "run", "--routes", routes.toString(), "--data", tmp.resolve("data").toString());

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.errorLines()).singleElement().asString()
                .isEqualTo("error: " + routes.resolve("broken.camel.yaml") + ": Unknown node id: frobnicate");
    }

    @Test
    void anUnknownMappingValueStopsStartUpNamingFileKeyAndValue(@TempDir Path tmp) throws Exception {
        Path config = Files.createDirectories(tmp.resolve("config"));
        Files.copy(Path.of("config/application.properties"), config.resolve("application.properties"));
        Files.writeString(config.resolve("mapping.yaml"), Files.readString(Path.of("config/mapping.yaml"))
                .replace("    Active: Active", "    Active: Actve"));

        Run r = cli(tmp, "run", "--config", config.toString(), "--data", tmp.resolve("data").toString());

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.errorLines()).singleElement().asString().isEqualTo("error: " + config.resolve("mapping.yaml")
                + ": sentinel.status.Active: 'Actve' is not a ContraForce Status (allowed: Active, New, Closed)");
    }

    @Test
    void runServesUntilSigtermThenStopsGracefully(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("out.txt");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        ProcessBuilder pb = command("--data", tmp.resolve("data").toString()) // no command: run
                .redirectOutput(out.toFile()).redirectError(tmp.resolve("stderr.txt").toFile());
        pb.environment().put("PLAYBOOKS_MANAGEMENT_PORT", String.valueOf(port));
        try (ServerSocket s = new ServerSocket(0)) {
            pb.environment().put("PLAYBOOKS_HTTP_PORT", String.valueOf(s.getLocalPort())); // webhooks, not 8080
        }
        Process p = pb.start();
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> Files.readString(out).contains("running"));
            assertThat(Files.readString(out)).contains("running 8 playbooks [bulk-incident-update, "
                    + "confirmed-breach-to-privacy-register, contraforce-closure-to-sentinelone, contraforce-triage, "
                    + "incident-status-sync, sentinel-incident-sync, sentinelone-threat-sync, webhooks] from routes");
            HttpRequest healthCheck = HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/observe/health")).build();
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                HttpResponse<String> health = HttpClient.newHttpClient().send(healthCheck, BodyHandlers.ofString());
                assertThat(health.statusCode()).isEqualTo(200);
                assertThat(health.body()).contains("\"status\":\"UP\"");
            });

            GracefulStop.stop(p, out, tmp.resolve("stderr.txt"));
            assertThat(Files.readString(out)).contains("soar-playbooks: stopped");
        } finally {
            p.destroyForcibly();
        }
    }

    private static Path routesWith(Path tmp, String brokenPlaybook) throws IOException {
        Path routes = Files.createDirectories(tmp.resolve("routes"));
        try (Stream<Path> shipped = Files.list(Path.of("routes"))) {
            for (Path f : shipped.toList()) {
                Files.copy(f, routes.resolve(f.getFileName()));
            }
        }
        Files.writeString(routes.resolve("broken.camel.yaml"), brokenPlaybook);
        return routes;
    }

    private static Run cli(Path tmp, String... args) throws Exception {
        Path out = tmp.resolve("stdout.txt");
        Path err = tmp.resolve("stderr.txt");
        Process p = command(args).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the CLI ended").isTrue();
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    /** The CLI in a new JVM with this test's class path, in the project folder (routes/, config/). */
    static ProcessBuilder command(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(SoarPlaybooks.class.getName());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(Path.of("").toAbsolutePath().toFile());
        pb.environment().put("PLAYBOOKS_MANAGEMENT_PORT", "0");
        return pb;
    }
}
