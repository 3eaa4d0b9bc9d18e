package org.soarplaybooks.incident;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.util.List;

/**
 * What every source normalizer shares: it takes a JSON document as text, bytes or a stream, parses it with
 * {@link JsonInput} (which names the source in every error), and turns the parsed document into canonical
 * {@link Incident}s. Each subclass documents the shapes it accepts, the fields it reads and the errors it raises.
 */
public abstract class DocumentNormalizer {

    /** JSON helpers whose errors name this normalizer's source. */
    final JsonInput json;

    DocumentNormalizer(String sourceName) {
        this.json = new JsonInput(sourceName);
    }

    /**
     * @param document the JSON text
     * @return the incidents in document order
     * @throws NormalizationException for invalid JSON ({@code "is not valid JSON: <parser message>"}), a shape the
     *         source does not have, or a missing or invalid field; the message names the source, the JSON Pointer
     *         of the field, the bad value and the allowed ones
     */
    public List<Incident> normalize(String document) {
        return normalize(json.parse(document));
    }

    /** As {@link #normalize(String)}, for raw bytes (UTF-8/16/32 detected by the parser). */
    public List<Incident> normalize(byte[] document) {
        return normalize(json.parse(document));
    }

    /** As {@link #normalize(String)}, for a stream (read fully, not closed). */
    public List<Incident> normalize(InputStream document) {
        return normalize(json.parse(document));
    }

    /**
     * As {@link #normalize(String)}, for a document already parsed (e.g. one threat of a page the scheduled sync
     * read): the same checks, without writing it out as text and parsing it again.
     */
    public List<Incident> normalizeParsed(JsonNode document) {
        return normalize(document);
    }

    /** Turns the parsed document into incidents; see the subclass for shapes, fields and errors. */
    abstract List<Incident> normalize(JsonNode root);
}
