package org.soarplaybooks.deadletter;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.soarplaybooks.io.AtomicFiles;

/**
 * The dead-letter store: one JSON document per failed item under {@code <data>/dead-letter/<playbook>/}.
 *
 * <p>Writes are atomic: a temporary file in the same folder is written, flushed to disk ({@code fsync}) and
 * renamed over the target, so a crash leaves either the old or the new document, never half of one.
 */
public final class DeadLetterStore {

    private final Path root;
    private final ObjectMapper mapper;

    /** @param root the dead-letter folder, {@code <data>/dead-letter} */
    public DeadLetterStore(Path root, ObjectMapper mapper) {
        this.root = root;
        this.mapper = mapper;
    }

    /**
     * The stable id of a dead letter: the first 20 hex digits of SHA-256 over playbook, operation and incident key.
     */
    public static String idFor(String playbook, String operation, String incidentKey) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] h = md.digest((playbook + "\n" + operation + "\n" + incidentKey).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h, 0, 10);
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
                        failure.vendor(), failure.operation(), failure.item(), failure.request(), failure.problem(),
                        failure.reason(), old.attempts() + failure.attempts(), old.firstFailure(),
                        failure.lastFailure());
            }
            AtomicFiles.write(file, mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(stored));
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
            return Files.deleteIfExists(fileOf(playbook, id));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete dead letter " + fileOf(playbook, id), e);
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
        // every character outside A-Z a-z 0-9 . _ - becomes '_'; a plain loop, as every sent item asks (see remove)
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
