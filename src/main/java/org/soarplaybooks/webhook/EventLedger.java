package org.soarplaybooks.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.soarplaybooks.io.AtomicFiles;

/**
 * The event ids a webhook has queued, so an event delivered again (delivery is at least once) is answered
 * {@code 200 {"duplicate": true}} and not processed a second time. One small JSON file per event id in
 * {@code <data>/state/webhook-events/<webhook>/<file name>.json}, {@code {"eventId", "receivedAt", "queued": [paths
 * relative to the data folder]}}, written durably ({@link AtomicFiles}), so the ledger survives restarts and
 * crashes. Entries older than the retention (by file time) are removed at start and at most once an hour after.
 *
 * <p>{@link #fileName} turns an event id into a safe file name (also used for the queued inbox files): the id
 * itself when it is 1 to 128 characters of {@code A-Z a-z 0-9 . _ -} not starting with a dot, else
 * {@code sha256-<hex of the id>}.
 */
final class EventLedger {

    private static final Logger LOG = LoggerFactory.getLogger(EventLedger.class);
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}");
    private static final Duration PRUNE_EVERY = Duration.ofHours(1);

    private final Path folder;
    private final Duration retention;
    private final ObjectMapper mapper;
    private final Clock clock;
    private volatile Instant lastPrune = Instant.EPOCH;

    /**
     * @param folder    {@code <data>/state/webhook-events/<webhook>}
     * @param retention how long an event id is remembered (default 7 days)
     */
    EventLedger(Path folder, Duration retention, ObjectMapper mapper, Clock clock) {
        this.folder = folder;
        this.retention = retention;
        this.mapper = mapper;
        this.clock = clock;
    }

    /** The file name (without {@code .json}) for an event id; see the class comment. */
    static String fileName(String eventId) {
        if (SAFE.matcher(eventId).matches() && !eventId.startsWith("sha256-")) {
            return eventId;
        }
        try {
            return "sha256-" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(eventId.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }

    /** True when the event id is in the ledger (entries leave it after the retention, see {@link #prune}). */
    boolean seen(String eventId) {
        return Files.exists(fileOf(eventId));
    }

    /**
     * Records an event id as queued (durably).
     *
     * @param queued the inbox files written for it, relative to the data folder
     * @throws UncheckedIOException when the ledger cannot be written
     */
    void record(String eventId, List<String> queued) {
        ObjectNode entry = mapper.createObjectNode();
        entry.put("eventId", eventId);
        entry.put("receivedAt", clock.instant().toString());
        queued.forEach(entry.putArray("queued")::add);
        try {
            AtomicFiles.write(fileOf(eventId), mapper.writeValueAsBytes(entry));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record webhook event in " + folder, e);
        }
        if (Duration.between(lastPrune, clock.instant()).compareTo(PRUNE_EVERY) > 0) {
            prune();
        }
    }

    /** Removes entries older than the retention; returns how many. Never fails: a problem is logged. */
    int prune() {
        lastPrune = clock.instant();
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        Instant cutoff = clock.instant().minus(retention);
        int removed = 0;
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".json")).toList()) {
                if (Files.getLastModifiedTime(f).toInstant().isBefore(cutoff) && Files.deleteIfExists(f)) {
                    removed++;
                }
            }
        } catch (IOException e) {
            LOG.warn("cannot prune webhook event ids in {}: {}", folder, e.getMessage());
        }
        return removed;
    }

    Path folder() {
        return folder;
    }

    private Path fileOf(String eventId) {
        return folder.resolve(fileName(eventId) + ".json");
    }
}
