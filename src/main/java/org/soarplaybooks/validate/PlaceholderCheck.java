package org.soarplaybooks.validate;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * Warns about property placeholders with nothing behind them: {@code {{name}}} in a playbook value, or in the
 * default of a Kamelet property the playbook leaves to its default, when {@code name} is neither a key of
 * {@code <config>/application.properties}, nor set by the engine ({@code playbooks.data}, {@code playbooks.config}),
 * nor an environment variable ({@code name} or, as Camel also looks it up, {@code NAME_IN_UPPER_CASE}).
 *
 * <p>Always defined: {@code {{name:default}}}, {@code {{?name}}} (optional), {@code {{env:X:default}}},
 * {@code {{sys:x:default}}}, and other Camel functions ({@code {{bean:...}}}, {@code {{service:...}}}).
 * {@code {{env:X}}} / {@code {{sys:x}}} without default count when the variable is set where {@code validate}
 * runs. These are warnings, not errors: the variable may well be set where the engine runs. Inside a
 * {@code routeTemplate}, placeholders are the template's parameters and are not checked.
 */
final class PlaceholderCheck {

    /** Names Camel gives every Kamelet route besides its properties. */
    private static final java.util.Set<String> IMPLICIT = java.util.Set.of("routeId", "templateId");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(.+?)}}");

    private final ConfigProperties config;
    private final KameletCatalog catalog;

    PlaceholderCheck(ConfigProperties config, KameletCatalog catalog) {
        this.config = config;
        this.catalog = catalog;
    }

    List<Finding> check(YamlDocument doc) {
        List<Finding> out = new ArrayList<>();
        doc.forEachNode((path, node) -> {
            if (node instanceof ScalarNode s && !inRouteTemplate(path)) {
                Matcher m = PLACEHOLDER.matcher(s.getValue());
                while (m.find()) {
                    String placeholder = m.group();
                    undefined(m.group(1)).ifPresent(reason -> out.add(Finding.warning(doc.file(),
                            doc.positionIn(s, placeholder), YamlDocument.describe(path) + ": placeholder "
                                    + placeholder + ": " + reason)));
                }
            }
        });
        for (KameletUse use : KameletUse.find(doc)) {
            catalog.find(use.name()).ifPresent(k -> k.properties().forEach((property, dflt) -> {
                if (dflt == null || use.given(property) != null) {
                    return;
                }
                Matcher m = PLACEHOLDER.matcher(dflt);
                while (m.find()) {
                    String placeholder = m.group();
                    undefined(m.group(1)).ifPresent(reason -> out.add(Finding.warning(doc.file(),
                            doc.positionIn(use.uri(), use.name()), "kamelet '" + k.name() + "': property '"
                                    + property + "' defaults to " + placeholder + ": " + reason)));
                }
            }));
        }
        return out;
    }

    /** In a {@code routeTemplate}, {@code {{name}}} names a template parameter, not a property. */
    private static boolean inRouteTemplate(List<Object> path) {
        return path.size() > 1 && "routeTemplate".equals(path.get(1));
    }

    /**
     * Warnings for the placeholders of a Kamelet file's template: there {@code {{name}}} may also be one of the
     * Kamelet's own properties or template beans ({@code names}).
     */
    List<Finding> checkTemplate(YamlDocument doc, List<Object> template, java.util.Set<String> names) {
        List<Finding> out = new ArrayList<>();
        doc.forEachNode((path, node) -> {
            if (node instanceof ScalarNode s && path.size() >= template.size()
                    && path.subList(0, template.size()).equals(template)) {
                Matcher m = PLACEHOLDER.matcher(s.getValue());
                while (m.find()) {
                    String placeholder = m.group();
                    String inside = m.group(1).trim();
                    if (names.contains(inside) || IMPLICIT.contains(inside)) {
                        continue;
                    }
                    undefined(inside).ifPresent(reason -> out.add(Finding.warning(doc.file(),
                            doc.positionIn(s, placeholder), YamlDocument.describe(path) + ": placeholder "
                                    + placeholder + ": not a property of this Kamelet (" + String.join(", ", names)
                                    + "); " + reason)));
                }
            }
        });
        return out;
    }

    /** Why a placeholder's inside ({@code name}, {@code env:X}, ...) has no value, or empty when it has one. */
    Optional<String> undefined(String inside) {
        String p = inside.trim();
        if (p.startsWith("?")) {
            return Optional.empty();
        }
        int colon = p.indexOf(':');
        if (colon < 0) {
            return config.defines(p) ? Optional.empty() : Optional.of("no property '" + p + "' in " + config.file()
                    + " and no environment variable " + ConfigProperties.envName(p));
        }
        String function = p.substring(0, colon);
        String rest = p.substring(colon + 1);
        if (rest.contains(":")) {
            return Optional.empty(); // a default follows
        }
        if (function.equals("env")) {
            return config.env().apply(rest) != null ? Optional.empty() : Optional.of("environment variable " + rest
                    + " is not set and there is no default (write {{env:" + rest + ":default}})");
        }
        if (function.equals("sys")) {
            return System.getProperty(rest) != null ? Optional.empty() : Optional.of("system property " + rest
                    + " is not set and there is no default (write {{sys:" + rest + ":default}})");
        }
        return Optional.empty(); // {{name:default}} or another Camel function
    }
}
