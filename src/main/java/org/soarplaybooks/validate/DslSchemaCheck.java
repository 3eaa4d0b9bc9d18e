package org.soarplaybooks.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.NonValidationKeyword;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Checks a playbook document against the Camel YAML DSL JSON Schema that ships inside camel-yaml-dsl
 * ({@code schema/camelYamlDsl.json}, draft-04), and turns each schema error into an error finding at the offending
 * key or value, e.g. {@code route.from.steps[2]: unknown key 'too' (did you mean 'to'?)} or
 * {@code route.from.steps[0].log.loggingLevel: 'LOUD' is not allowed (allowed: TRACE, DEBUG, INFO, WARN, ERROR, OFF)}.
 *
 * <p>What the schema is too strict about is left out: a property placeholder ({@code "{{name}}"}) or a quoted
 * {@code "true"} / {@code "42"} where the schema wants a boolean or number is fine, since Camel resolves and converts
 * such text when it loads the playbook. Of the alternatives of a {@code oneOf} (a step written as text or as a
 * mapping), only the errors of the one the author evidently chose are reported.
 *
 * <p>The schema (about 800 kB) is read once per process, on first use; its validators are built lazily, as
 * documents need them. Thread-safe: validations run one at a time (each takes milliseconds).
 */
final class DslSchemaCheck {

    /** Where camel-yaml-dsl keeps its schema on the class path. */
    static final String SCHEMA_RESOURCE = "schema/camelYamlDsl.json";

    private static final Pattern NUMBER = Pattern.compile("[-+]?\\d+(\\.\\d+)?([eE][-+]?\\d+)?");

    private record Loaded(JsonSchema schema, JsonNode json) {
    }

    /** Initialization-on-demand: the schema is parsed once, by the first thread that needs it. */
    private static final class Holder {
        static final Loaded SCHEMA = load();
    }

