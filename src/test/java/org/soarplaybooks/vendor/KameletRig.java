package org.soarplaybooks.vendor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.soarplaybooks.audit.AuditLog;
import org.soarplaybooks.audit.AuditRecord;
import org.soarplaybooks.deadletter.DeadLetter;
import org.soarplaybooks.engine.EngineOptions;
import org.soarplaybooks.engine.PlaybookBeans;
import org.soarplaybooks.engine.PlaybookEngine;
import org.soarplaybooks.problem.VendorCallException;

/**
 * Drives one Kamelet action in a real {@link PlaybookEngine} (shipped {@code config/}, Kamelets from the classpath)
 * through two tiny routes written to a temporary routes folder:
 * <ul>
 *   <li>{@code direct:action} → the Kamelet, no error handler: a failure comes back on the exchange;</li>
 *   <li>{@code direct:playbook} (route id {@code test-playbook}) → the Kamelet with
 *       {@code routeConfigurationId: error-handlers} (the shipped file is copied beside it): a failed call becomes
 *       dead letters, as in a playbook.</li>
 * </ul>
 * Each route gets its own Kamelet route ({@code kamelet:<name>/<routeId>}): a Kamelet route takes the error handler
 * of the route that created it, and without a route id both callers would share the first one's.
 */
public final class KameletRig implements AutoCloseable {

    public static final ObjectMapper JSON = PlaybookBeans.newMapper();

    private final PlaybookEngine engine;
    private final ProducerTemplate template;
    private final Path data;

    private KameletRig(PlaybookEngine engine, Path data) {
        this.engine = engine;
        this.template = engine.context().createProducerTemplate();
        this.data = data;
    }

    /**
     * @param kamelet   e.g. {@code onetrust-update-incident-action}
     * @param work      an empty temporary folder (routes and data go below it)
     * @param overrides property overrides, e.g. {@code onetrust.base-url}
     */
    public static KameletRig start(String kamelet, Path work, Map<String, String> overrides) {
        try {
            Path routes = Files.createDirectories(work.resolve("routes"));
            Files.copy(Path.of("routes/error-handlers.camel.yaml"), routes.resolve("error-handlers.camel.yaml"));
            Files.writeString(routes.resolve("test-routes.camel.yaml"), """
                    - route:
                        id: test-action
                        from:
                          id: test-action-in
                          uri: direct:action
                          steps:
                            - to:
                                id: test-action-call
                                uri: kamelet:%1$s/test-action-kamelet
                    - route:
                        id: test-playbook
                        routeConfigurationId: error-handlers
                        from:
                          id: test-playbook-in
                          uri: direct:playbook
                          steps:
                            - to:
                                id: test-playbook-call
                                uri: kamelet:%1$s/test-playbook-kamelet
                    """.formatted(kamelet));
            Path data = work.resolve("data");
            PlaybookEngine engine = new PlaybookEngine(new EngineOptions(Path.of("config"), routes, data, overrides));
            engine.configure().start();
            return new KameletRig(engine, data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends {@code body} to {@code direct:action} and returns the exchange (answer or exception on it). */
    public Exchange action(Object body) {
        return template.send("direct:action", e -> e.getMessage().setBody(body));
    }

    /** Sends {@code body} to {@code direct:playbook} (failures become dead letters). */
    public Exchange playbook(Object body) {
        return template.send("direct:playbook", e -> e.getMessage().setBody(body));
    }

    /** The {@link VendorCallException} on the exchange (anywhere in the cause chain), or null. */
    public static VendorCallException vendorFailure(Exchange exchange) {
        for (Throwable t = exchange.getException(); t != null; t = t.getCause()) {
            if (t instanceof VendorCallException v) {
                return v;
            }
        }
        return null;
    }

    public List<AuditRecord> audit() {
        return new AuditLog(data.resolve("audit"), JSON).readAll();
    }

    public List<DeadLetter> deadLetters() {
        return engine.beans().deadLetters().list();
    }

    public Path data() {
        return data;
    }

    public PlaybookEngine engine() {
        return engine;
    }

    /** Parses JSON text. */
    public static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        engine.close();
    }
}
