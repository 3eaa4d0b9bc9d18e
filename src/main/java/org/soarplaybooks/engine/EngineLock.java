package org.soarplaybooks.engine;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * One engine per data folder: an OS file lock on {@code <data>/state/engine.lock}, held while the engine runs
 * and released by the OS if the process dies (even by {@code kill -9}). Two engines on one data folder would
 * take each other's inbox files; {@code replay} uses the lock to know whether a running engine will pick its
 * files up.
 */
public final class EngineLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private EngineLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock of a data folder.
     *
     * @return the lock, or empty when another engine (in this or another process) holds it
     * @throws IOException when the state folder cannot be created or the lock file opened
     */
    public static Optional<EngineLock> tryAcquire(Path dataDir) throws IOException {
        Path file = Files.createDirectories(dataDir.resolve("state")).resolve("engine.lock");
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            FileLock l = ch.tryLock();
            if (l == null) {
                ch.close();
                return Optional.empty();
            }
            return Optional.of(new EngineLock(ch, l));
        } catch (OverlappingFileLockException heldInThisJvm) {
            ch.close();
            return Optional.empty();
        }
    }

    /** Whether an engine holds the lock of this data folder right now. */
    public static boolean isHeld(Path dataDir) throws IOException {
        Optional<EngineLock> probe = tryAcquire(dataDir);
        probe.ifPresent(EngineLock::close);
        return probe.isEmpty();
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            // the OS releases the lock with the process anyway
        }
    }
}
