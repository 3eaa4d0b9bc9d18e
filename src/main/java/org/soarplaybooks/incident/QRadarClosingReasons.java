package org.soarplaybooks.incident;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A QRadar installation's offense closing reasons: closing-reason id → text.
 *
 * <p>Input: the answer of {@code GET /api/siem/offense_closing_reasons}, a JSON array of
 * {@code {"id": int, "text": string, "is_deleted": bool, "is_reserved": bool}} (sample
 * {@code samples/qradar/closing-reasons-list-demisto.json}). Ids are per installation, so the list must come from
 * the QRadar whose offenses are normalized. Deleted reasons are kept: an old offense may still carry one.
 * Immutable and thread-safe.
 */
final class QRadarClosingReasons {

    /** Source name in error messages about the list itself (not about an offense). */
    static final String SOURCE_NAME = "IBM QRadar closing reasons";

    /** The bundled default list (a real published sample): ids 1 {@code Non-Issue}, 2 {@code False-Positive, Tuned}. */
    static final String DEFAULT_RESOURCE = "/samples/qradar/closing-reasons-list-demisto.json";

    private static final class Default {
        static final QRadarClosingReasons LIST = parse(readDefault());
    }

    private final Map<String, String> textById;

    private QRadarClosingReasons(Map<String, String> textById) {
        this.textById = textById;
    }

    /** The bundled default list ({@link #DEFAULT_RESOURCE}), read once. */
    static QRadarClosingReasons defaults() {
        return Default.LIST;
    }

    /**
     * Reads a closing-reasons list.
     *
     * @throws NormalizationException (source {@value #SOURCE_NAME}) for invalid JSON, a document that is not a JSON
     *         array, an item that is not an object, a missing {@code id} or {@code text}, or a repeated {@code id}
     */
    static QRadarClosingReasons parse(String document) {
        JsonInput json = new JsonInput(SOURCE_NAME);
        JsonNode root = json.parse(document);
        Map<String, String> textById = new LinkedHashMap<>();
        json.items(root, "", "closing reasons {\"id\", \"text\", ...}", (item, at) -> {
            json.requireObject(item, at, "a closing reason {\"id\", \"text\", ...}");
            String id = json.requiredIdentifier(item, at, "id");
            if (textById.put(id, json.requiredText(item, at, "text")) != null) {
                throw json.error(JsonInput.child(at, "id"), "repeats closing reason id " + id);
            }
            return id;
        });
        return new QRadarClosingReasons(Map.copyOf(textById));
    }

    /** The text of closing reason {@code id} (decimal text), or null if the list has no such id. */
    String text(String id) {
        return textById.get(id);
    }

    /** For messages: {@code 1 'Non-Issue', 2 'False-Positive, Tuned'} in id order, or {@code none}. */
    String describe() {
        if (textById.isEmpty()) {
            return "none";
        }
        return textById.entrySet().stream()
                .sorted(Map.Entry.comparingByKey((a, b) -> a.length() != b.length()
                        ? Integer.compare(a.length(), b.length()) : a.compareTo(b)))
                .map(e -> e.getKey() + " '" + e.getValue() + "'")
                .collect(Collectors.joining(", "));
    }

    private static String readDefault() {
        try (InputStream in = QRadarClosingReasons.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("bundled QRadar closing reasons " + DEFAULT_RESOURCE
                        + " are missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
