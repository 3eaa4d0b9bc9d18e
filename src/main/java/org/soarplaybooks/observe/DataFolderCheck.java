package org.soarplaybooks.observe;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

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
        Path probe = data.resolve(".ready-" + UUID.randomUUID() + ".probe");
        try {
            Files.write(probe, "ready".getBytes(StandardCharsets.US_ASCII), StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE);
            Files.delete(probe);
            builder.up();
        } catch (java.nio.file.FileSystemException e) {
            builder.down().message("the data folder is not writable: " + (e.getReason() != null ? e.getReason()
                    : e.getClass().getSimpleName()));
        } catch (IOException | SecurityException e) {
            builder.down().message("the data folder is not writable: " + e.getClass().getSimpleName() + " "
                    + e.getMessage());
        }
    }
}
