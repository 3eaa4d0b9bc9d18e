package org.soarplaybooks.engine;

import org.apache.camel.CamelContext;
import org.apache.camel.dsl.yaml.YamlRoutesBuilderLoader;
import org.apache.camel.impl.engine.DefaultRoutesLoader;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.service.ServiceHelper;

/**
 * Camel's YAML DSL loader for the playbook files ({@code *.camel.yaml}), loading each file once and creating each
 * of its {@code - beans:} beans once.
 *
 * <p>Camel 4.18 "pre-parses" every routes file before it loads them (twice at start: once while camel-main
 * auto-configures, once more just before the load), creating the file's beans early. Its YAML loader forgets those
 * beans whenever it finishes loading a file, so the load made every bean of a later file again: the webhooks'
 * {@code initMethod} ran twice at start (two "webhook /webhooks/... is enabled" lines, two event ledgers and audit
 * writers, the first one left open) and each file was parsed three times. Here the pre-parse does nothing: the load
 * creates a file's beans before it reads that file's routes, and routes are built only once every file is loaded,
 * so a route may still use a bean of any file. What the pre-parse is for besides (Camel K modelines and
 * {@code Integration} / {@code Pipe} resources, beans named in {@code camel.component.*} settings) playbooks do not
 * use. The same holds for a hot reload, which goes through this loader too.
 */
public final class PlaybookYamlLoader extends YamlRoutesBuilderLoader {

    /** File extensions this loader is registered for (Camel looks a loader up by the file's extension). */
    private static final String[] EXTENSIONS = {"camel.yaml", "yaml"};

    /**
     * Makes this the loader of {@code *.camel.yaml} and {@code *.yaml} routes files of {@code context}; call before
     * camel-main configures the routes (a {@code beforeConfigure} main listener).
     */
    public static void install(CamelContext context) {
        PlaybookYamlLoader loader = new PlaybookYamlLoader();
        loader.setCamelContext(context);
        ServiceHelper.startService(loader);
        for (String extension : EXTENSIONS) {
            context.getRegistry().bind(DefaultRoutesLoader.ROUTES_LOADER_KEY_PREFIX + extension, loader);
        }
    }

    /** Does nothing: the load itself creates the file's beans, once (see the class comment). */
    @Override
    public void preParseRoute(Resource resource) {
        // nothing
    }
}
