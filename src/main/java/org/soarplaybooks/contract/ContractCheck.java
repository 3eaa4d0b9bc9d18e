package org.soarplaybooks.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.resource.AllowSchemaLoader;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * Checks a vendor request body against the vendor's documented request schema before it is sent.
 *
 * <p>One JSON Schema (draft 2020-12) per operation, on the classpath at
 * {@code schemas/<vendor>-<operation>.request.json} (vendor in lower case, e.g.
 * {@code schemas/contraforce-update-incident-status.request.json}), written from {@code api-docs/} and cited in
 * the schema's {@code description}. Each schema's {@code $id} is
 * {@code https://soarplaybooks.org/schemas/<name>.request.json}; that prefix is mapped to {@code classpath:schemas/}
 * and every other location is refused, so loading never touches the network. Format assertions are on:
 * {@code uuid}, {@code date-time} and {@code email} are checked, not just annotated. Validation is done by the
 * networknt json-schema-validator; this class only names the results.
 *
 * <p>Each schema is loaded once, on first use, and kept (thread-safe). A schema that is an envelope of independent
 * items (the ContraForce bulk update) checks each item shape once and passes a body made only of shapes known to be
 * valid without the validator ({@link ItemsEnvelope}); every other body, and every refusal, goes through the
 * validator.
 */
public final class ContractCheck {

    /** The {@code $id} prefix of every bundled request schema. */
    public static final String ID_PREFIX = "https://soarplaybooks.org/schemas/";
    /** Classpath folder of the schemas. */
    public static final String FOLDER = "schemas/";
    /** File name suffix of a request schema. */
    public static final String SUFFIX = ".request.json";

    private static final Pattern NAME = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final int MAX_VALUE_CHARS = 200;

    private final JsonSchemaFactory factory;
    private final SchemaValidatorsConfig config;
    private final ConcurrentMap<String, Optional<JsonSchema>> schemas = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Optional<ItemsEnvelope>> envelopes = new ConcurrentHashMap<>();

    /** A check over the schemas bundled in {@code schemas/} on the classpath. */
    public ContractCheck() {
        this.factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012, builder -> builder
                .schemaMappers(mappers -> mappers.mapPrefix(ID_PREFIX, "classpath:" + FOLDER))
                .schemaLoaders(loaders -> loaders.add(new AllowSchemaLoader(
                        iri -> iri.toString().startsWith("classpath:")))));
        this.config = SchemaValidatorsConfig.builder()
                .formatAssertionsEnabled(true)
                .pathType(PathType.JSON_POINTER)
                .build();
    }

    /**
     * The schema name of an operation: {@code vendor.toLowerCase(Locale.ROOT) + "-" + operation}, e.g.
     * {@code contraforce-update-incident-status} for vendor {@code ContraForce}, operation
     * {@code update-incident-status}.
     */
    public static String schemaName(String vendor, String operation) {
        return String.valueOf(vendor).toLowerCase(Locale.ROOT) + "-" + operation;
    }

    /**
     * Throws unless {@code body} meets the documented request schema of the operation.
     *
     * @param vendor    vendor name as the actions spell it, e.g. {@code "ContraForce"}
     * @param operation operation name, e.g. {@code "update-incident-status"}
     * @param body      the request body as it would be sent
     * @throws ContractViolationException when the body breaks the schema (every violation listed; the first one
     *                                    in {@code field()}/{@code rule()}/{@code value()}), and also when there
     *                                    is no schema for the operation (rule {@code schema}: a request without a
     *                                    contract is not sent)
     */
    public void check(String vendor, String operation, JsonNode body) {
        List<ContractViolation> violations = violations(schemaName(vendor, operation), body);
        if (!violations.isEmpty()) {
            throw new ContractViolationException(vendor, operation, violations);
        }
    }

    /**
     * What is wrong with {@code body} against the named schema; empty when it is valid. A missing schema is one
     * violation with field {@code ""}, rule {@code schema} and the schema's classpath location as value.
     *
     * @param schemaName e.g. {@code contraforce-update-incident-status}
     * @param body       the request body; a Java null is checked as JSON {@code null}
     */
    public List<ContractViolation> violations(String schemaName, JsonNode body) {
        Optional<JsonSchema> schema = schema(schemaName);
        if (schema.isEmpty()) {
            String location = FOLDER + schemaName + SUFFIX;
            return List.of(new ContractViolation("", "schema", quote(location),
                    "no request schema " + location + " on the classpath; a request without a contract is not sent"));
        }
        JsonNode value = body == null ? NullNode.getInstance() : body;
        ItemsEnvelope envelope = envelope(schemaName, schema.get());
        if (envelope != null && envelope.knownValid(value, alone -> schema.get().validate(alone).isEmpty())) {
            return List.of();
        }
        Set<ValidationMessage> messages = schema.get().validate(value);
        List<ContractViolation> out = new ArrayList<>(messages.size());
        for (ValidationMessage m : messages) {
            out.add(violationOf(m, value, schema.get().getSchemaNode()));
        }
        out.sort(Comparator.comparing(ContractViolation::field).thenComparing(ContractViolation::rule)
                .thenComparing(ContractViolation::reason));
        return out.stream().distinct().toList();
    }

    /** True when a schema exists for the operation (does not validate anything). */
    public boolean hasSchema(String vendor, String operation) {
        return schema(schemaName(vendor, operation)).isPresent();
    }

    /** The schema's {@link ItemsEnvelope}, or null when it is not an envelope of independent items. */
    private ItemsEnvelope envelope(String name, JsonSchema schema) {
        return envelopes.computeIfAbsent(name, n -> Optional.ofNullable(ItemsEnvelope.of(schema.getSchemaNode())))
                .orElse(null);
    }

    private Optional<JsonSchema> schema(String name) {
        Optional<JsonSchema> known = name == null ? null : schemas.get(name);
        if (known != null) {
            return known; // its name passed the check below when it was loaded
        }
        if (name == null || !NAME.matcher(name).matches()) {
            return Optional.empty(); // never turn a strange name into a classpath path
        }
        return schemas.computeIfAbsent(name, n -> {
            if (ContractCheck.class.getClassLoader().getResource(FOLDER + n + SUFFIX) == null) {
                return Optional.empty();
            }
            JsonSchema s = factory.getSchema(SchemaLocation.of(ID_PREFIX + n + SUFFIX), config);
            s.initializeValidators(); // resolve every $ref now, so a broken schema fails on first use, not later
            return Optional.of(s);
        });
    }

    private static ContractViolation violationOf(ValidationMessage m, JsonNode body, JsonNode schemaDocument) {
        String rule = m.getType();
        String at = m.getInstanceLocation().toString();
        String field = at;
        if (("required".equals(rule) || "additionalProperties".equals(rule)) && m.getProperty() != null) {
            field = at + "/" + m.getProperty().replace("~", "~0").replace("/", "~1");
        }
        JsonNode node = field.isEmpty() ? body : body.at(field);
        boolean absent = node == null || node.isMissingNode();
        String value = absent ? null : cut(node.toString());
        String shown = absent ? "" : cut(node.toString(), 80);
        JsonNode keyword = m.getSchemaNode();
        String reason = switch (rule) {
            case "enum" -> shown + " is not one of " + list(keyword);
            case "const" -> shown + " is not " + keyword;
            case "required" -> "is required but missing";
            case "additionalProperties" -> "is not a documented field of this object";
            case "type" -> shown + " is not of type " + (keyword.isArray() ? list(keyword) : keyword.asText());
            case "format" -> shown + " is not a valid " + keyword.asText();
            case "minItems" -> "has " + node.size() + " item(s); at least " + keyword.asInt() + " required";
            case "maxItems" -> "has " + node.size() + " item(s); at most " + keyword.asInt() + " allowed";
            case "minProperties" -> "has " + node.size() + " field(s); at least " + keyword.asInt() + " required";
            case "minLength" -> shown + " is shorter than " + keyword.asInt() + " character(s)";
            case "false" -> "is not allowed";
            default -> stripLocation(m.getMessage(), at);
        };
        return new ContractViolation(field, rule, value, reason + condition(m, schemaDocument));
    }

    /**
     * For a rule that only applies under a condition ({@code if}/{@code then} in the schema): {@code " when
     * countryCode is USA or CAN"}, {@code " when updateTicket is true"}, {@code " when id is absent"}; else "".
     * Read from the {@code if} beside the failing {@code then} in the (single-document) schema.
     */
    private static String condition(ValidationMessage m, JsonNode schemaDocument) {
        String location = m.getSchemaLocation().toString();
        int hash = location.indexOf('#');
        String pointer = hash < 0 ? "" : location.substring(hash + 1);
        int then = pointer.lastIndexOf("/then");
        if (then < 0) {
            return "";
        }
        JsonNode condition = schemaDocument.at(pointer.substring(0, then) + "/if");
        List<String> parts = new ArrayList<>();
        for (var p : condition.path("properties").properties()) {
            JsonNode rule = p.getValue();
            if (rule.has("const")) {
                parts.add(p.getKey() + " is " + text(rule.get("const")));
            } else if (rule.has("enum")) {
                parts.add(p.getKey() + " is " + StreamSupport.stream(rule.get("enum").spliterator(), false)
                        .map(ContractCheck::text).collect(Collectors.joining(" or ")));
            }
        }
        condition.path("not").path("required").forEach(r -> parts.add(r.asText() + " is absent"));
        return parts.isEmpty() ? " in this case" : " when " + String.join(" and ", parts);
    }

    private static String text(JsonNode v) {
        return v.isTextual() ? v.asText() : v.toString();
    }

    private static String list(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false)
                .map(v -> v.isNull() ? "null" : v.asText())
                .collect(Collectors.joining(", ", "[", "]"));
    }

    private static String stripLocation(String message, String at) {
        String prefix = at + ": ";
        return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
    }

    private static String quote(String text) {
        return "\"" + text + "\"";
    }

    private static String cut(String text) {
        return cut(text, MAX_VALUE_CHARS);
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 3) + "...";
    }
}
