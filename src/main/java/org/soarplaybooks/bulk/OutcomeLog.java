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

/**
 * Row outcomes of one run, appended to a temporary file as they are decided (never kept in memory), in line order.
 * Each line of the file is {@code <line>\t<outcome JSON>}, so two logs can be merged by line without parsing the
 * JSON.
 */
final class OutcomeLog implements Closeable {

    private final Path file;
    private BufferedWriter out;
    private JsonGenerator json;

    /** Creates the temporary file in {@code folder} (hidden: its name starts with a dot). */
    OutcomeLog(Path folder, String prefix, ObjectMapper mapper) throws IOException {
        Files.createDirectories(folder);
        this.file = Files.createTempFile(folder, prefix, ".tmp");
        this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        this.json = mapper.writer().createGenerator(out);
        json.setRootValueSeparator(null); // each line's "<line>\t" is written raw before its outcome
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

    /** Closes and deletes the temporary file. */
    @Override
    public void close() {
        ReadSupport.closeQuietly(json);
        ReadSupport.closeQuietly(out);
        json = null;
        out = null;
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a hidden temporary file left behind does no harm
        }
    }
}
