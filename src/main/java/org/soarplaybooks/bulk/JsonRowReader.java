package org.soarplaybooks.bulk;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import java.io.IOException;
import java.io.InputStream;
import java.util.NoSuchElementException;

/**
 * JSON rows ({@code .json}) with Jackson's streaming parser: an array of row objects, read one element at a time,
 * or a single row object (what a replayed dead letter is). The encoding (UTF-8/16/32) is detected. Each row's line
 * is the line of its element's first character.
 *
 * <p>An element that is not an object, or repeats a field, is a row with a problem, and reading goes on. Bad syntax
 * ends the file: no further element can be found after it, so {@link #hasNext()} throws {@link BulkFileException}
 * naming the line (the rows before it were already handed out).
 */
final class JsonRowReader implements BulkRowReader {

    private final String name;
    private final InputStream in;
    private final ObjectMapper mapper;
    private final ObjectReader strict;
    private final JsonParser parser;
    private final boolean array;
    private BulkRow pending;
    private boolean ended;

    /** @throws BulkFileException when the file is empty, not JSON, or neither an array nor an object */
    JsonRowReader(InputStream in, String name, ObjectMapper mapper) {
        this.name = name;
        this.in = in;
        this.mapper = mapper;
        this.strict = mapper.reader().with(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
        JsonToken first;
        try {
            this.parser = mapper.getFactory().createParser(in);
            first = parser.nextToken();
        } catch (JacksonException e) {
            throw broken(e, "");
        } catch (IOException e) {
            throw new BulkFileException(name + ": cannot read the file: " + e.getMessage());
        }
        if (first == null) {
            throw new BulkFileException(name + ": the file is empty; a bulk JSON file holds an array of rows or "
                    + "one row object");
        }
        if (first != JsonToken.START_ARRAY && first != JsonToken.START_OBJECT) {
            throw new BulkFileException(name + ": line " + parser.currentTokenLocation().getLineNr()
                    + ": a bulk JSON file holds an array of rows or one row object, not " + describe(first));
        }
        this.array = first == JsonToken.START_ARRAY;
    }

    @Override
    public String format() {
        return "json";
    }

    @Override
    public boolean hasNext() {
        if (pending != null || ended) {
            return pending != null;
        }
        try {
            JsonToken t = array ? parser.nextToken() : parser.currentToken();
            if (t == null || t == JsonToken.END_ARRAY) {
                ended = true;
                expectEnd();
                return false;
            }
            long line = parser.currentTokenLocation().getLineNr();
            TokenBuffer element = TokenBuffer.asCopyOfValue(parser);
            pending = rowOf(line, element);
            if (!array) {
                ended = true;
                expectEnd();
            }
            return true;
        } catch (JacksonException e) {
            ended = true;
            throw broken(e, array ? "; the rest of the file cannot be read" : "");
        } catch (IOException e) {
            ended = true;
            throw new BulkFileException(name + ": cannot read the file: " + e.getMessage());
        }
    }

    private BulkRow rowOf(long line, TokenBuffer element) throws IOException {
        try (JsonParser p = element.asParser(mapper)) {
            return BulkRow.of(line, strict.readTree(p));
        } catch (JacksonException e) {
            // a field given twice: the row is kept as read (the last value wins) so the dead letter shows it
            try (JsonParser p = element.asParser(mapper)) {
                return BulkRow.unreadable(line, mapper.readTree(p), ReadSupport.jsonProblem(e));
            }
        }
    }

    /** Nothing but whitespace may follow the array (or the single object). */
    private void expectEnd() throws IOException {
        if (parser.nextToken() != null) {
            throw new BulkFileException(name + ": line " + parser.currentTokenLocation().getLineNr()
                    + ": content after the end of the " + (array ? "array" : "row object"));
        }
    }

    private BulkFileException broken(JacksonException e, String consequence) {
        long line = e.getLocation() == null ? -1 : e.getLocation().getLineNr();
        return new BulkFileException(name + ": " + (line > 0 ? "line " + line + ": " : "")
                + ReadSupport.jsonProblem(e) + consequence);
    }

    private static String describe(JsonToken t) {
        return switch (t) {
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> t.asString() == null ? t.name() : t.asString();
        };
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
        ReadSupport.closeQuietly(parser);
        ReadSupport.closeQuietly(in);
    }
}
