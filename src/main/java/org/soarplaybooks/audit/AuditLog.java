package org.soarplaybooks.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.LoggerFactory;

/**
 * Append-only audit trail: one JSON line per {@link AuditRecord} in {@code <data>/audit/YYYY-MM-DD.jsonl}
 * (the UTC day of the record's time).
 *
 * <p>Safe under concurrent writers: the day's file is opened once in {@code O_APPEND} mode and each line is
 * written whole while the folder's monitor (threads of this JVM, whichever AuditLog of the folder they use) and an exclusive OS file lock (other processes,
 * e.g. a {@code replay} beside a {@code run}) are held, so lines never interleave and nothing is overwritten.
 * Records never hold secrets: no headers, no bodies, except the dry run's {@code would-send} request, whose
 * credentials are masked ({@link org.soarplaybooks.dryrun.MaskedRequest}).
 */
public final class AuditLog implements AutoCloseable {

    private final Path folder;
    private final ObjectMapper mapper;
    private final AuditLines lines;
    /**
     * Held while a line is written. One per audit folder in the JVM, shared by every {@code AuditLog} of that
     * folder (the engine's and the webhook intake's): the JVM allows one {@link FileLock} per file at a time, so
     * two logs of one folder must take turns here before they take the OS lock.
     */
    private final Object monitor;
    private static final ConcurrentHashMap<Path, Object> MONITORS = new ConcurrentHashMap<>();
    private Path openFile;
    private FileChannel channel;
    private volatile AuditListener listener;

    /**
     * @param folder the audit folder ({@code <data>/audit}); created on first write
     * @param mapper a mapper that writes {@link java.time.Instant} as ISO-8601 text
     */
    public AuditLog(Path folder, ObjectMapper mapper) {
        this.folder = folder;
        this.mapper = mapper;
        this.lines = new AuditLines(mapper);
        this.monitor = MONITORS.computeIfAbsent(folder.toAbsolutePath().normalize(), f -> new Object());
    }

    /**
     * Appends one record.
     *
     * @throws UncheckedIOException when the folder is not writable
     */
    public void append(AuditRecord record) {
        appendAll(List.of(record));
    }

    /**
     * Appends the records of one call (for example the 100 incidents of a ContraForce bulk update) with one locked
     * write per day file: the same lines, in the same order, as {@link #append} once per record, but one lock and
     * one write per day file instead of one per record. Each record goes to the file of its own UTC day; the listener is told of every
     * record, in order, once all are written.
     *
     * @throws UncheckedIOException when the folder is not writable (records already written stay written)
     */
    public void appendAll(List<AuditRecord> records) {
        if (records.isEmpty()) {
            return;
        }
        try {
            // whole lines per day file, kept in record order (a call's records nearly always share one day)
            Map<Path, List<AuditRecord>> byFile = new LinkedHashMap<>();
            for (AuditRecord record : records) {
                Path file = dayFile(record.time());
                byFile.computeIfAbsent(file, f -> new ArrayList<>(records.size())).add(record);
            }
            Map<Path, byte[]> text = new LinkedHashMap<>();
            for (Map.Entry<Path, List<AuditRecord>> e : byFile.entrySet()) {
                text.put(e.getKey(), lines.lines(e.getValue()).getBytes(StandardCharsets.UTF_8));
            }
            synchronized (monitor) {
                for (Map.Entry<Path, byte[]> e : text.entrySet()) {
                    FileChannel ch = channel(e.getKey());
                    try (FileLock lock = ch.lock()) {
                        ByteBuffer buf = ByteBuffer.wrap(e.getValue());
                        while (buf.hasRemaining()) {
                            ch.write(buf);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the audit trail in " + folder, e);
        }
        for (AuditRecord record : records) {
            notifyListener(record);
        }
    }

    /** The day file of the last record, kept: a call's records nearly always share one day. */
    private record Day(long epochDay, Path file) {
    }

    private volatile Day lastDay = new Day(Long.MIN_VALUE, null);

    /** {@code <folder>/YYYY-MM-DD.jsonl} of the UTC day of {@code time}. */
    private Path dayFile(Instant time) {
        long epochDay = Math.floorDiv(time.getEpochSecond(), 86_400L);
        Day d = lastDay;
        if (d.epochDay() != epochDay) {
            d = new Day(epochDay, folder.resolve(LocalDate.ofEpochDay(epochDay) + ".jsonl"));
            lastDay = d;
        }
        return d.file();
    }

    /** The one listener told of each record after it is written (null: none). Replaces an earlier one. */
    public void setListener(AuditListener listener) {
        this.listener = listener;
    }

    private void notifyListener(AuditRecord record) {
        AuditListener l = listener;
        if (l == null) {
            return;
        }
        try {
            l.appended(record);
        } catch (RuntimeException e) {
            LoggerFactory.getLogger("soar.audit").warn("audit listener failed on a {} record: {}", record.result(),
                    e.toString());
        }
    }

    /** The open channel of {@code file}, (re)opened when the day changed or the file was moved away. */
    private FileChannel channel(Path file) throws IOException {
        if (channel != null && (!file.equals(openFile) || !Files.exists(file))) {
            channel.close();
            channel = null;
        }
        if (channel == null) {
            Files.createDirectories(folder);
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND);
            openFile = file;
        }
        return channel;
    }

    /** Closes the open file; a later {@link #append} opens it again. */
    @Override
    public void close() {
        synchronized (monitor) {
            closeChannel();
        }
    }

    private void closeChannel() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // nothing buffered: every line was written whole before append returned
            }
            channel = null;
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
