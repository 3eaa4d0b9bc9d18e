package org.soarplaybooks.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run} stopped by SIGTERM while it is still starting (an operator's restart, a container stopped right after
 * it came up) stops gracefully and exits, like a stop of a running engine: the signal waits for the start to end,
 * then the engine stops. Before, camel-main's own shutdown hook waited 45 s for a stop nobody made.
 */
class RunStopTest {

    static final String CAMEL_STARTS_ROUTES = "webhook /webhooks/contraforce is disabled";

    @Test
    void sigtermWhileCamelStartsTheRoutesStopsTheEngine(@TempDir Path tmp) throws Exception {
        Path routes = RunReloadTest.copyOfTheShippedRoutes(tmp);
        Process p = RunReloadTest.run(tmp, routes, List.of());
        Path stdout = tmp.resolve("stdout.txt");
        Path stderr = tmp.resolve("stderr.txt");
        try {
            // the webhook beans say so while Camel starts the routes, before the engine says it runs
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(5))
                    .until(() -> Files.readString(stderr).contains(CAMEL_STARTS_ROUTES));
            assertThat(Files.readString(stdout)).as("not running yet").doesNotContain("running 8 playbooks");
        } catch (Throwable t) {
            GracefulStop.stopAfterFailure(t, p, stdout, stderr);
            throw t;
        }

        GracefulStop.stop(p, stdout, stderr);

        assertThat(Files.readString(stdout)).contains("soar-playbooks: stopping; in-flight work gets up to 30 s",
                "soar-playbooks: stopped").doesNotContain("running 8 playbooks");
        assertThat(Files.readString(stderr)).doesNotContain("error:");
    }
}
