package org.soarplaybooks.playbook;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.soarplaybooks.io.AtomicFiles;

/**
 * Whether a playbook's consumers may take incidents, as far as the data folder goes: closed after a run whose
 * outcome could not be recorded, for as long as the folder takes no writes (disk full, read-only), so a vendor call
 * is not made again and again for an outcome that cannot be written. Logged once ({@code soar.queue}, WARN) when it
 * closes and once (INFO) when it opens again. One per playbook consumer; thread-safe.
 */
final class DataFolderGate {

    /** How often a closed gate checks the folder again, milliseconds. */
    static final long CHECK_EVERY_MILLIS = 1_000;

    private static final Logger LOG = LoggerFactory.getLogger("soar.queue");

    private final String playbook;
    private final Path data;
    private final AtomicBoolean closed = new AtomicBoolean();

    DataFolderGate(String playbook, Path data) {
        this.playbook = playbook;
        this.data = data;
    }

    /** True while some worker found the folder taking no writes: none takes incidents meanwhile. */
    boolean closed() {
        return closed.get();
    }

    /**
     * Returns at once when the folder takes writes (opening the gate if it was closed); otherwise closes the gate
     * and returns once the folder takes writes again, checking every {@value #CHECK_EVERY_MILLIS} ms, or once
     * {@code running} turns false (the consumer stops).
     */
    void awaitWritable(BooleanSupplier running) {
        String why = AtomicFiles.cannotWrite(data);
        if (why == null) {
            open();
            return;
        }
        if (closed.compareAndSet(false, true)) {
            LOG.warn("{}: the data folder {} cannot be written ({}): no incident is taken until it can; they wait on"
                    + " the queue", playbook, data, why);
        }
        while (running.getAsBoolean() && AtomicFiles.cannotWrite(data) != null) {
            long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CHECK_EVERY_MILLIS);
            while (running.getAsBoolean() && System.nanoTime() < end) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
            }
        }
        if (running.getAsBoolean()) {
            open();
        }
    }

    private void open() {
        if (closed.compareAndSet(true, false)) {
            LOG.info("{}: the data folder takes writes again; taking incidents", playbook);
        }
    }
}
