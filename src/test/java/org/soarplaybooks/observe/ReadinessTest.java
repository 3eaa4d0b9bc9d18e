package org.soarplaybooks.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.soarplaybooks.testkit.Management;
import org.soarplaybooks.testkit.PlaybookHarness;

/** Readiness and liveness on the management port, over real HTTP, as an orchestrator probes them. */
class ReadinessTest {

    @Test
    void readinessFailsWhileTheDataFolderTakesNoWritesAndRecoversWhenItDoes(@TempDir Path tmp) throws Exception {
        Path data = tmp.resolve("data");
        try (PlaybookHarness h = PlaybookHarness.start(data)) {
            var ctx = h.engine().context();
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(Management.get(ctx, "/observe/health/ready").statusCode()).isEqualTo(200));

            // the data folder is replaced by a regular file: nothing can be written below it
            Path moved = Files.move(data, tmp.resolve("data-moved"));
            Files.writeString(data, "not a folder");

            HttpResponse<String> ready = Management.get(ctx, "/observe/health/ready");
            assertThat(ready.statusCode()).isEqualTo(503);
            assertThat(ready.body()).contains("\"status\":\"DOWN\"")
                    .contains("{\"name\":\"data-folder\",\"status\":\"DOWN\",\"message\":\"the data folder is not writable");
            assertThat(Management.get(ctx, "/observe/health/live").statusCode()).as("liveness: restarting won't help")
                    .isEqualTo(200);

            Files.delete(data);
            Files.move(moved, data);

            HttpResponse<String> back = Management.get(ctx, "/observe/health/ready");
            assertThat(back.statusCode()).isEqualTo(200);
            assertThat(back.body()).contains("\"status\":\"UP\"");
        }
    }
}
