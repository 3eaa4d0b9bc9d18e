package org.soarplaybooks.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
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
    void aFlushThatFailedCoversNobodyAndTheWriterItWouldHaveCoveredFlushesAgain(@TempDir Path dir) throws Exception {
        AtomicInteger flushes = new AtomicInteger();
        CountDownLatch firstFlushRunning = new CountDownLatch(1);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        FolderSync sync = new FolderSync(dir, d -> {
            int n = flushes.incrementAndGet();
            if (n == 1) {
                firstFlushRunning.countDown();
                try {
                    releaseFirst.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            } else if (n == 2) {
                throw new IllegalStateException("disk gone");
            }
        });
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            Future<?> first = pool.submit(sync::flushAfterRename);
            assertThat(firstFlushRunning.await(10, TimeUnit.SECONDS)).isTrue();
            // two writers wait during the first flush; the second flush (which would cover both) fails
            Future<?> a = pool.submit(sync::flushAfterRename);
            Future<?> b = pool.submit(sync::flushAfterRename);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (sync.announced() < 3 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            releaseFirst.countDown();
            first.get(10, TimeUnit.SECONDS);
            int failed = 0;
            for (Future<?> f : List.of(a, b)) {
                try {
                    f.get(10, TimeUnit.SECONDS);
                } catch (java.util.concurrent.ExecutionException e) {
                    assertThat(e.getCause()).hasMessage("disk gone");
                    failed++;
                }
            }
            assertThat(failed).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        // the writer whose rename the failed flush would have covered got a flush of its own
        assertThat(flushes.get()).isEqualTo(3);
    }

    @Test
    void writersWaitingDuringAFlushShareTheNextOneAndNoneReturnsBeforeAFlushThatBeganAfterIt(@TempDir Path dir)
            throws Exception {
        AtomicInteger flushes = new AtomicInteger();
        AtomicLong flushStarted = new AtomicLong();
        CountDownLatch firstFlushRunning = new CountDownLatch(1);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        FolderSync sync = new FolderSync(dir, d -> {
            flushStarted.set(System.nanoTime());
            if (flushes.incrementAndGet() == 1) {
                firstFlushRunning.countDown();
                try {
                    releaseFirst.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        ExecutorService pool = Executors.newFixedThreadPool(9);
        try {
            Future<?> first = pool.submit(sync::flushAfterRename);
            assertThat(firstFlushRunning.await(10, TimeUnit.SECONDS)).isTrue();
            // eight more renames while the first flush runs: it began before them, so it cannot cover them
            CountDownLatch called = new CountDownLatch(8);
            List<Future<Long>> late = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                late.add(pool.submit(() -> {
                    long calledAt = System.nanoTime();
                    called.countDown();
                    sync.flushAfterRename();
                    return calledAt;
                }));
            }
            assertThat(called.await(10, TimeUnit.SECONDS)).isTrue();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (sync.announced() < 9 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertThat(sync.announced()).isEqualTo(9);
            releaseFirst.countDown();
            first.get(10, TimeUnit.SECONDS);
            List<Long> calledAt = new ArrayList<>();
            for (Future<Long> f : late) {
                calledAt.add(f.get(10, TimeUnit.SECONDS));
            }
            assertThat(calledAt).as("the last flush began after each call").allSatisfy(
                    t -> assertThat(flushStarted.get()).isGreaterThan(t));
        } finally {
            pool.shutdownNow();
        }
        // the first flush, then one flush shared by all eight late writers
        assertThat(flushes.get()).isEqualTo(2);
    }
}
