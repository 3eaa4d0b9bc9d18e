package org.soarplaybooks.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Append-only audit trail: one JSON line per {@link AuditRecord} in {@code <data>/audit/YYYY-MM-DD.jsonl}
 * (the UTC day of the record's time).
 *
 * <p>Each line is written with a single {@code O_APPEND} write, so lines from concurrent writers (threads here,
 * or another process) never interleave. Records never hold secrets: they carry no headers and no bodies.
 */
public final class AuditLog {

    private final Path folder;
    private final ObjectMapper mapper;

    /**
     * @param folder the audit folder ({@code <data>/audit}); created on first write
     * @param mapper a mapper that writes {@link java.time.Instant} as ISO-8601 text
     */
    public AuditLog(Path folder, ObjectMapper mapper) {
        this.folder = folder;
        this.mapper = mapper;
    }

    /**
     * Appends one record.
     *
     * @throws UncheckedIOException when the folder is not writable
     */
    public void append(AuditRecord record) {
        try {
            byte[] line = (mapper.writeValueAsString(record) + "\n").getBytes(StandardCharsets.UTF_8);
            Files.createDirectories(folder);
            Path file = folder.resolve(record.time().atZone(ZoneOffset.UTC).toLocalDate() + ".jsonl");
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND)) {
                ByteBuffer buf = ByteBuffer.wrap(line);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the audit trail in " + folder, e);
        }
    }

    /** Every record of every day, oldest file first (for the demo summary and tests). */
    public List<AuditRecord> readAll() {
        List<AuditRecord> out = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return out;
        }
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList()) {
                for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                    if (!line.isBlank()) {
                        out.add(mapper.readValue(line, AuditRecord.class));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the audit trail in " + folder, e);
        }
        return out;
    }

    public Path folder() {
        return folder;
    }
}
