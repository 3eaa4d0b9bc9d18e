package org.soarplaybooks.runtime.broker;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.soarplaybooks.core.queue.QueueClient;
import org.soarplaybooks.core.queue.QueueUnavailableException;

/**
 * The engine's broker for its lifetime: {@link #open} (while the engine configures, before any trigger or playbook
 * starts) starts the embedded broker in {@code <data>/broker/}, or checks that the external one answers, and points
 * the engine's {@link QueueClient} at it. As a Camel service added to the context it is stopped after every route:
 * the playbooks' consumers have committed or given their messages back by then, and the broker's journal keeps
 * whatever is still queued.
 */
public final class BrokerService extends ServiceSupport {

    private static final Logger LOG = LoggerFactory.getLogger("soar.broker");

    private final Path brokerDir;
    private final QueueClient client;
    private final MeterRegistry registry;
    private EmbeddedBroker embedded;
    private BrokerSettings settings;

    /**
     * @param brokerDir the embedded broker's folder, {@code <data>/broker}
     * @param client    the engine's client, named by {@link #open}
     * @param registry  the engine's meter registry: the embedded broker's queue meters go there
     *                  ({@link BrokerMetrics}); an external broker publishes its own
     */
    public BrokerService(Path brokerDir, QueueClient client, MeterRegistry registry) {
        this.brokerDir = brokerDir;
        this.client = client;
        this.registry = registry;
    }

    /**
     * Starts the embedded broker, or connects to the external one once.
     *
     * @throws BrokerException when the embedded broker cannot start, or the external one refuses the account
     */
    public synchronized void open(BrokerSettings settings) {
        this.settings = settings;
        if (settings.embedded()) {
            long start = System.nanoTime();
            embedded = EmbeddedBroker.start(brokerDir, settings, registry);
            client.use(embedded.url(), null, null);
            LOG.debug("embedded broker started in {} ms, journal in {}", (System.nanoTime() - start) / 1_000_000,
                    brokerDir);
            return;
        }
        client.use(settings.url(), settings.user(), settings.password());
        try {
            client.connect();
            LOG.info("using the {}", settings);
        } catch (SecurityException e) {
            throw new BrokerException(e.getMessage(), e);
        } catch (QueueUnavailableException e) {
            // not fatal: triggers answer 503 or wait, and everything resumes once the broker answers
            LOG.warn("the {} does not answer yet ({}); webhooks answer 503 and inbox files wait until it does",
                    settings, e.getMessage());
        }
    }

    /** The embedded broker, or null when the engine uses an external one. */
    public EmbeddedBroker embedded() {
        return embedded;
    }

    /** The settings {@link #open} used, or null before. */
    public BrokerSettings settings() {
        return settings;
    }

    @Override
    protected void doStart() {
        // opened while the engine configured
    }

    @Override
    protected synchronized void doStop() {
        client.close();
        if (embedded != null) {
            embedded.close();
            embedded = null;
        }
    }
}
