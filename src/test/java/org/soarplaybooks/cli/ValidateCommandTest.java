package org.soarplaybooks.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code validate} as a user runs it: a separate JVM through picocli ({@link CliTest#command}), real files, the
 * lines it prints and its exit code.
 */
class ValidateCommandTest {

    record Run(int exit, String out, String err) {
    }

    @Test
    void theShippedPlaybooksAndMappingPass() throws Exception {
        Run r = cli(Files.createTempDirectory("validate"), "validate");

        assertThat(r.out().lines()).containsExactly("10 files, 0 errors, 0 warnings");
        assertThat(r.exit()).isZero();
    }

    @Test
    void aBrokenPlaybookPrintsOneLinePerFindingAndExits1(@TempDir Path tmp) throws Exception {
        Path config = Files.createDirectories(tmp.resolve("config"));
        Path routes = Files.createDirectories(tmp.resolve("routes"));
        Files.copy(Path.of("config/application.properties"), config.resolve("application.properties"));
        Files.copy(Path.of("config/mapping.yaml"), config.resolve("mapping.yaml"));
        Files.writeString(routes.resolve("broken.camel.yaml"), """
                - route:
                    id: broken
                    from:
                      uri: "file:{{playbooks.data}}/inbox/{{broken.folder}}"
                      steps:
                        - too:
                            uri: kamelet:contraforce-update-incident-status-action
                """);

        Run r = cli(tmp, "validate", "--config", config.toString(), "--routes", routes.toString());

        Path file = routes.resolve("broken.camel.yaml");
        assertThat(r.out().lines()).containsExactly(
                file + ":4:43: warning: route.from.uri: placeholder {{broken.folder}}: no property 'broken.folder' in "
                        + config.resolve("application.properties") + " and no environment variable BROKEN_FOLDER",
                file + ":6:11: error: route.from.steps[0]: unknown key 'too' (did you mean 'to'?)",
                "2 files, 1 error, 1 warning");
        assertThat(r.exit()).isEqualTo(1);
    }

    @Test
    void onlyWarningsExit0(@TempDir Path tmp) throws Exception {
        Path playbook = Files.writeString(tmp.resolve("warn.camel.yaml"), """
                - route:
                    id: warn
                    from:
                      uri: "timer:{{warn.timer.name}}"
                      steps:
                        - log: tick
                """);

        Run r = cli(tmp, "validate", playbook.toString());

        assertThat(r.out().lines()).containsExactly(playbook + ":4:19: warning: route.from.uri: placeholder"
                + " {{warn.timer.name}}: no property 'warn.timer.name' in config/application.properties and no"
                + " environment variable WARN_TIMER_NAME", "1 file, 0 errors, 1 warning");
        assertThat(r.exit()).isZero();
    }

    @Test
    void aMissingRoutesFolderIsExit2(@TempDir Path tmp) throws Exception {
        Run r = cli(tmp, "validate", "--routes", tmp.resolve("nowhere").toString());

        assertThat(r.err().strip()).isEqualTo("error: " + tmp.resolve("nowhere")
                + ": routes folder not found (set --routes)");
        assertThat(r.exit()).isEqualTo(2);
    }

    private static Run cli(Path tmp, String... args) throws Exception {
        Path out = tmp.resolve("stdout.txt");
        Path err = tmp.resolve("stderr.txt");
        Process p = CliTest.command(args).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("validate ended").isTrue();
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
