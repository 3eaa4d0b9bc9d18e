package org.soarplaybooks.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Atomic writes on real files, and the folder flush concurrent writers share. */
class AtomicFilesTest {

    @Test
    void concurrentWritersIntoOneFolderEachLeaveTheirWholeFileAndNoTemporaryFile(@TempDir Path dir) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<Path>> writes = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                String name = "event-" + i + ".json";
                byte[] content = ("{\"n\": " + i + "}").getBytes(StandardCharsets.UTF_8);
                writes.add(pool.submit(() -> AtomicFiles.write(dir.resolve("inbox").resolve(name), content)));
            }
            for (Future<Path> w : writes) {
                w.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        for (int i = 0; i < 200; i++) {
            assertThat(Files.readString(dir.resolve("inbox/event-" + i + ".json"))).isEqualTo("{\"n\": " + i + "}");
        }
        try (Stream<Path> files = Files.list(dir.resolve("inbox"))) {
            assertThat(files.map(p -> p.getFileName().toString())).hasSize(200).noneMatch(n -> n.startsWith(".tmp-"));
        }
    }

    @Test
    void aWriteReplacesTheTargetWhole(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("state.json");
        AtomicFiles.write(target, "old".getBytes(StandardCharsets.UTF_8));
        AtomicFiles.write(target, out -> out.write("new".getBytes(StandardCharsets.UTF_8)));

        assertThat(Files.readString(target)).isEqualTo("new");
    }

    @Test
    void aFolderThatTakesWritesSaysSoAndOneThatIsNotThereSaysWhy(@TempDir Path dir) {
        assertThat(AtomicFiles.cannotWrite(dir)).isNull();
        assertThat(dir).isEmptyDirectory();
        assertThat(AtomicFiles.cannotWrite(dir.resolve("gone"))).isNotNull();
    }
}
