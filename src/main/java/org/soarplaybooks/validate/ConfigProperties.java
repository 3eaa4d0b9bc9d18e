package org.soarplaybooks.validate;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * What a placeholder can resolve to when the engine runs: the keys of {@code <config>/application.properties},
 * the properties the engine sets itself, and the environment (Camel also looks a key up as an environment variable:
 * {@code contraforce.base-url} as {@code CONTRAFORCE_BASE_URL}).
 *
 * @param file   the properties file, as given
 * @param values its keys and values (empty when it is missing or unreadable)
 * @param env    environment lookup (System::getenv in production)
 */
record ConfigProperties(Path file, Map<String, String> values, UnaryOperator<String> env) {

    /** Properties {@code PlaybookEngine} sets before start: the absolute data and config folders. */
    static final Set<String> ENGINE_SET = Set.of("playbooks.data", "playbooks.config");

    /**
     * Reads {@code file} ({@code java.util.Properties} syntax, UTF-8 as camel-main reads it). A missing or broken
     * file gives no keys; the engine itself refuses to start then, naming the file.
     */
    static ConfigProperties read(Path file, UnaryOperator<String> env) {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException | IllegalArgumentException e) {
            return new ConfigProperties(file, Map.of(), env); // missing or unreadable: nothing is defined
        }
        Map<String, String> values = new java.util.HashMap<>();
        p.stringPropertyNames().forEach(k -> values.put(k, p.getProperty(k)));
        return new ConfigProperties(file, Map.copyOf(values), env);
    }

    /** Whether {@code key} has a value at run time: in the file, set by the engine, or in the environment. */
    boolean defines(String key) {
        return values.containsKey(key) || ENGINE_SET.contains(key) || env.apply(key) != null
                || env.apply(envName(key)) != null
                || env.apply(envName(key.replaceAll("([a-z0-9])([A-Z])", "$1-$2"))) != null;
    }

    /** The file and how many keys it has; never the values (a careless file may hold a secret). */
    @Override
    public String toString() {
        return "ConfigProperties[" + file + ", " + values.size() + " keys]";
    }

    /**
     * The environment variable Camel also reads for a key ({@code IOHelper.lookupEnvironmentVariable}): upper case,
     * {@code .} and {@code -} as {@code _}; a camelCase key is also tried with its words split
     * ({@code my.maxItems} as {@code MY_MAX_ITEMS}).
     */
    static String envName(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }
}
