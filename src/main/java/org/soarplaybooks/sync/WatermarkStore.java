package org.soarplaybooks.sync;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import org.soarplaybooks.io.AtomicFiles;

/**
 * Keeps one {@link Watermark} in a JSON file, so a sync resumes where it stopped after a restart.
 *
 * <p>Writes are atomic: a temporary file beside the target is written, flushed to disk ({@code fsync}) and
 * renamed over the target, so a crash leaves either the old watermark or the new one, never half of one.
 */
public final class WatermarkStore {

    private final Path file;
    private final ObjectMapper mapper;

    /**
     * @param file   the watermark file, e.g. {@code data/state/sentinelone-threat-sync.watermark.json}; its folder
     *               is created on the first write
     * @param mapper a mapper that writes {@link java.time.Instant} as ISO-8601 text (the engine's)
     */
    public WatermarkStore(Path file, ObjectMapper mapper) {
        this.file = file;
        this.mapper = mapper;
    }

    /**
     * The stored watermark.
     *
     * @return empty when no file exists yet (the first run)
     * @throws IllegalStateException when the file exists but is not a watermark (not JSON, or no
     *         {@code updatedAt}); the message names the file. A broken file is not replaced by a guess: each run fails
     *         until it is fixed or removed (removing it starts again from the initial lookback)
     * @throws UncheckedIOException when the file cannot be read
     */
    public Optional<Watermark> read() {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the watermark " + file, e);
        }
        Watermark w;
        try {
            w = mapper.readValue(content, Watermark.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(file + " is not a watermark {\"updatedAt\": \"<ISO-8601 UTC>\", ...}: "
                    + e.getOriginalMessage() + "; fix it, or remove it to start again from the initial lookback", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the watermark " + file, e);
        }
        if (w == null || w.updatedAt() == null) {
            throw new IllegalStateException(file + " has no \"updatedAt\"; fix it, or remove it to start again from"
                    + " the initial lookback");
        }
        return Optional.of(w);
    }

    /**
     * Replaces the stored watermark, atomically.
     *
     * @throws UncheckedIOException when the folder or the file cannot be written
     */
    public void write(Watermark watermark) {
        try {
            AtomicFiles.write(file, mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(watermark));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the watermark " + file, e);
        }
    }

    public Path file() {
        return file;
    }
}
