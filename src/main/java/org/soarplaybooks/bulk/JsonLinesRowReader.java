package org.soarplaybooks.bulk;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.NoSuchElementException;

/**
 * NDJSON rows ({@code .ndjson}, {@code .jsonl}): one JSON object per line, UTF-8. Blank lines are skipped. A line
 * that is not one JSON value (bad syntax, a repeated field, content after the value) is a row with a problem and
 * its text as the item; the next line is read as usual. A line over {@value #MAX_LINE_CHARS} characters is a row
 * with a problem (its first 200 characters kept). Each row's line is its physical line.
 */
final class JsonLinesRowReader implements BulkRowReader {

    /** The longest line read as a row, in characters (1 MiB). */
    static final int MAX_LINE_CHARS = 1 << 20;

    private final String name;
    private final InputStream in;
    private final LineReader lines;
    private final ObjectReader json;
    private long lineNumber;
    private BulkRow pending;
    private boolean ended;

    JsonLinesRowReader(InputStream in, String name, ObjectMapper mapper) {
        this.name = name;
        this.in = in;
        this.lines = new LineReader(new InputStreamReader(in, StandardCharsets.UTF_8), MAX_LINE_CHARS);
        this.json = mapper.reader()
                .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    @Override
    public String format() {
        return "ndjson";
    }

    @Override
    public boolean hasNext() {
        while (pending == null && !ended) {
            LineReader.Line line;
            try {
                line = lines.next();
            } catch (IOException e) {
                ended = true;
                throw new BulkFileException(name + ": line " + (lineNumber + 1) + ": cannot read the file: "
                        + e.getMessage());
            }
            if (line == null) {
                ended = true;
                break;
            }
            lineNumber++;
            if (line.tooLong()) {
                pending = BulkRow.unreadable(lineNumber, TextNode.valueOf(line.text().substring(0, 200) + "..."),
                        "is longer than " + MAX_LINE_CHARS + " characters");
            } else if (!line.text().isBlank()) {
                pending = parse(line.text());
            }
        }
        return pending != null;
    }

    private BulkRow parse(String text) {
        try {
            JsonNode node = json.readTree(text);
            return BulkRow.of(lineNumber, node);
        } catch (JacksonException e) {
            return BulkRow.unreadable(lineNumber, TextNode.valueOf(text), ReadSupport.jsonProblem(e)
                    + (e.getLocation() == null ? "" : " (column " + e.getLocation().getColumnNr() + ")"));
        }
    }

    @Override
    public BulkRow next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        BulkRow row = pending;
        pending = null;
        return row;
    }

    @Override
    public void close() {
        ReadSupport.closeQuietly(in);
    }
}
