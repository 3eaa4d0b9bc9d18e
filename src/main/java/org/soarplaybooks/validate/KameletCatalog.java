package org.soarplaybooks.validate;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.soarplaybooks.io.BundledFiles;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * The Kamelets a playbook may use, by the name {@code kamelet:NAME} refers to (the file name without
 * {@code .kamelet.yaml}, which is how Camel finds them): those shipped in the jar ({@code kamelets/} on the class
 * path, each read once per process when first used) and any {@code *.kamelet.yaml} in the routes folder (read on
 * every call, so edits count). A routes-folder Kamelet with the name of a shipped one replaces it.
 *
 * <p>Of each Kamelet it keeps {@code spec.definition.properties} (name → {@code default}, if any) and
 * {@code spec.definition.required}. A Kamelet file that is not readable YAML is left out here (validating that
 * file reports why).
 */
final class KameletCatalog {

    /** The folder on the class path the engine loads Kamelets from ({@code camel.component.kamelet.location}). */
    static final String CLASSPATH_FOLDER = "kamelets";
    static final String SUFFIX = ".kamelet.yaml";

    /**
     * One Kamelet's interface.
     *
     * @param name       as in {@code kamelet:NAME}
     * @param properties property name → its default (null when it has none), in definition order
     * @param required   the properties {@code spec.definition.required} lists
     */
    record Kamelet(String name, Map<String, String> properties, Set<String> required) {

        /** Required properties without a default: a use must give them (or the configuration must). */
        List<String> requiredWithoutDefault() {
            return required.stream().filter(p -> properties.get(p) == null).toList();
        }
    }

    /** Shipped Kamelets by name, read on first use (as Camel does: {@code classpath:kamelets/NAME.kamelet.yaml}). */
    private static final Map<String, Optional<Kamelet>> SHIPPED = new ConcurrentHashMap<>();

    /** The names of the shipped Kamelets: listing the jar costs time, so only for messages about unknown ones. */
    private static final class ShippedNames {
        static final Set<String> NAMES = BundledFiles.list(CLASSPATH_FOLDER).stream()
                .filter(f -> f.endsWith(SUFFIX)).map(KameletCatalog::nameOf).collect(Collectors.toUnmodifiableSet());
    }

    private final Map<String, Kamelet> custom;

    private KameletCatalog(Map<String, Kamelet> custom) {
        this.custom = custom;
    }

    /** The shipped Kamelets plus those in {@code routesDir} (which need not exist). */
    static KameletCatalog of(Path routesDir) {
        Map<String, Kamelet> custom = new TreeMap<>();
        if (routesDir != null && Files.isDirectory(routesDir)) {
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(routesDir, "*" + SUFFIX)) {
                for (Path f : ds) {
                    try {
                        parse(nameOf(f.getFileName().toString()), Files.readString(f, StandardCharsets.UTF_8))
                                .ifPresent(k -> custom.put(k.name(), k));
                    } catch (IOException e) {
                        // unreadable: validating that file says so
                    }
                }
            } catch (IOException e) {
                // no custom Kamelets can be listed; the shipped ones still count
            }
        }
        return new KameletCatalog(Map.copyOf(custom));
    }

    /** The Kamelet {@code kamelet:NAME} refers to, if known: the routes folder's, else the shipped one. */
    Optional<Kamelet> find(String name) {
        Kamelet own = custom.get(name);
        if (own != null) {
            return Optional.of(own);
        }
        if (name.isEmpty() || name.contains("/") || name.contains("\\")) {
            return Optional.empty();
        }
        return SHIPPED.computeIfAbsent(name, KameletCatalog::readShipped);
    }

    /** All known names, sorted. */
    Set<String> names() {
        Set<String> all = new TreeSet<>(ShippedNames.NAMES);
        all.addAll(custom.keySet());
        return all;
    }

    private static Optional<Kamelet> readShipped(String name) {
        String resource = CLASSPATH_FOLDER + "/" + name + SUFFIX;
        try (InputStream in = KameletCatalog.class.getClassLoader().getResourceAsStream(resource)) {
            return in == null ? Optional.empty()
                    : parse(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    static String nameOf(String fileName) {
        return fileName.substring(0, fileName.length() - SUFFIX.length());
    }

    /** A Kamelet's interface from its YAML text; empty when the text is not YAML. */
    static Optional<Kamelet> parse(String name, String yaml) {
        JsonNode root;
        try {
            root = new Compose(LoadSettings.builder().setLabel(name).build()).composeString(yaml)
                    .map(KameletCatalog::toJson).orElse(null);
        } catch (YamlEngineException e) {
            return Optional.empty();
        }
        if (root == null) {
            return Optional.empty();
        }
        return Optional.of(fromJson(name, root));
    }

    private static JsonNode toJson(org.snakeyaml.engine.v2.nodes.Node node) {
        return YamlDocument.jsonOf(node);
    }

    /** The interface of a Kamelet document already parsed. */
    static Kamelet fromJson(String name, JsonNode root) {
        JsonNode definition = root.path("spec").path("definition");
        Map<String, String> properties = new LinkedHashMap<>();
        definition.path("properties").properties().forEach(e -> {
            JsonNode dflt = e.getValue().get("default");
            properties.put(e.getKey(), dflt == null || dflt.isNull() ? null : dflt.asText());
        });
        List<String> required = new ArrayList<>();
        definition.path("required").forEach(r -> required.add(r.asText()));
        return new Kamelet(name, java.util.Collections.unmodifiableMap(properties), Set.copyOf(required));
    }
}
