package org.soarplaybooks.observe;

import java.nio.file.Path;
import java.util.Map;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;
import org.soarplaybooks.io.AtomicFiles;

/**
 * Readiness check {@code soar/data-folder}: the data folder takes writes. Each call creates a small hidden file
 * ({@code <data>/.ready-<uuid>.probe}) and deletes it; DOWN, with the reason, when either fails (folder missing,
 * replaced by a file, read-only file system, disk full). Not a liveness check: restarting would not help.
 */
public final class DataFolderCheck extends AbstractHealthCheck {

    /** The check id, as {@code /observe/health} names it. */
    public static final String ID = "data-folder";

    private final Path data;

    /** @param data the data folder */
    public DataFolderCheck(Path data) {
        super("soar", ID);
        this.data = data;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        builder.detail("folder", data.toString());
        String why = AtomicFiles.cannotWrite(data);
        if (why == null) {
            builder.up();
        } else {
            builder.down().message("the data folder is not writable: " + why);
        }
    }
}
