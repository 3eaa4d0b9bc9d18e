package org.soarplaybooks.validate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * One use of a Kamelet in a playbook: {@code uri: kamelet:NAME[/ROUTE-ID][?prop=value&...]} (with its sibling
 * {@code parameters:}), or the short form {@code to: kamelet:NAME...}.
 *
 * @param name       the Kamelet name
 * @param routeId    the route id after {@code /}, or null
 * @param uri        the URI scalar as written
 * @param uriOptions option name → value given in the URI query, in order
 * @param parameters option name → its entry under {@code parameters:}, in order
 * @param path       where the URI stands in the document
 */
record KameletUse(String name, String routeId, ScalarNode uri, Map<String, String> uriOptions,
                  Map<String, NodeTuple> parameters, List<Object> path) {

    static final String SCHEME = "kamelet:";
    /** Only meaningful inside a Kamelet's own template. */
    private static final Set<String> TEMPLATE_ENDPOINTS = Set.of("source", "sink");
    /** EIPs whose value may be an endpoint URI written as plain text. */
    private static final Set<String> SHORT_FORMS = Set.of("to", "toD", "from", "wireTap", "enrich", "pollEnrich",
            "poll");

    /** Every Kamelet use in a playbook document, in file order. */
    static List<KameletUse> find(YamlDocument doc) {
        List<KameletUse> uses = new ArrayList<>();
        doc.forEachNode((path, node) -> {
            if (!(node instanceof MappingNode mapping)) {
                return;
            }
            for (NodeTuple t : mapping.getValue()) {
                String key = YamlDocument.text(t.getKeyNode());
                if (!(t.getValueNode() instanceof ScalarNode value) || key == null
                        || !value.getValue().startsWith(SCHEME)) {
                    continue;
                }
                List<Object> at = new ArrayList<>(path);
                at.add(key);
                if (key.equals("uri")) {
                    Map<String, NodeTuple> params = YamlDocument.entries(
                            YamlDocument.value(mapping, "parameters").orElse(null));
                    of(value, params, at).ifPresent(uses::add);
                } else if (SHORT_FORMS.contains(key)) {
                    of(value, Map.of(), at).ifPresent(uses::add);
                }
            }
        });
        return uses;
    }

    private static java.util.Optional<KameletUse> of(ScalarNode uri, Map<String, NodeTuple> params, List<Object> path) {
        String rest = uri.getValue().substring(SCHEME.length());
        if (rest.startsWith("//")) {
            rest = rest.substring(2);
        }
        String query = "";
        int q = rest.indexOf('?');
        if (q >= 0) {
            query = rest.substring(q + 1);
            rest = rest.substring(0, q);
        }
        String name = rest;
        String routeId = null;
        int slash = rest.indexOf('/');
        if (slash >= 0) {
            name = rest.substring(0, slash);
            routeId = rest.substring(slash + 1);
        }
        if (TEMPLATE_ENDPOINTS.contains(name)) {
            return java.util.Optional.empty();
        }
        Map<String, String> options = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            options.put(eq < 0 ? pair : pair.substring(0, eq), eq < 0 ? "" : pair.substring(eq + 1));
        }
        return java.util.Optional.of(new KameletUse(name, routeId, uri,
                java.util.Collections.unmodifiableMap(options), params, List.copyOf(path)));
    }

    /** The Kamelet and the names of the options given; never their values (a URI may carry a token). */
    @Override
    public String toString() {
        return "KameletUse[" + name + ", options " + uriOptions.keySet() + ", parameters " + parameters.keySet()
                + "]";
    }

    /** The value given for {@code property} in the URI or under {@code parameters:}, or null. */
    String given(String property) {
        if (uriOptions.containsKey(property)) {
            return uriOptions.get(property);
        }
        NodeTuple t = parameters.get(property);
        if (t == null) {
            return null;
        }
        Node v = t.getValueNode();
        String text = YamlDocument.text(v);
        return text == null ? "" : text;
    }
}
