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
import org.soarplaybooks.demo.BundledFiles;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * The Kamelets a playbook may use, by the name {@code kamelet:NAME} refers to (the file name without
 * {@code .kamelet.yaml}, which is how Camel finds them): those shipped in the jar ({@code kamelets/} on the class
 * path, read once per process) and any {@code *.kamelet.yaml} in the routes folder (read on every call, so edits
 * count). A routes-folder Kamelet with the name of a shipped one replaces it.
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

    private static final class Shipped {
        static final Map<String, Kamelet> KAMELETS = loadShipped();
    }

    private final Map<String, Kamelet> kamelets;

    private KameletCatalog(Map<String, Kamelet> kamelets) {
        this.kamelets = kamelets;
    }

    /** The shipped Kamelets plus those in {@code routesDir} (which need not exist). */
    static KameletCatalog of(Path routesDir) {
        Map<String, Kamelet> all = new TreeMap<>(Shipped.KAMELETS);
        if (routesDir != null && Files.isDirectory(routesDir)) {
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(routesDir, "*" + SUFFIX)) {
                for (Path f : ds) {
                    try {
                        parse(nameOf(f.getFileName().toString()), Files.readString(f, StandardCharsets.UTF_8))
                                .ifPresent(k -> all.put(k.name(), k));
                    } catch (IOException e) {
                        // unreadable: validating that file says so
                    }
                }
            } catch (IOException e) {
                // no custom Kamelets can be listed; the shipped ones still count
            }
        }
        return new KameletCatalog(Map.copyOf(all));
    }

    /** The Kamelet {@code kamelet:NAME} refers to, if known. */
    Optional<Kamelet> find(String name) {
        return Optional.ofNullable(kamelets.get(name));
    }

    /** All known names, sorted. */
    Set<String> names() {
        return new TreeSet<>(kamelets.keySet());
    }

    private static Map<String, Kamelet> loadShipped() {
        Map<String, Kamelet> out = new LinkedHashMap<>();
        for (String file : BundledFiles.list(CLASSPATH_FOLDER)) {
            if (!file.endsWith(SUFFIX)) {
                continue;
            }
            String resource = CLASSPATH_FOLDER + "/" + file;
            try (InputStream in = KameletCatalog.class.getClassLoader().getResourceAsStream(resource)) {
                if (in != null) {
                    parse(nameOf(file), new String(in.readAllBytes(), StandardCharsets.UTF_8))
                            .ifPresent(k -> out.put(k.name(), k));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + resource, e);
            }
        }
        return Map.copyOf(out);
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
