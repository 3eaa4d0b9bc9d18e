package org.soarplaybooks.bulk;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;

/**
 * Reads the rows of a bulk file one at a time, never the whole file at once, so a file of any size is read in
 * constant memory.
 *
 * <p>The format comes from the file name's extension (any case): {@code .csv} (a header row, then one row per
 * record; RFC 4180 quoting), {@code .ndjson} / {@code .jsonl} (one JSON object per line; blank lines skipped),
 * {@code .json} (an array of row objects, or a single row object: a replayed dead letter is one). A UTF-8 byte order
 * mark is skipped.
 *
 * <p>{@link #hasNext()} and {@link #next()} throw {@link BulkFileException} when the file breaks in a way no further
 * row can be found after (a CSV quote never closed, a JSON array cut short); a row that is merely bad (an NDJSON line
 * that is not JSON, a JSON element that is not an object, a CSV record with too many cells) comes back as a
 * {@link BulkRow} with a {@code problem}, and reading goes on.
 */
public interface BulkRowReader extends Iterator<BulkRow>, Closeable {

    /** The format read: {@code csv}, {@code ndjson} or {@code json}. */
    String format();

    /**
     * Bytes read from the file so far (running ahead of the rows handed out by at most the read buffers), for
     * progress lines; -1 when not known.
     */
    default long bytesRead() {
        return -1;
    }

    /** Closes the file; never throws. */
    @Override
    void close();

    /**
     * Opens a bulk file and reads as much as needed to know it can be read (the CSV header row, the first JSON
     * token).
     *
     * @param file   the file
     * @param name   the name to use in messages and to pick the format (normally the file's own name)
     * @param mapper builds the JSON of each row
     * @throws BulkFileException when the extension is not a bulk file type, the file cannot be opened, or its start
     *                           is not a readable bulk file (no or a bad CSV header row, not JSON, an empty file)
     */
    static BulkRowReader open(Path file, String name, ObjectMapper mapper) {
        String lower = name.toLowerCase(Locale.ROOT);
        InputStream in;
        CountedRowReader.CountingStream counted;
        try {
            counted = new CountedRowReader.CountingStream(Files.newInputStream(file));
            in = ReadSupport.withoutByteOrderMark(new BufferedInputStream(counted, 64 * 1024));
        } catch (IOException e) {
            throw new BulkFileException(name + ": cannot read the file: " + e.getMessage());
        }
        try {
            if (lower.endsWith(".csv")) {
                return new CountedRowReader(new CsvRowReader(in, name, mapper), counted);
            }
            if (lower.endsWith(".ndjson") || lower.endsWith(".jsonl")) {
                return new CountedRowReader(new JsonLinesRowReader(in, name, mapper), counted);
            }
            if (lower.endsWith(".json")) {
                return new CountedRowReader(new JsonRowReader(in, name, mapper), counted);
            }
            throw new BulkFileException(name + ": not a bulk file type (.csv, .ndjson, .jsonl or .json)");
        } catch (RuntimeException e) {
            ReadSupport.closeQuietly(in);
            throw e;
        }
    }
}
