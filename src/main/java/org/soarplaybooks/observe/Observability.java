package org.soarplaybooks.observe;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import org.apache.camel.CamelContext;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.soarplaybooks.audit.AuditLog;
import org.soarplaybooks.vendor.circuit.VendorCircuits;

/**
 * Health and metrics of one engine: the vendor circuits, the readiness checks, and the Prometheus registry the
 * audit trail feeds.
 *
 * <p>Registry names: {@value VendorCircuits#BEAN} (the circuits, for {@code HttpAction} and the retry policy),
 * {@code metricsRegistry} (the {@link PrometheusMeterRegistry}; camel-micrometer-prometheus, enabled by
 * {@code camel.metrics.enabled}, finds it under that name, adds Camel's own route meters to it and serves it at
 * {@code /observe/metrics}), and one {@code HealthCheck} bean per readiness check (Camel's health-check registry
 * picks up every {@code HealthCheck} in the registry).
 *
 * <p>Settings, read when Camel has resolved its properties: {@code playbooks.circuit.failure-threshold} (failed
 * calls in a row, default 5) and {@code playbooks.circuit.open-for} (milliseconds, default 30000).
 */
public final class Observability {

    /** The name camel-micrometer-prometheus looks the meter registry up by. */
    public static final String METRICS_REGISTRY = "metricsRegistry";

    private final Path dataDir;
    private final VendorCircuits circuits;
    private final PrometheusMeterRegistry registry;
    private final PlaybookMetrics metrics;

    private Observability(Path dataDir, VendorCircuits circuits, PrometheusMeterRegistry registry,
                          PlaybookMetrics metrics) {
        this.dataDir = dataDir;
        this.circuits = circuits;
        this.registry = registry;
        this.metrics = metrics;
    }

    /**
     * Creates the circuits (default settings until the engine's properties are read) and the meters, and makes the
     * audit log feed the meters.
     *
     * @param dataDir the data folder
     */
    public static Observability create(Path dataDir, AuditLog audit) {
        VendorCircuits circuits = new VendorCircuits();
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        PlaybookMetrics metrics = new PlaybookMetrics(registry, dataDir.resolve("dead-letter"), circuits);
        audit.setListener(metrics);
        return new Observability(dataDir, circuits, registry, metrics);
    }

    /** Binds the circuits, the meter registry and the readiness checks; reads the circuit settings at configure. */
    public void bindTo(Main main) {
        main.bind(VendorCircuits.BEAN, circuits);
        main.bind(METRICS_REGISTRY, registry);
        main.bind("dataFolderReadiness", new DataFolderCheck(dataDir));
        circuits.forEachCircuit(c -> main.bind("circuitReadiness" + c.vendor(), new VendorCircuitCheck(c)));
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void afterConfigure(BaseMainSupport m) {
                CamelContext context = m.getCamelContext();
                circuits.configure(
                        Integer.parseInt(setting(context, "playbooks.circuit.failure-threshold", "5")),
                        Long.parseLong(setting(context, "playbooks.circuit.open-for", "30000")));
            }
        });
    }

    private static String setting(CamelContext context, String key, String fallback) {
        return context.resolvePropertyPlaceholders("{{" + key + ":" + fallback + "}}").strip();
    }

    public VendorCircuits circuits() {
        return circuits;
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    public PlaybookMetrics metrics() {
        return metrics;
    }
}
