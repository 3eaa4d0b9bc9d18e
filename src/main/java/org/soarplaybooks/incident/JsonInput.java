package org.soarplaybooks.incident;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.regex.Pattern;

/**
 * Shared reading helpers for the normalizers: JSON parsing, JSON Pointer building, typed field access and
 * UTC time parsing. Every problem becomes a {@link NormalizationException} naming the source, the JSON Pointer
 * of the field and the reason.
 *
 * <p>Package-private on purpose: it is an implementation detail of the normalizers, not an API.
 */
final class JsonInput {

    /**
     * Strict parser: duplicate keys and trailing content after the document are errors (an ambiguous input
     * must not be half-read). Jackson's default keeps the source text out of its messages, so no payload
     * (which may hold secrets) leaks into an error message.
     */
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    /** Epoch seconds as text: digits with an optional fraction, e.g. {@code 1715678000} or {@code 1715678000.123}. */
    private static final Pattern EPOCH_SECONDS = Pattern.compile("-?\\d{1,12}(\\.\\d{1,9})?");

    private final String source;

    /** @param source human name of the source system, used as the first word of every error message */
    JsonInput(String source) {
        this.source = source;
    }

    /**
     * Parses one JSON document. Errors: {@code "is not valid JSON: <first line of the parser message> (line L,
     * column C)"} for bad syntax, duplicate keys or trailing content; {@code "is not valid JSON: no content"} for
     * null, empty or blank input.
     */
    JsonNode parse(String document) {
        if (document == null) {
            throw error("", "is not valid JSON: no content");
        }
        try {
            return checkNotEmpty(MAPPER.readTree(document));
        } catch (JacksonException e) {
            throw invalidJson(e);
        }
    }

    /** As {@link #parse(String)}; the encoding (UTF-8/16/32) is detected by the parser. */
    JsonNode parse(byte[] document) {
        if (document == null) {
            throw error("", "is not valid JSON: no content");
        }
        try {
            return checkNotEmpty(MAPPER.readTree(document));
        } catch (JacksonException e) {
            throw invalidJson(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // cannot happen for an in-memory array
        }
    }

    /** As {@link #parse(String)}, reading the stream to its end (not closed); an I/O failure "could not be read". */
    JsonNode parse(InputStream document) {
        if (document == null) {
            throw error("", "is not valid JSON: no content");
        }
        try {
            return checkNotEmpty(MAPPER.readTree(document));
        } catch (JacksonException e) {
            throw invalidJson(e);
        } catch (IOException e) {
            throw new NormalizationException(source, "", "could not be read: " + e.getMessage(), e);
        }
    }

    private JsonNode checkNotEmpty(JsonNode root) {
        if (root == null || root.isMissingNode()) {
            throw error("", "is not valid JSON: no content");
        }
        return root;
    }

    private NormalizationException invalidJson(JacksonException e) {
        String message = firstLine(e.getOriginalMessage());
        JsonLocation at = e.getLocation();
        if (at != null && at.getLineNr() > 0) {
            message += " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
        }
        return new NormalizationException(source, "", "is not valid JSON: " + message, e);
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "unreadable input";
        }
        int eol = text.indexOf('\n');
        return (eol < 0 ? text : text.substring(0, eol)).strip();
    }

    /** An error about the field at {@code pointer} ({@code ""} = the whole document). */
    NormalizationException error(String pointer, String reason) {
        return new NormalizationException(source, pointer, reason);
    }

    /** JSON Pointer (RFC 6901) of member {@code name} below {@code parent}; escapes {@code ~} and {@code /}. */
    static String child(String parent, String name) {
        return parent + "/" + name.replace("~", "~0").replace("/", "~1");
    }

    /** JSON Pointer of array element {@code index} below {@code parent}. */
    static String child(String parent, int index) {
        return parent + "/" + index;
    }

