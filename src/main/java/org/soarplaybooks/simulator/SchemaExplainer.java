package org.soarplaybooks.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.WireMock.JsonSchemaVersion;
import com.github.tomakehurst.wiremock.matching.MatchesJsonSchemaPattern;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Names the fields of a request body that break a documented schema, for the {@code errors} map of a 400
 * {@code VALIDATION_ERROR} problem (api-docs/contraforce-*.md, {@code ApiProblemDetails.errors}).
 *
 * <p>The schema is read from the {@code matchesJsonSchema} body pattern of a stub mapping on the classpath
 * ({@code simulator/mappings/<file>}), so the success stub stays the single source of truth. Each property and
 * array element is re-checked with WireMock's own {@link MatchesJsonSchemaPattern}; keys look like
 * {@code status} or {@code items[0].id}, and {@code ""} for the body as a whole.
 */
final class SchemaExplainer {

    private static final Map<String, JsonNode> SCHEMAS = new ConcurrentHashMap<>();
    private static final Map<String, MatchesJsonSchemaPattern> PATTERNS = new ConcurrentHashMap<>();

    private SchemaExplainer() {
    }

    /** Field-keyed messages for {@code body}, never empty when the body breaks the schema of {@code mappingFile}. */
    static Map<String, List<String>> explain(String mappingFile, String body) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        JsonNode value;
        try {
            value = body == null || body.isBlank() ? null : Problems.JSON.readTree(body);
        } catch (IOException e) {
            add(errors, "", "The request body is not valid JSON.");
            return errors;
        }
        if (value == null) {
            add(errors, "", "A non-empty request body is required.");
            return errors;
        }
        walk(SCHEMAS.computeIfAbsent(mappingFile, SchemaExplainer::load), value, "", errors);
        if (errors.isEmpty()) {
            add(errors, "", "The request body does not match the documented schema.");
        }
        return errors;
    }

    private static void walk(JsonNode schema, JsonNode value, String path, Map<String, List<String>> errors) {
        if (matches(schema, value)) {
            return;
        }
        int before = count(errors);
        JsonNode properties = schema.get("properties");
        JsonNode items = schema.get("items");
        if (properties != null && value.isObject()) {
            for (JsonNode required : schema.path("required")) {
                if (!value.has(required.asText())) {
                    add(errors, join(path, required.asText()), "The " + required.asText() + " field is required.");
                }
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> p = it.next();
                if (value.has(p.getKey())) {
                    walk(p.getValue(), value.get(p.getKey()), join(path, p.getKey()), errors);
                }
            }
        } else if (items != null && value.isArray()) {
            for (int i = 0; i < value.size(); i++) {
                walk(items, value.get(i), path + "[" + i + "]", errors);
            }
        }
        if (count(errors) == before) {
            add(errors, path, describe(schema, value));
        }
    }

    private static String describe(JsonNode schema, JsonNode value) {
        String shown = value.toString().length() > 80 ? value.toString().substring(0, 77) + "..." : value.toString();
        List<String> allowed = new ArrayList<>();
        if (schema.has("enum")) {
            schema.get("enum").forEach(v -> allowed.add(v.isNull() ? "null" : v.asText()));
            return "The value " + shown + " is not valid; allowed: " + String.join(", ", allowed) + ".";
        }
        JsonNode type = schema.path("type");
        if (type.isArray()) {
            type.forEach(t -> allowed.add(t.asText()));
        } else if (type.isTextual()) {
            allowed.add(type.asText());
        }
        return allowed.isEmpty() ? "The value " + shown + " does not match the documented schema."
                : "The value " + shown + " is not valid; expected " + String.join(" or ", allowed) + ".";
    }

    private static boolean matches(JsonNode schema, JsonNode value) {
        return PATTERNS.computeIfAbsent(schema.toString(), s -> new MatchesJsonSchemaPattern(s, JsonSchemaVersion.V202012))
                .match(value.toString()).isExactMatch();
    }

    private static JsonNode load(String mappingFile) {
        if (!mappingFile.matches("[A-Za-z0-9._-]+\\.json")) {
            throw new IllegalArgumentException("schemaFrom must be a mapping file name: " + mappingFile);
        }
        String resource = VendorSimulator.CLASSPATH_ROOT + "/mappings/" + mappingFile;
        try (InputStream in = SchemaExplainer.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no classpath resource " + resource);
            }
            JsonNode schema = Problems.JSON.readTree(in).path("request").path("bodyPatterns").path(0)
                    .path("matchesJsonSchema");
            return schema.isTextual() ? Problems.JSON.readTree(schema.asText()) : schema;
        } catch (IOException e) {
            throw new UncheckedIOException(resource, e);
        }
    }

    private static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    private static void add(Map<String, List<String>> errors, String key, String message) {
        errors.computeIfAbsent(key, k -> new ArrayList<>()).add(message);
    }

    private static int count(Map<String, List<String>> errors) {
        return errors.values().stream().mapToInt(List::size).sum();
    }
}
