package org.soarplaybooks.bulk;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Row outcomes of one bulk file, appended to a hidden file as they are decided (never kept in memory), in line
 * order. Each line of the file is {@code <line>\t<outcome JSON>}, so two logs can be merged by line without parsing
 * the JSON. The file is named after the bulk file's hash, so a file taken again after a stop or a crash appends to
 * the outcomes of the rows handled before; it is deleted once the result file is written.
 */
final class OutcomeLog implements Closeable {

    private final Path file;
    private BufferedWriter out;
    private JsonGenerator json;

    /**
     * Opens {@code <folder>/<name>} (hidden: the name starts with a dot) for appending.
     *
     * @param fresh true to start it empty (a file taken for the first time), false to append to what a run of the
     *              same file wrote before
     */
    OutcomeLog(Path folder, String name, ObjectMapper mapper, boolean fresh) throws IOException {
        Files.createDirectories(folder);
        this.file = folder.resolve(name);
        this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.WRITE, fresh ? StandardOpenOption.TRUNCATE_EXISTING : StandardOpenOption.APPEND);
        this.json = mapper.writer().createGenerator(out);
        json.setRootValueSeparator(null); // each line's "<line>\t" is written raw before its outcome
    }

    /** Hands what was appended so far to the operating system (before the file's progress is recorded). */
    void flush() {
        try {
            if (json != null) {
                json.flush();
            }
        } catch (IOException e) {
            throw new BulkFileException("cannot write the row outcomes to " + file + ": " + e.getMessage());
        }
    }

    void append(RowOutcome outcome) {
        try {
            json.writeRaw(Long.toString(outcome.line()));
            json.writeRaw('\t');
            write(outcome);
            json.writeRaw('\n');
        } catch (IOException e) {
            // no IOException as cause: the error handler would take it for a failed vendor call and retry
            throw new BulkFileException("cannot write the row outcomes to " + file + ": " + e.getMessage());
        }
    }

    /**
     * One outcome as Jackson's record serializer writes a {@link RowOutcome} ({@code @JsonInclude(NON_NULL)}, fields
     * in declaration order), without a serializer lookup per row.
     */
    private void write(RowOutcome o) throws IOException {
        json.writeStartObject();
        json.writeNumberField("line", o.line());
        text("id", o.id());
        text("incidentKey", o.incidentKey());
        text("result", o.result());
        text("reason", o.reason());
        text("deadLetterId", o.deadLetterId());
        json.writeEndObject();
    }

    private void text(String field, String value) throws IOException {
        if (value != null) {
            json.writeStringField(field, value);
        }
    }

    /** Flushes and stops writing; returns a reader over what was written. */
    BufferedReader read() throws IOException {
        if (json != null) {
            json.close(); // closes out too
            json = null;
            out = null;
        }
        return Files.newBufferedReader(file, StandardCharsets.UTF_8);
    }

    /** Closes the file; it stays for a run that takes the bulk file again ({@link #delete} once it is done). */
    @Override
    public void close() {
        ReadSupport.closeQuietly(json);
        ReadSupport.closeQuietly(out);
        json = null;
        out = null;
    }

    /** Closes and deletes the file: the bulk file's result is written. */
    void delete() {
        close();
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a hidden file left behind does no harm
        }
    }
}
