package org.soarplaybooks.validate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.NodeTuple;

/**
 * Checks each Kamelet a playbook uses ({@code kamelet:NAME...}) against the {@link KameletCatalog}:
 * <ul>
 *   <li>the Kamelet exists: {@code kamelet 'contraforce-updat-action' is not known (did you mean
 *       'contraforce-update-incident-status-action'?)};</li>
 *   <li>every required property without a default is given, in the URI query, under {@code parameters:}, or in
 *       the configuration as {@code camel.kamelet.NAME.PROPERTY}: {@code kamelet 'x': required property 'token' is
 *       missing};</li>
 *   <li>every property given is one the Kamelet defines (or an option of the kamelet endpoint itself, such as
 *       {@code timeout}): {@code kamelet 'x': unknown property 'baseUrll' (did you mean 'baseUrl'?)}.</li>
 * </ul>
 * All findings are errors: Camel refuses the route, or the action fails on every call.
 */
final class KameletCheck {

    /** Options of the kamelet endpoint itself, not properties of the Kamelet (camel-kamelet component docs). */
    static final Set<String> ENDPOINT_OPTIONS = Set.of("location", "bridgeErrorHandler", "exceptionHandler",
            "exchangePattern", "block", "failIfNoConsumers", "lazyStartProducer", "timeout", "noErrorHandler");

    private final KameletCatalog catalog;
    private final ConfigProperties config;

    KameletCheck(KameletCatalog catalog, ConfigProperties config) {
        this.catalog = catalog;
        this.config = config;
    }

    List<Finding> check(YamlDocument doc) {
        List<Finding> out = new ArrayList<>();
        for (KameletUse use : KameletUse.find(doc)) {
            Optional<KameletCatalog.Kamelet> kamelet = catalog.find(use.name());
            if (kamelet.isEmpty()) {
                out.add(Finding.error(doc.file(), doc.positionIn(use.uri(), use.name()), "kamelet '" + use.name()
                        + "' is not known" + known(use.name())));
                continue;
            }
            KameletCatalog.Kamelet k = kamelet.get();
            for (String property : k.requiredWithoutDefault()) {
                if (use.given(property) == null && !configured(use, property)) {
                    out.add(Finding.error(doc.file(), YamlDocument.start(use.uri()), "kamelet '" + k.name()
                            + "': required property '" + property + "' is missing (give it as ?" + property
                            + "=... in the URI or under parameters:)"));
                }
            }
            for (String option : use.uriOptions().keySet()) {
                unknown(k, option).ifPresent(reason -> out.add(Finding.error(doc.file(),
                        doc.positionIn(use.uri(), option + "="), reason)));
            }
            for (Map.Entry<String, NodeTuple> p : use.parameters().entrySet()) {
                unknown(k, p.getKey()).ifPresent(reason -> out.add(Finding.error(doc.file(),
                        YamlDocument.start(p.getValue().getKeyNode()), reason)));
            }
        }
        return out;
    }

    private Optional<String> unknown(KameletCatalog.Kamelet k, String property) {
        if (k.properties().containsKey(property) || ENDPOINT_OPTIONS.contains(property)) {
            return Optional.empty();
        }
        String hint = NearestName.hint(property, List.copyOf(k.properties().keySet()));
        if (hint.isEmpty()) {
            hint = " (it has: " + String.join(", ", k.properties().keySet()) + ")";
        }
        return Optional.of("kamelet '" + k.name() + "': unknown property '" + property + "'"
                + (k.properties().isEmpty() ? " (it has no properties)" : hint));
    }

    /** Camel also takes Kamelet properties from the configuration: camel.kamelet.NAME[.ROUTE-ID].PROPERTY. */
    private boolean configured(KameletUse use, String property) {
        String prefix = "camel.kamelet." + use.name() + ".";
        return config.defines(prefix + property)
                || (use.routeId() != null && config.defines(prefix + use.routeId() + "." + property));
    }

    private String known(String name) {
        String hint = NearestName.hint(name, List.copyOf(catalog.names()));
        if (hint.startsWith(" (did you mean")) {
            return hint;
        }
        return " (known: " + String.join(", ", catalog.names()) + ", and any " + KameletCatalog.SUFFIX
                + " in the routes folder)";
    }
}
