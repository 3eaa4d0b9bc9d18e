package org.soarplaybooks.bulk;

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
    private final ObjectMapper mapper;
    private BufferedWriter out;

    /** Creates the temporary file in {@code folder} (hidden: its name starts with a dot). */
    OutcomeLog(Path folder, String prefix, ObjectMapper mapper) throws IOException {
        Files.createDirectories(folder);
        this.file = Files.createTempFile(folder, prefix, ".tmp");
        this.mapper = mapper;
        this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    }

    void append(RowOutcome outcome) {
        try {
            out.write(Long.toString(outcome.line()));
            out.write('\t');
            out.write(mapper.writeValueAsString(outcome));
            out.write('\n');
        } catch (IOException e) {
            // no IOException as cause: the error handler would take it for a failed vendor call and retry
            throw new BulkFileException("cannot write the row outcomes to " + file + ": " + e.getMessage());
        }
    }

    /** Flushes and stops writing; returns a reader over what was written. */
    BufferedReader read() throws IOException {
        if (out != null) {
            out.close();
            out = null;
        }
        return Files.newBufferedReader(file, StandardCharsets.UTF_8);
    }

    /** Closes and deletes the temporary file. */
    @Override
    public void close() {
        ReadSupport.closeQuietly(out);
        out = null;
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a hidden temporary file left behind does no harm
        }
    }
}
