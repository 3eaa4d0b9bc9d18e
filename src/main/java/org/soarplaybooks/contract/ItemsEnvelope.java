package org.soarplaybooks.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * A shortcut for request schemas that are an envelope of independent items, such as the ContraForce bulk update
 * ({@code {"items": [UpdateIncidentRequest, ...]}}): such a body is valid exactly when its envelope is right and each
 * item would be valid alone, and a bulk file's items come in few shapes. So each item is reduced to its shape
 * ({@link #shapeOf}: field names in order, each value as it is, except the text of a field the schema only asks to
 * be a string), each shape is checked once by the real validator as a one-item body, and a body whose items all have
 * a shape known to be valid passes without the validator. Anything else (an unknown or bad shape, a wrong envelope)
 * goes to the validator as a whole, so every refusal and its wording come from the schema.
 *
 * <p>Applies only to a schema of exactly this form (else {@link #of} gives null): {@code type: object}, one property
 * (the items), {@code required} naming at most it, {@code additionalProperties: false}; the property
 * {@code type: array} with {@code minItems} of at most 1, no {@code maxItems}, and {@code items} a local
 * {@code $ref} to an object schema. No keyword relates two items ({@code uniqueItems}, {@code contains}, ...), so
 * items are independent. Thread-safe; the shapes kept are bounded ({@value #SHAPES_KEPT}, then cleared).
 */
final class ItemsEnvelope {

    static final int SHAPES_KEPT = 4096;

    private static final Set<String> TOP_KEYWORDS = Set.of("$schema", "$id", "title", "description", "type",
            "required", "properties", "additionalProperties", "$defs");
    private static final Set<String> ARRAY_KEYWORDS = Set.of("description", "title", "type", "minItems", "items");
    private static final Set<String> TEXT_KEYWORDS = Set.of("description", "title", "type");

    private final String field;
    private final int minItems;
    private final Set<String> freeText;
    private final Map<String, Boolean> validShapes = new ConcurrentHashMap<>();

    private ItemsEnvelope(String field, int minItems, Set<String> freeText) {
        this.field = field;
        this.minItems = minItems;
        this.freeText = freeText;
    }

    /** The envelope of a schema document, or null when the schema is not of the form above. */
    static ItemsEnvelope of(JsonNode schema) {
        if (!schema.isObject() || !TOP_KEYWORDS.containsAll(names(schema))
                || !"object".equals(schema.path("type").asText(null))
                || !schema.path("additionalProperties").isBoolean() || schema.get("additionalProperties").asBoolean()
                || schema.path("properties").size() != 1) {
            return null;
        }
        String field = schema.get("properties").fieldNames().next();
        JsonNode required = schema.path("required");
        if (required.size() > 1 || required.size() == 1 && !field.equals(required.get(0).asText())) {
            return null;
        }
        JsonNode array = schema.get("properties").get(field);
        if (!array.isObject() || !ARRAY_KEYWORDS.containsAll(names(array))
                || !"array".equals(array.path("type").asText(null)) || array.path("minItems").asInt(0) > 1) {
            return null;
        }
        String ref = array.path("items").path("$ref").asText("");
        if (array.path("items").size() != 1 || !ref.startsWith("#/")) {
            return null;
        }
        JsonNode item = schema.at(ref.substring(1));
        if (!item.isObject()) {
            return null;
        }
        Set<String> freeText = new HashSet<>();
        for (Map.Entry<String, JsonNode> p : item.path("properties").properties()) {
            if (onlyAString(p.getValue())) {
                freeText.add(p.getKey());
            }
        }
        return new ItemsEnvelope(field, array.path("minItems").asInt(0), Set.copyOf(freeText));
    }

    /** A property schema that asks nothing but "a string" (or "a string or null") of its value. */
    private static boolean onlyAString(JsonNode property) {
        if (!property.isObject() || !TEXT_KEYWORDS.containsAll(names(property))) {
            return false;
        }
        JsonNode type = property.path("type");
        if (type.isTextual()) {
            return "string".equals(type.asText());
        }
        if (!type.isArray() || type.isEmpty()) {
            return false;
        }
        boolean string = false;
        for (JsonNode t : type) {
            if (!"string".equals(t.asText()) && !"null".equals(t.asText())) {
                return false;
            }
            string |= "string".equals(t.asText());
        }
        return string;
    }

    /**
     * True when {@code body} is known to be valid: the envelope is right and every item has a shape that
     * {@code validAlone} (the real validator, given a one-item body) accepted. False means "not known", never
     * "invalid": the caller then validates the whole body.
     */
    boolean knownValid(JsonNode body, Predicate<JsonNode> validAlone) {
        if (body == null || !body.isObject() || body.size() != 1) {
            return false;
        }
        JsonNode items = body.get(field);
        if (items == null || !items.isArray() || items.size() < minItems) {
            return false;
        }
        for (JsonNode item : items) {
            String shape = shapeOf(item);
            if (shape == null) {
                return false;
            }
            Boolean valid = validShapes.get(shape);
            if (valid == null) {
                ObjectNode alone = JsonNodeFactory.instance.objectNode();
                alone.putArray(field).add(item);
                valid = validAlone.test(alone);
                if (validShapes.size() >= SHAPES_KEPT) {
                    validShapes.clear();
                }
                validShapes.put(shape, valid);
            }
            if (!valid) {
                return false;
            }
        }
        return true;
    }

    /**
     * An item's shape: its field names in order (each after its length, so no name can pass for two fields),
     * each with its value (a text after its length; numbers, objects and arrays as JSON), except that the text of a
     * field the schema only asks to be a string is left out (only that it is a string is kept). Null for an item
     * that is not an object.
     */
    String shapeOf(JsonNode item) {
        if (!item.isObject()) {
            return null;
        }
        StringBuilder shape = new StringBuilder(128);
        for (Map.Entry<String, JsonNode> f : item.properties()) {
            JsonNode value = f.getValue();
            shape.append(f.getKey().length()).append(':').append(f.getKey()).append('='); // no name fakes two
            if (value.isTextual() && freeText.contains(f.getKey())) {
                shape.append("<string>");
            } else if (value.isTextual()) {
                String text = value.textValue(); // its length first: no text can pass for more than itself
                shape.append("STRING:").append(text.length()).append(':').append(text);
            } else if (value.isNull()) {
                shape.append("NULL");
            } else if (value.isBoolean()) {
                shape.append(value.booleanValue() ? "TRUE" : "FALSE");
            } else {
                shape.append(value.getNodeType()).append(':').append(value); // rare: numbers, objects, arrays
            }
            shape.append('\n');
        }
        return shape.toString();
    }

    private static Set<String> names(JsonNode object) {
        Set<String> out = new HashSet<>();
        object.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
