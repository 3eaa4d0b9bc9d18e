package org.soarplaybooks.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks a Kamelet of the author's own ({@code *.kamelet.yaml} in the routes folder):
 * <ul>
 *   <li>it is a Kamelet ({@code kind: Kamelet}) with a {@code spec.template};</li>
 *   <li>every name under {@code spec.definition.required} is one of its {@code spec.definition.properties};</li>
 *   <li>its template's {@code from} and {@code beans} follow the Camel YAML DSL (checked as a route would be,
 *       reported at their place under {@code spec.template});</li>
 *   <li>a {@code {{name}}} in the template is one of its properties or template beans, a configuration key or an
 *       environment variable (else a warning).</li>
 * </ul>
 */
final class KameletFileCheck {

    private static final List<Object> TEMPLATE = List.of("spec", "template");
    private final DslSchemaCheck schema;
    private final PlaceholderCheck placeholders;

    KameletFileCheck(DslSchemaCheck schema, PlaceholderCheck placeholders) {
        this.schema = schema;
        this.placeholders = placeholders;
    }

    List<Finding> check(YamlDocument doc) {
        List<Finding> out = new ArrayList<>();
        JsonNode root = doc.json();
        if (!"Kamelet".equals(root.path("kind").asText())) {
            out.add(Finding.error(doc.file(), doc.valuePosition(List.of("kind")),
                    "kind: must be Kamelet (a *.kamelet.yaml file defines a Kamelet)"));
            return out;
        }
        JsonNode definition = root.path("spec").path("definition");
        Set<String> properties = new LinkedHashSet<>();
        definition.path("properties").fieldNames().forEachRemaining(properties::add);
        JsonNode required = definition.path("required");
        for (int i = 0; i < required.size(); i++) {
            String name = required.get(i).asText();
            if (!properties.contains(name)) {
                out.add(Finding.error(doc.file(), doc.valuePosition(List.of("spec", "definition", "required", i)),
                        "spec.definition.required: '" + name + "' is not one of the properties ("
                                + String.join(", ", properties) + ")"));
            }
        }
        JsonNode template = root.path("spec").path("template");
        if (!template.isObject()) {
            out.add(Finding.error(doc.file(), doc.keyPosition(List.of("spec")),
                    "spec: missing required key 'template' (the steps the Kamelet runs)"));
            return out;
        }
        JsonNodeFactory json = JsonNodeFactory.instance;
        if (template.has("from")) {
            ObjectNode route = json.objectNode();
            route.putObject("route").set("from", template.get("from"));
            out.addAll(schema.check(doc, json.arrayNode().add(route), List.of(0, "route", "from"),
                    List.of("spec", "template", "from")));
        } else {
            out.add(Finding.error(doc.file(), doc.keyPosition(TEMPLATE),
                    "spec.template: missing required key 'from' (uri: kamelet:source, and its steps)"));
        }
        Set<String> names = new LinkedHashSet<>(properties);
        if (template.has("beans")) {
            ObjectNode beans = json.objectNode();
            beans.set("beans", template.get("beans"));
            out.addAll(schema.check(doc, json.arrayNode().add(beans), List.of(0, "beans"),
                    List.of("spec", "template", "beans")));
            template.get("beans").forEach(b -> names.add(b.path("name").asText()));
        }
        out.addAll(placeholders.checkTemplate(doc, TEMPLATE, names));
        return out;
    }
}
