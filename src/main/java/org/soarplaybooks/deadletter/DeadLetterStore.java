package org.soarplaybooks.deadletter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.soarplaybooks.io.AtomicFiles;

/**
 * The dead-letter store: one JSON document per failed item under {@code <data>/dead-letter/<playbook>/}.
 *
 * <p>Writes are atomic: a temporary file in the same folder is written, flushed to disk ({@code fsync}) and
 * renamed over the target, so a crash leaves either the old or the new document, never half of one.
 */
public final class DeadLetterStore {

    /**
     * A folder listing is trusted only when it was made this long after the folder's last change: a change within
     * the file system's timestamp granularity may leave the folder's modification time as it was.
     */
    private static final long SETTLED_MS = 2_000;

    private final Path root;
    private final ObjectMapper mapper;
    /** Per playbook: the dead-letter ids its folder held when last listed, with the folder's time then. */
    private final Map<String, Listing> listings = new ConcurrentHashMap<>();

    private record Listing(long folderModified, Set<String> ids) {
    }

    /** @param root the dead-letter folder, {@code <data>/dead-letter} */
    public DeadLetterStore(Path root, ObjectMapper mapper) {
        this.root = root;
        this.mapper = mapper;
    }

    /**
     * The id of a dead letter: the update itself. The first 20 hex digits of SHA-256 over playbook, operation,
     * incident key and the incident's share of the request ({@code Updates.shareOf}; for an incident the playbook
     * could not act on, the incident; for an unreadable item, the item). The same update failing again updates the
     * same dead letter; a different update of the same incident (a later "New" after a failed "Closed") is another
     * one, and its acceptance does not clear the first.
     *
     * @param update what the update asked of the vendor for this incident, or null when nothing was built
     */
    public static String idFor(String playbook, String operation, String incidentKey, JsonNode update) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update((playbook + "\n" + operation + "\n" + incidentKey).getBytes(StandardCharsets.UTF_8));
            if (update != null && !update.isNull()) {
                md.update((byte) '\n');
                md.update(update.toString().getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(md.digest(), 0, 10);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Stores a failure. If a dead letter with the same id exists, it is updated: attempts add up, the first
     * failure time stays, the rest is replaced.
     *
     * @return the stored document
     * @throws UncheckedIOException when the folder is not writable
     */
    public synchronized DeadLetter put(DeadLetter failure) {
        Path file = fileOf(failure.playbook(), failure.id());
        DeadLetter stored = failure;
        try {
            if (Files.exists(file)) {
                DeadLetter old = mapper.readValue(file.toFile(), DeadLetter.class);
                stored = new DeadLetter(failure.id(), failure.playbook(), failure.trigger(),
                        failure.inbox() != null ? failure.inbox() : old.inbox(), failure.incidentKey(),
                        failure.vendor(), failure.operation(), failure.item(),
                        failure.incident() != null ? failure.incident() : old.incident(), failure.request(),
                        failure.problem(),
                        failure.reason(), old.attempts() + failure.attempts(), old.firstFailure(),
                        failure.lastFailure());
            }
            AtomicFiles.write(file, mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(stored));
            listings.remove(failure.playbook());
            return stored;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write dead letter " + file, e);
        }
    }

    /**
     * Removes a dead letter, if there is one: called when the same item later reached the vendor (a retry or a
     * replay succeeded).
     *
     * @return true if a dead letter was removed
     * @throws UncheckedIOException when it cannot be deleted
     */
    public synchronized boolean remove(String playbook, String id) {
        try {
            boolean removed = Files.deleteIfExists(fileOf(playbook, id));
            if (removed) {
                listings.remove(playbook);
            }
            return removed;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete dead letter " + fileOf(playbook, id), e);
        }
    }

    /**
     * The ids of the dead letters waiting in {@code <data>/dead-letter/<playbook>/}, for a caller that would
     * otherwise try to remove one per sent item. Costs one {@code stat} of the folder while it is missing (then
     * empty) or unchanged; a folder whose modification time changed is listed again once that time is at least 2 s
     * old, so dead letters that another process (a {@code replay}, an operator) added or removed are seen. A folder
     * changed in the last 2 s (its time may not show a change made within the same timestamp tick, and it is likely
     * to change again: listing it for every call would cost more than it saves) is not listed: the answer is then
     * {@code null}, "not known", and the caller tries to remove each item's dead letter as before.
     *
     * @return an unmodifiable set (empty when the folder is missing or holds none), or null when not known
     * @throws UncheckedIOException when the folder exists and cannot be listed
     */
    public Set<String> waitingIds(String playbook) {
        Path dir = root.resolve(safeName(playbook));
        long modified = dir.toFile().lastModified(); // 0 when the folder is missing
        if (modified == 0L) {
            return Set.of();
        }
        long now = System.currentTimeMillis();
        if (now - modified < SETTLED_MS) {
            return null;
        }
        Listing known = listings.get(playbook);
        if (known != null && known.folderModified() == modified) { // listed once the folder had settled
            return known.ids();
        }
        Set<String> ids = new HashSet<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json") && !n.startsWith("."))
                    .forEach(n -> ids.add(n.substring(0, n.length() - ".json".length())));
        } catch (java.nio.file.NoSuchFileException e) {
            return Set.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the dead letters in " + dir, e);
        }
        Set<String> out = Set.copyOf(ids);
        listings.put(playbook, new Listing(modified, out));
        return out;
    }

    /**
     * One dead letter, if it is there.
     *
     * @throws UncheckedIOException when it exists and cannot be read
     */
    public java.util.Optional<DeadLetter> get(String playbook, String id) {
        Path file = fileOf(playbook, id);
        try {
            return java.util.Optional.of(mapper.readValue(file.toFile(), DeadLetter.class));
        } catch (java.io.FileNotFoundException | java.nio.file.NoSuchFileException e) {
            return java.util.Optional.empty();
        } catch (IOException e) {
            if (!Files.exists(file)) {
                return java.util.Optional.empty();
            }
            throw new UncheckedIOException("cannot read dead letter " + file, e);
        }
    }

    /** Every dead letter, all playbooks, sorted by playbook then id. */
    public List<DeadLetter> list() {
        List<DeadLetter> out = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return out;
        }
        try (Stream<Path> files = Files.walk(root, 2)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")
                    && !p.getFileName().toString().startsWith(".")).sorted().toList()) {
                out.add(mapper.readValue(f.toFile(), DeadLetter.class));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the dead-letter store " + root, e);
        }
        return out;
    }

    public Path fileOf(String playbook, String id) {
        return root.resolve(safeName(playbook)).resolve(id + ".json");
    }

    public Path root() {
        return root;
    }

    private static String safeName(String s) {
        if (s == null || s.isBlank()) {
            return "unknown";
        }
        // every character outside A-Z a-z 0-9 . _ - becomes '_'; a plain loop, no regex: asked for sent items too
        char[] name = s.toCharArray();
        for (int i = 0; i < name.length; i++) {
            char c = name[i];
            boolean safe = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.'
                    || c == '_' || c == '-';
            if (!safe) {
                name[i] = '_';
            }
        }
        return new String(name);
    }
}
