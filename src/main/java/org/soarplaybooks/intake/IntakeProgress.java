package org.soarplaybooks.intake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.LinkOption;
import java.nio.file.attribute.FileTime;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.soarplaybooks.io.AtomicFiles;

/**
 * How far the intake of an inbox file got: {@code <data>/state/intake/<playbook>/<content hash>.json}
 * ({@code {"file": "<name>", "next": <items already queued>}}), written (atomically, synced) after each chunk of
 * messages the broker committed. A file taken again after a stop or a crash resumes after the last chunk recorded;
 * the chunk committed just before a crash, and not yet recorded, is refused by the broker's duplicate detection
 * (each message's duplicate id is the file's content hash and the item's place).
 */
public final class IntakeProgress {

    private final Path file;
    private final ObjectMapper mapper;

    /**
     * @param stateDir    {@code <data>/state}
     * @param playbook    the playbook whose inbox the file is in
     * @param contentHash the file's hash (its content and modification time)
     */
    public IntakeProgress(Path stateDir, String playbook, String contentHash, ObjectMapper mapper) {
        this.file = stateDir.resolve("intake").resolve(playbook).resolve(contentHash + ".json");
        this.mapper = mapper;
    }

    /**
     * The hash that names a dropped file: of its modification time (nanoseconds where the file system keeps them)
     * and its content, read once as a stream. The same file taken again after a stop has the same hash; a copy
     * dropped anew has a new time, so a new hash. 32 hex digits.
     *
     * @throws IOException when the file cannot be read
     */
    public static String hashOf(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        FileTime modified = Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS);
        digest.update((modified.to(TimeUnit.NANOSECONDS) + "\n").getBytes(StandardCharsets.US_ASCII));
        try (InputStream in = new DigestInputStream(Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS),
                digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest(), 0, 16);
    }

    /**
     * Items of the file already queued: 0 for a file never taken before.
     *
     * @throws IOException when the record exists and cannot be read
     */
    public int itemsDone() throws IOException {
        JsonNode json = read();
        return json == null ? 0 : Math.max(0, json.path("next").asInt(0));
    }

    /** The whole record, or null when the file was never taken before. */
    public JsonNode read() throws IOException {
        try {
            return mapper.readTree(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /** Records that the first {@code items} items of the file are queued (written atomically, synced). */
    public void record(String fileName, int items) throws IOException {
        ObjectNode json = mapper.createObjectNode();
        json.put("file", fileName);
        json.put("next", items);
        AtomicFiles.write(file, mapper.writeValueAsBytes(json));
    }

    /**
     * Replaces the record with {@code json} atomically (temporary file, rename) but without waiting for the disk:
     * it survives the process being killed (the kernel has it), not a power loss. For a record written after
     * every batch of a bulk file, where a sync each time would cost more than the batch.
     */
    public void recordUnsynced(ObjectNode json) throws IOException {
        Files.createDirectories(file.getParent());
        java.nio.file.Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
        Files.write(tmp, mapper.writeValueAsBytes(json));
        Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /** The file is done (every item queued or dead-lettered): its record goes. */
    public void clear() throws IOException {
        Files.deleteIfExists(file);
    }
}
