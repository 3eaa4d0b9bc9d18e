package org.soarplaybooks.intake;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.Set;

/**
 * Reads the items of one JSON document one at a time, never the whole document in memory:
 *
 * <ul>
 *   <li>a JSON array: each element is an item ({@code [offense, offense, ...]});</li>
 *   <li>an object with one of {@code listFields} holding an array ({@code {"value": [...]}},
 *       {@code {"data": [...]}}, {@code {"resources": [...]}}, {@code {"results": [...]}}): each element of that
 *       array is an item, and the object's other members (small: {@code meta}, {@code errors}, {@code pagination})
 *       are kept as the {@link #envelope()};</li>
 *   <li>any other object: the whole object is the one item ({@link #whole()} is then true).</li>
 * </ul>
 * Strict JSON: duplicate member names and anything after the document are errors (what was signed or dropped is
 * what is read). The stream's encoding (UTF-8, 16 or 32) is detected by the parser.
 */
final class ItemStream implements Closeable {

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private enum Mode { START, ARRAY, LIST, DONE }

    private final JsonParser parser;
    private final ObjectMapper mapper;
    private final Set<String> listFields;
    private final boolean arrays;
    private ObjectNode envelope;
    private String listField;
    private Mode mode = Mode.START;
    private boolean whole;
    private int items;

    /**
     * @param listFields the members of an object that may hold the items, e.g. {@code value}, {@code data}
     * @param arrays     whether the document may be an array of items ({@link ArrayDocumentException} if not)
     */
    ItemStream(InputStream in, ObjectMapper mapper, Set<String> listFields, boolean arrays) throws IOException {
        this.parser = FACTORY.createParser(in);
        this.parser.setCodec(mapper);
        this.mapper = mapper;
        this.listFields = listFields;
        this.arrays = arrays;
    }

    /**
     * The next item, or null after the last.
     *
     * @throws IOException for JSON that breaks (a {@link com.fasterxml.jackson.core.JsonProcessingException} with
     *         the line and column), an empty document ({@code no content}), or content after the document
     */
    JsonNode next() throws IOException {
        switch (mode) {
            case START -> {
                JsonToken t = parser.nextToken();
                if (t == null) {
                    throw new EmptyDocumentException();
                }
                if (t == JsonToken.START_ARRAY) {
                    if (!arrays) {
                        throw new ArrayDocumentException();
                    }
                    mode = Mode.ARRAY;
                    return next();
                }
                if (t != JsonToken.START_OBJECT) {
                    JsonNode scalar = parser.readValueAsTree();
                    end();
                    whole = true;
                    items = 1;
                    return scalar;
                }
                envelope = mapper.createObjectNode();
                JsonNode first = readMembersUntilList();
                if (first == null && listField == null) {
                    whole = true;
                    items = 1;
                    return envelope; // an object with no list of items: itself is the one item
                }
                return first;
            }
            case ARRAY, LIST -> {
                JsonToken t = parser.nextToken();
                if (t == JsonToken.END_ARRAY) {
                    if (mode == Mode.ARRAY) {
                        end();
                        return null;
                    }
                    envelope.putArray(listField); // the list, emptied: the envelope as the document had it
                    JsonNode after = readMembersUntilList();
                    return after;
                }
                items++;
                return parser.readValueAsTree();
            }
            default -> {
                return null;
            }
        }
    }

    /**
     * Reads object members into the envelope until one of the list fields starts an array (then returns its first
     * item, or null for an empty list and goes on) or the object ends (returns null, mode DONE).
     */
    private JsonNode readMembersUntilList() throws IOException {
        while (true) {
            JsonToken t = parser.nextToken();
            if (t == JsonToken.END_OBJECT) {
                end();
                return null;
            }
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            if (listField == null && listFields.contains(name) && value == JsonToken.START_ARRAY) {
                listField = name;
                mode = Mode.LIST;
                return next();
            }
            envelope.set(name, parser.readValueAsTree());
        }
    }

    private void end() throws IOException {
        mode = Mode.DONE;
        JsonToken trailing = parser.nextToken();
        if (trailing != null) {
            throw new TrailingContentException(parser.currentLocation());
        }
    }

    /** Items read so far. */
    int items() {
        return items;
    }

    /** True when the document was one object (or value) without a list of items: it was the one item. */
    boolean whole() {
        return whole;
    }

    /**
     * After the last item: the document as it was, with the list of items emptied ({@code {"value": []}} and the
     * other members), or an empty array for an array document. For a document that was its own one item, the item.
     */
    JsonNode envelope() {
        if (envelope == null) {
            return mapper.createArrayNode();
        }
        return envelope;
    }

    /** Where the parser is, for error messages. */
    JsonLocation location() {
        return parser.currentLocation();
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }

    /** The document holds nothing at all. */
    static final class EmptyDocumentException extends IOException {
        EmptyDocumentException() {
            super("no content");
        }
    }

    /** The document is an array, which the source's documents never are. */
    static final class ArrayDocumentException extends IOException {
        ArrayDocumentException() {
            super("a JSON array");
        }
    }

    /** Something follows the document. */
    static final class TrailingContentException extends IOException {
        TrailingContentException(JsonLocation at) {
            super("content after the end of the document (line " + at.getLineNr() + ", column "
                    + at.getColumnNr() + ")");
        }
    }
}
