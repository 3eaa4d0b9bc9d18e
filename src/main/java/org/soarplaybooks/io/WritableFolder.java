package org.soarplaybooks.io;

import java.nio.file.Path;

/**
 * Whether a folder takes writes, probed at most once per {@link #PROBE_EVERY_MILLIS} ms (a file created and deleted
 * there, {@link AtomicFiles#cannotWrite}), so a path taken for every request (a webhook delivery) can ask cheaply.
 * Thread-safe; the answer may be up to one probe interval old.
 */
public final class WritableFolder {

    /** How long one probe's answer stands, milliseconds. */
    public static final long PROBE_EVERY_MILLIS = 1_000;

    private final Path folder;
    private volatile boolean probed;
    private volatile long probedAt;
    private volatile String reason;

    public WritableFolder(Path folder) {
        this.folder = folder;
    }

    /**
     * @return null when the folder took a write at the last probe, else why not (e.g. {@code No space left on
     *         device}, {@code Read-only file system})
     */
    public String cannotWrite() {
        long now = System.nanoTime() / 1_000_000;
        if (!probed || now - probedAt >= PROBE_EVERY_MILLIS) {
            synchronized (this) {
                if (!probed || now - probedAt >= PROBE_EVERY_MILLIS) {
                    reason = AtomicFiles.cannotWrite(folder);
                    probedAt = now;
                    probed = true;
                }
            }
        }
        return reason;
    }
}