    private static Loaded load() {
        try (InputStream in = DslSchemaCheck.class.getClassLoader().getResourceAsStream(SCHEMA_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(SCHEMA_RESOURCE + " is not on the class path (camel-yaml-dsl missing?)");
            }
            JsonNode json = new ObjectMapper().readTree(in);
            // the schema marks deprecated options with a keyword draft-04 does not know: not a validation rule
            JsonMetaSchema meta = JsonMetaSchema.builder(JsonMetaSchema.getV4())
                    .keyword(new NonValidationKeyword("deprecated")).build();
            JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4,
                    b -> b.metaSchema(meta));
            SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
                    .preloadJsonSchema(false) // build validators for what documents use, not all 265 definitions
                    .build();
            JsonSchema schema = factory.getSchema(SchemaLocation.of("classpath:" + SCHEMA_RESOURCE), json, config);
            return new Loaded(schema, json);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + SCHEMA_RESOURCE + ": " + e.getMessage(), e);
        }
    }

    /** Reads the schema now, so that the first check does not pay for it (e.g. on a background thread). */
    static void preload() {
        Holder.SCHEMA.schema();
    }

    /** The schema errors of one playbook document, each at the key or value it is about. */
    List<Finding> check(YamlDocument doc) {
        return check(doc, doc.json(), List.of(), List.of());
    }

    /**
     * Checks a playbook document built from part of {@code doc} (a Kamelet's template as a route), reporting at
     * the part's real place: a schema error at {@code wrapped + rest} is reported at {@code actual + rest}.
     *
     * @param json    the playbook document to check
     * @param wrapped where the part stands in {@code json}, e.g. {@code [0, "route", "from"]}
     * @param actual  where the part stands in {@code doc}, e.g. {@code ["spec", "template", "from"]}
     */
    List<Finding> check(YamlDocument doc, JsonNode json, List<Object> wrapped, List<Object> actual) {
        Loaded loaded = Holder.SCHEMA;
        List<ValidationMessage> messages;
        synchronized (loaded) {
            messages = new ArrayList<>(loaded.schema().validate(json));
        }
        List<ValidationMessage> converted = messages.stream().filter(DslSchemaCheck::camelConvertsIt).toList();
        messages.removeAll(converted);
        List<Finding> findings = new ArrayList<>();
        for (ValidationMessage m : relevant(messages, converted)) {
            List<Object> path = elements(m.getInstanceLocation());
            if (!wrapped.isEmpty() && path.size() >= wrapped.size() && path.subList(0, wrapped.size()).equals(wrapped)) {
                List<Object> real = new ArrayList<>(actual);
                real.addAll(path.subList(wrapped.size(), path.size()));
                path = real;
            } else if (!wrapped.isEmpty()) {
                path = new ArrayList<>(actual);
            }
            findings.add(finding(doc, path, loaded.json(), m, messages));
        }
        return findings;
    }

    /** A type error Camel does not have: text where a boolean or number is wanted, which Camel converts. */
    private static boolean camelConvertsIt(ValidationMessage m) {
        if (!"type".equals(m.getType()) || m.getInstanceNode() == null || !m.getInstanceNode().isTextual()) {
            return false;
        }
        String text = m.getInstanceNode().asText().trim();
        JsonNode expected = m.getSchemaNode();
        Set<String> types = new HashSet<>();
        if (expected != null && expected.isTextual()) {
            types.add(expected.asText());
        } else if (expected != null && expected.isArray()) {
            expected.forEach(t -> types.add(t.asText()));
        }
        if (text.contains("{{")) {
            return types.contains("boolean") || types.contains("integer") || types.contains("number");
        }
        return (types.contains("boolean") && (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")))
                || ((types.contains("integer") || types.contains("number")) && NUMBER.matcher(text).matches());
    }

    /**
     * Drops the noise of {@code oneOf} / {@code anyOf}: when one alternative fails only because the value has
     * another type (text rather than a mapping), the errors of the alternative the value does have the type of
     * are the ones that matter. Outermost alternatives are decided first.
     */
    private static List<ValidationMessage> relevant(List<ValidationMessage> messages,
                                                    List<ValidationMessage> converted) {
        Set<ValidationMessage> dropped = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        List<ValidationMessage> choices = messages.stream()
                .filter(m -> "oneOf".equals(m.getType()) || "anyOf".equals(m.getType()))
                .sorted(Comparator.comparingInt(m -> m.getEvaluationPath().getNameCount()))
                .toList();
        for (ValidationMessage choice : choices) {
            if (dropped.contains(choice)) {
                continue;
            }
            JsonNodePath at = choice.getEvaluationPath();
            Map<Object, List<ValidationMessage>> branches = new LinkedHashMap<>();
            for (ValidationMessage m : messages) {
                if (m != choice && !dropped.contains(m) && isWithin(m, choice)) {
                    branches.computeIfAbsent(m.getEvaluationPath().getElement(at.getNameCount()),
                            k -> new ArrayList<>()).add(m);
                }
            }
            boolean fineOnceConverted = converted.stream().filter(c -> isWithin(c, choice))
                    .map(c -> c.getEvaluationPath().getElement(at.getNameCount()))
                    .anyMatch(branch -> !branches.containsKey(branch));
            if (fineOnceConverted) {
                // an alternative fails only on text Camel converts (a placeholder): the value is fine
                dropped.add(choice);
                branches.values().forEach(dropped::addAll);
                continue;
            }
            if (branches.isEmpty()) {
                continue; // e.g. "valid against more than one": keep the summary
            }
            List<List<ValidationMessage>> meant = branches.values().stream()
                    .filter(errors -> !isTypeMismatchOnly(errors, at)).toList();
            if (meant.isEmpty()) {
                // every alternative wants another type: keep the summary, reworded below
                branches.values().forEach(dropped::addAll);
                continue;
            }
            List<ValidationMessage> best = meant.stream().min(Comparator.comparingInt(List::size)).orElseThrow();
            dropped.add(choice);
            branches.values().stream().filter(b -> b != best).forEach(dropped::addAll);
        }
        // a step with two keys ("- to: x" plus "id: y" at the same indent): say that once, not also "unknown key 'id'"
        for (ValidationMessage m : messages) {
            if ("maxProperties".equals(m.getType()) && !dropped.contains(m) && m.getInstanceNode() != null) {
                List<String> keys = new ArrayList<>();
                m.getInstanceNode().fieldNames().forEachRemaining(keys::add);
                messages.stream().filter(o -> "additionalProperties".equals(o.getType())
                                && o.getInstanceLocation().equals(m.getInstanceLocation())
                                && !keys.isEmpty() && !keys.get(0).equals(o.getProperty()))
                        .forEach(dropped::add);
            }
        }
        return messages.stream().filter(m -> !dropped.contains(m)).toList();
    }

    /** Whether {@code m} is an error of an alternative of {@code choice} (same place in the document, deeper in the schema). */
    private static boolean isWithin(ValidationMessage m, ValidationMessage choice) {
        return m.getEvaluationPath().startsWith(choice.getEvaluationPath())
                && m.getEvaluationPath().getNameCount() > choice.getEvaluationPath().getNameCount()
                && m.getInstanceLocation().startsWith(choice.getInstanceLocation());
    }

    private static boolean isTypeMismatchOnly(List<ValidationMessage> errors, JsonNodePath choice) {
        return errors.size() == 1 && "type".equals(errors.get(0).getType())
                && errors.get(0).getEvaluationPath().getNameCount() == choice.getNameCount() + 2;
    }

    private static Finding finding(YamlDocument doc, List<Object> path, JsonNode schema, ValidationMessage m,
                                   List<ValidationMessage> all) {
        String field = YamlDocument.describe(path);
        switch (m.getType()) {
            case "additionalProperties" -> {
                List<Object> keyPath = new ArrayList<>(path);
                keyPath.add(m.getProperty());
                return Finding.error(doc.file(), doc.keyPosition(keyPath),
                        field + ": unknown key '" + m.getProperty() + "'" + NearestName.hint(m.getProperty(),
                                allowedKeys(schema, m)));
            }
            case "required" -> {
                return Finding.error(doc.file(), doc.keyPosition(path),
                        field + ": missing required key '" + m.getProperty() + "'");
            }
            case "enum" -> {
                return Finding.error(doc.file(), doc.valuePosition(path), field + ": '"
                        + m.getInstanceNode().asText() + "' is not allowed (allowed: " + texts(m.getSchemaNode()) + ")");
            }
            case "type" -> {
                return Finding.error(doc.file(), doc.valuePosition(path), field + ": must be "
                        + typeNames(m.getSchemaNode()) + ", but is " + typeName(m.getInstanceNode()));
            }
            case "oneOf", "anyOf" -> {
                List<String> wanted = all.stream()
                        .filter(o -> "type".equals(o.getType()) && isWithin(o, m)
                                && o.getEvaluationPath().getNameCount() == m.getEvaluationPath().getNameCount() + 2)
                        .map(o -> typeNames(o.getSchemaNode())).distinct().toList();
                boolean several = m.getMessage().contains("only one schema") && !m.getMessage().contains("but 0");
                String reason = several ? "matches more than one of its allowed forms; remove the keys that mix them"
                        : wanted.isEmpty() ? "does not match any of its allowed forms"
                        : "must be " + String.join(" or ", wanted) + ", but is " + typeName(m.getInstanceNode());
                return Finding.error(doc.file(), doc.valuePosition(path), field + ": " + reason);
            }
            case "maxProperties" -> {
                List<String> keys = new ArrayList<>();
                if (m.getInstanceNode() != null) {
                    m.getInstanceNode().fieldNames().forEachRemaining(keys::add);
                }
                String limit = m.getSchemaNode() == null ? "?" : m.getSchemaNode().asText();
                String reason = "has " + keys.size() + " keys (" + String.join(", ", keys) + ") but takes at most "
                        + limit + ("1".equals(limit) ? "; indent the options under '" + (keys.isEmpty() ? "?"
                        : keys.get(0)) + "'" : "");
                return Finding.error(doc.file(), doc.valuePosition(path), field + ": " + reason);
            }
            default -> {
                String text = m.getMessage();
                int colon = text.indexOf(": ");
                return Finding.error(doc.file(), doc.valuePosition(path),
                        field + ": " + (colon >= 0 ? text.substring(colon + 2) : text));
            }
        }
    }

    private static List<Object> elements(JsonNodePath p) {
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < p.getNameCount(); i++) {
            out.add(p.getElement(i));
        }
        return out;
    }

    /** The keys the schema object around an {@code additionalProperties: false} allows. */
    private static List<String> allowedKeys(JsonNode schema, ValidationMessage m) {
        JsonNodePath where = m.getSchemaLocation().getFragment();
        JsonNode node = schema;
        for (int i = 0; i < where.getNameCount() - 1 && node != null; i++) {
            Object e = where.getElement(i);
            node = e instanceof Integer n ? node.get(n) : node.get(String.valueOf(e));
        }
        List<String> keys = new ArrayList<>();
        if (node != null && node.has("properties")) {
            node.get("properties").fieldNames().forEachRemaining(keys::add);
        }
        return keys;
    }

    private static String texts(JsonNode array) {
        if (array == null || !array.isArray()) {
            return String.valueOf(array);
        }
        List<String> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asText()));
        return String.join(", ", out);
    }

    private static String typeNames(JsonNode types) {
        if (types == null) {
            return "another type";
        }
        if (types.isArray()) {
            List<String> out = new ArrayList<>();
            types.forEach(t -> out.add(typeWord(t.asText())));
            return out.stream().collect(Collectors.joining(" or "));
        }
        return typeWord(types.asText());
    }

    private static String typeWord(String jsonType) {
        return switch (jsonType) {
            case "string" -> "text";
            case "object" -> "a mapping (key: value lines)";
            case "array" -> "a list (- items)";
            case "boolean" -> "true or false";
            case "integer" -> "a whole number";
            case "number" -> "a number";
            case "null" -> "empty";
            default -> jsonType;
        };
    }

    private static String typeName(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return "empty";
        }
        if (value.isObject()) {
            return "a mapping";
        }
        if (value.isArray()) {
            return "a list";
        }
        if (value.isTextual()) {
            return "the text '" + value.asText() + "'";
        }
        return "'" + value.asText() + "'";
    }
}
