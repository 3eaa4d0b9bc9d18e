package org.soarplaybooks.engine;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the engine finds its inputs.
 *
 * @param configDir  folder holding {@code application.properties} and {@code mapping.yaml}
 * @param routesDir  folder whose {@code *.camel.yaml} files are the playbooks (loaded from the file system, so
 *                   authors edit them without rebuilding)
 * @param dataDir    the data folder: {@code inbox/}, {@code dead-letter/}, {@code audit/}, {@code state/}
 * @param overrides  property values that win over {@code application.properties} (the demo points the vendor
 *                   base URLs at its simulator this way; tests point them at WireMock)
 * @param reload     whether a saved playbook file is reloaded while the engine runs
 *                   ({@link org.soarplaybooks.engine.reload.PlaybookReloader}); only {@code run} turns it on
 */
public record EngineOptions(Path configDir, Path routesDir, Path dataDir, Map<String, String> overrides,
        boolean reload) {

    public EngineOptions {
        overrides = Map.copyOf(overrides == null ? Map.of() : overrides);
    }

    /** Options without hot reload (the demo, {@code replay}, tests). */
    public EngineOptions(Path configDir, Path routesDir, Path dataDir, Map<String, String> overrides) {
        this(configDir, routesDir, dataDir, overrides, false);
    }

    /** The defaults of the CLI: {@code config/}, {@code routes/}, {@code data/} below the working folder. */
    public static EngineOptions defaults() {
        return new EngineOptions(Path.of("config"), Path.of("routes"), Path.of("data"), Map.of());
    }

    /** A copy with one more override. */
    public EngineOptions withOverride(String key, String value) {
        Map<String, String> m = new LinkedHashMap<>(overrides);
        m.put(key, value);
        return new EngineOptions(configDir, routesDir, dataDir, m, reload);
    }

    /** A copy with hot reload of the playbook files on or off. */
    public EngineOptions withReload(boolean on) {
        return new EngineOptions(configDir, routesDir, dataDir, overrides, on);
    }

    public Path applicationProperties() {
        return configDir.resolve("application.properties");
    }

    public Path mappingFile() {
        return configDir.resolve("mapping.yaml");
    }
}
