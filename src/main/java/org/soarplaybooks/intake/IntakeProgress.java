package org.soarplaybooks.intake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
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
final class IntakeProgress {

    private final Path file;
    private final ObjectMapper mapper;

    IntakeProgress(Path stateDir, String playbook, String contentHash, ObjectMapper mapper) {
        this.file = stateDir.resolve("intake").resolve(playbook).resolve(contentHash + ".json");
        this.mapper = mapper;
    }

    /**
     * Items of the file already queued: 0 for a file never taken before.
     *
     * @throws IOException when the record exists and cannot be read
     */
    int itemsDone() throws IOException {
        try {
            JsonNode json = mapper.readTree(Files.readAllBytes(file));
            return json == null ? 0 : Math.max(0, json.path("next").asInt(0));
        } catch (NoSuchFileException e) {
            return 0;
        }
    }

    /** Records that the first {@code items} items of the file are queued. */
    void record(String fileName, int items) throws IOException {
        ObjectNode json = mapper.createObjectNode();
        json.put("file", fileName);
        json.put("next", items);
        AtomicFiles.write(file, mapper.writeValueAsBytes(json));
    }

    /** The file is done (every item queued or dead-lettered): its record goes. */
    void clear() throws IOException {
        Files.deleteIfExists(file);
    }
}
