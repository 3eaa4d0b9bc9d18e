package org.soarplaybooks.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Flushes a folder to disk ({@code fsync}) after a rename into it, shared by concurrent writers (group commit):
 * a writer whose rename is already covered by a flush that started after it waits for that flush instead of
 * making its own, so N writers that rename into one folder at about the same time cost one or two folder flushes,
 * not N. Each caller returns only once a flush that began after its rename has finished. Where the platform cannot
 * open a folder as a channel, nothing is flushed (the rename is then as durable as the OS makes it). Thread-safe;
 * one instance per folder for the life of the JVM.
 */
final class FolderSync {

    private static final ConcurrentHashMap<Path, FolderSync> FOLDERS = new ConcurrentHashMap<>();

    private final Path dir;
    private final Consumer<Path> force;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition flushed = lock.newCondition();
    /** Renames announced so far (a sequence number per rename). */
    private long renamed;
    /** The highest rename number a finished flush covers. */
    private long synced;
    private boolean flushing;

    private FolderSync(Path dir) {
        this(dir, FolderSync::force);
    }

    /** With another flush (tests). */
    FolderSync(Path dir, Consumer<Path> force) {
        this.dir = dir;
        this.force = force;
    }

    /**
     * Call after a rename into {@code dir} (absolute) has completed; returns when a folder flush that began after
     * it has finished.
     */
    static void afterRename(Path dir) {
        FOLDERS.computeIfAbsent(dir, FolderSync::new).flushAfterRename();
    }

    /** Returns when a flush of the folder that began after this call has finished. */
    void flushAfterRename() {
        lock.lock();
        try {
            long mine = ++renamed;
            while (synced < mine) {
                if (flushing) {
                    flushed.awaitUninterruptibly();
                    continue;
                }
                flushing = true;
                long covers = renamed;
                lock.unlock();
                boolean done = false;
                try {
                    force.accept(dir);
                    done = true;
                } finally {
                    lock.lock();
                    flushing = false;
                    if (done) {   // a flush that threw covers nobody: a waiting writer tries again
                        synced = Math.max(synced, covers);
                    }
                    flushed.signalAll();
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** How many renames have been announced so far (tests). */
    long announced() {
        lock.lock();
        try {
            return renamed;
        } finally {
            lock.unlock();
        }
    }

    private static void force(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // some platforms cannot open a folder as a channel; the rename is then as durable as the OS makes it
        }
    }
}
