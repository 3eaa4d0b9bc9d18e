package org.soarplaybooks.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WritableFolderTest {

    @Test
    void aFolderThatTakesWritesIsSaidToAndAGoneOneIsSeenAtTheNextProbe(@TempDir Path tmp) throws IOException {
        Path folder = Files.createDirectories(tmp.resolve("data"));
        WritableFolder w = new WritableFolder(folder);
        assertThat(w.cannotWrite()).isNull();
        try (var files = Files.list(folder)) {
            assertThat(files).as("the probe file is gone").isEmpty();
        }

        Files.delete(folder);
        // within a probe interval the last answer stands; after it, the folder is probed again
        await().atMost(Duration.ofMillis(WritableFolder.PROBE_EVERY_MILLIS * 3)).pollInterval(Duration.ofMillis(50))
                .until(() -> w.cannotWrite() != null);
        assertThat(w.cannotWrite()).isEqualTo("NoSuchFileException");
    }

    @Test
    void theFirstQuestionProbesAtOnce(@TempDir Path tmp) {
        assertThat(new WritableFolder(tmp.resolve("missing")).cannotWrite()).isNotNull();
    }
}