    /** "a JSON string", "a JSON array", ... for messages that say what was received instead. */
    static String describe(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        return switch (node.getNodeType()) {
            case ARRAY -> "a JSON array";
            case OBJECT -> "a JSON object";
            case STRING -> "a JSON string";
            case NUMBER -> "a JSON number";
            case BOOLEAN -> "a JSON boolean";
            case NULL -> "JSON null";
            default -> "an unexpected JSON value";
        };
    }

    /** Member {@code field} of {@code parent} if it is an object; null if absent or null; error otherwise. */
    JsonNode optionalObject(JsonNode parent, String parentPointer, String field) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw error(child(parentPointer, field), "must be a JSON object, but is " + describe(node));
        }
        return node;
    }

    /** Member {@code field} as a string; null if absent or JSON null; error if it is not a JSON string. */
    String optionalText(JsonNode parent, String parentPointer, String field) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw error(child(parentPointer, field), "must be a string, but is " + describe(node));
        }
        return node.textValue();
    }

    /** Like {@link #optionalText} but absent, null or blank is an error "is missing". */
    String requiredText(JsonNode parent, String parentPointer, String field) {
        String value = optionalText(parent, parentPointer, field);
        if (value == null || value.isBlank()) {
            throw error(child(parentPointer, field), "is missing");
        }
        return value;
    }

    /**
     * An identifier or number that vendors send either as a JSON string or as a JSON integer (for example
     * Sentinel {@code incidentNumber}); returned as its decimal text. Null if absent or JSON null.
     */
    String optionalIdentifier(JsonNode parent, String parentPointer, String field) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isIntegralNumber()) {
            return node.bigIntegerValue().toString();
        }
        throw error(child(parentPointer, field), "must be a string or an integer, but is " + describe(node));
    }

    /** Like {@link #optionalIdentifier} but absent, null or blank is an error "is missing". */
    String requiredIdentifier(JsonNode parent, String parentPointer, String field) {
        String value = optionalIdentifier(parent, parentPointer, field);
        if (value == null || value.isBlank()) {
            throw error(child(parentPointer, field), "is missing");
        }
        return value;
    }

    /** Member {@code field} as a boolean; null if absent or JSON null; error if not a JSON boolean. */
    Boolean optionalBoolean(JsonNode parent, String parentPointer, String field) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isBoolean()) {
            throw error(child(parentPointer, field), "must be true or false, but is " + describe(node));
        }
        return node.booleanValue();
    }

    /**
     * Member {@code field} as an {@link Instant} (UTC). Accepts ISO-8601 date-times with {@code Z} or a numeric
     * offset and 0 to 9 fractional digits (Sentinel sends 7, e.g. {@code 2022-06-02T09:52:00.5643443Z};
     * SentinelOne 6). Null if absent or JSON null; a string without a time zone is an error, because
     * guessing the zone would shift the time.
     */
    Instant optionalInstant(JsonNode parent, String parentPointer, String field) {
        String text = optionalText(parent, parentPointer, field);
        return text == null ? null : isoInstant(text, child(parentPointer, field));
    }

    private Instant isoInstant(String text, String pointer) {
        try {
            return IsoInstants.parse(text);
        } catch (DateTimeParseException e) {
            throw error(pointer,
                    "'" + text + "' is not an ISO-8601 date-time with a time zone (e.g. 2022-06-02T09:52:00Z)");
        }
    }

    /**
     * Member {@code field} as an {@link Instant} from a JSON integer of milliseconds since 1970-01-01T00:00:00Z
     * (QRadar {@code start_time}, e.g. {@code 1613399051536}). Null if absent or JSON null; any other JSON type
     * is an error.
     */
    Instant optionalEpochMillis(JsonNode parent, String parentPointer, String field) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw error(child(parentPointer, field),
                    "must be epoch milliseconds (a JSON integer), but is " + describe(node));
        }
        try {
            return Instant.ofEpochMilli(node.longValue());
        } catch (DateTimeException e) {
            throw error(child(parentPointer, field), "'" + node.asText() + "' is outside the supported time range");
        }
    }

    /**
     * Member {@code field} as an {@link Instant} given either as an ISO-8601 date-time with a time zone (as
     * {@link #optionalInstant}) or as epoch <b>seconds</b> with an optional fraction, written as a JSON number or
     * as a string of digits (Splunk {@code _time}: {@code "1715678000.000"} or
     * {@code "2024-05-14T09:12:44.000+00:00"}). Null if absent or JSON null.
     */
    Instant optionalInstantOrEpochSeconds(JsonNode parent, String parentPointer, String field) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        String pointer = child(parentPointer, field);
        if (node.isNumber()) {
            return epochSeconds(node.decimalValue(), node.asText(), pointer);
        }
        if (!node.isTextual()) {
            throw error(pointer, "must be a date-time string or epoch seconds, but is " + describe(node));
        }
        String text = node.textValue().strip();
        return EPOCH_SECONDS.matcher(text).matches()
                ? epochSeconds(new BigDecimal(text), text, pointer)
                : isoInstant(node.textValue(), pointer);
    }

    private Instant epochSeconds(BigDecimal seconds, String text, String pointer) {
        try {
            BigDecimal whole = new BigDecimal(seconds.toBigInteger());
            long nanos = seconds.subtract(whole).movePointRight(9).longValue();
            return Instant.ofEpochSecond(whole.longValueExact(), nanos);
        } catch (ArithmeticException | DateTimeException e) {
            throw error(pointer, "'" + text + "' is outside the supported time range");
        }
    }

    /**
     * Checks that {@code value} (if not null) is one of {@code allowed}, spelled exactly.
     *
     * @param what a noun for the message, e.g. {@code "status"}
     * @return {@code value}
     */
    String checkOneOf(String value, String pointer, String what, List<String> allowed) {
        if (value != null && !allowed.contains(value)) {
            throw error(pointer, "has unknown " + what + " '" + value + "' (allowed: "
                    + String.join(", ", allowed) + ")");
        }
        return value;
    }

    /**
     * Member {@code field} as text that must be one of {@code allowed} (exact spelling); null if absent or JSON
     * null. The message names the field itself as the "what", e.g. {@code /0/status has unknown status 'x'}.
     */
    String optionalOneOf(JsonNode parent, String parentPointer, String field, List<String> allowed) {
        return checkOneOf(optionalText(parent, parentPointer, field), child(parentPointer, field), field, allowed);
    }

    /** Like {@link #optionalOneOf} but absent, null or blank is an error "is missing". */
    String requiredOneOf(JsonNode parent, String parentPointer, String field, List<String> allowed) {
        return checkOneOf(requiredText(parent, parentPointer, field), child(parentPointer, field), field, allowed);
    }

    /** The first of {@code fields} that is a non-blank string (each must be a string if present); else null. */
    String firstText(JsonNode parent, String parentPointer, String... fields) {
        for (String field : fields) {
            String value = optionalText(parent, parentPointer, field);
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }

    /** Null for null, empty or blank text (vendors send {@code ""} for "none", e.g. Graph {@code tenantId}). */
    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /**
     * {@code node} itself if it is a JSON object; otherwise an error at {@code pointer}: "must be {@code what},
     * but is a JSON string" (or whatever it is).
     */
    JsonNode requireObject(JsonNode node, String pointer, String what) {
        if (node == null || !node.isObject()) {
            throw error(pointer, "must be " + what + ", but is " + describe(node));
        }
        return node;
    }

    /**
     * Applies {@code item} to every element of the JSON array {@code array} (found at {@code pointer}), passing
     * the element and its JSON Pointer, and returns the results in document order.
     *
     * @param what plural noun for the error message, e.g. {@code "incidents"}
     * @throws NormalizationException "must be a JSON array of {@code what}, but is ..." if it is not an array
     */
    <T> List<T> items(JsonNode array, String pointer, String what, BiFunction<JsonNode, String, T> item) {
        if (array == null || !array.isArray()) {
            throw error(pointer, "must be a JSON array of " + what + ", but is " + describe(array));
        }
        List<T> results = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            results.add(item.apply(array.get(i), child(pointer, i)));
        }
        return results;
    }
}
