package org.soarplaybooks.runtime.broker;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.MetricsConfiguration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressFullMessagePolicy;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.soarplaybooks.core.queue.PlaybookQueues;

/**
 * The engine's own ActiveMQ Artemis broker, used when {@code PLAYBOOKS_BROKER_URL} is empty: in the engine's JVM,
 * reachable only in-VM ({@code vm://<n>}; it opens no network port and needs no account), with its durable journal
 * in {@code <data>/broker/} ({@code bindings/}, {@code journal/}, {@code paging/}, {@code large-messages/}).
 *
 * <p>Settings of every playbook queue ({@code playbook.#}, see {@link PlaybookQueues}):
 * <ul>
 *   <li>duplicate detection: the last {@link BrokerSettings#duplicateIds()} ids per queue are remembered, on disk
 *       (they survive a restart);</li>
 *   <li>memory: at most {@link BrokerSettings#maxMemoryBytes()} bytes of messages in memory for all queues
 *       together, and at most an eighth of the heap ({@link #memoryFor}); beyond it messages are paged to
 *       {@code paging/} (never refused, never lost);</li>
 *   <li>redelivery of a message whose consumer rolled back (the engine stopped or crashed while it ran): after 1 s,
 *       doubling up to 60 s, never to a broker dead-letter address (the engine dead-letters a message that keeps
 *       coming back itself, with the reason, see {@code playbook.IncidentsConsumer}).</li>
 * </ul>
 * A webhook's address ({@code webhook.#}) holds no queue: the broker remembers the last
 * {@link BrokerSettings#webhookEvents()} event ids of each webhook, on disk, to refuse a re-delivery.
 *
 * <p>The disk-usage guard of Artemis (which blocks every producer when the disk is 90 % full) is off: a full disk makes
 * a send fail, and the trigger that sent it answers or retries as for any broker failure.
 */
public final class EmbeddedBroker implements AutoCloseable {

    private static final AtomicInteger SERVER_IDS = new AtomicInteger();

    /**
     * The longest a commit waits for the journal's next flush and fsync, nanoseconds. Artemis's NIO default (3.33
     * ms, 300 flushes a second) is sized for slow disks; a webhook answers 202 only after its commit is synced, so
     * at concurrency 1 every delivery waited for it. 0.2 ms allows up to 5,000 flushes a second, each one shared by
     * every commit that arrived meanwhile (what {@code artemis create} measures for a disk that syncs in well under
     * a millisecond).
     */
    static final int JOURNAL_BUFFER_TIMEOUT_NANOS = 200_000;

    private final EmbeddedActiveMQ server;
    private final String url;

    private EmbeddedBroker(EmbeddedActiveMQ server, String url) {
        this.server = server;
        this.url = url;
    }

    /**
     * Bytes of messages the broker holds in memory before paging: {@code playbooks.broker.max-memory}, but at most
     * an eighth of the heap ({@code -Xmx}). Artemis counts a message's encoded size, and a message in memory takes a
     * few times that on the heap (its buffer, properties and references), so 64 MiB of a backlog filled a 128 MiB
     * heap (LargeInboxFileTest: OutOfMemoryError behind a 140 MB inbox file).
     *
     * @param configured bytes from the setting
     * @param maxHeap    bytes the JVM may use ({@link Runtime#maxMemory()})
     */
    static long memoryFor(long configured, long maxHeap) {
        return Math.max(1L << 20, Math.min(configured, maxHeap / 8));
    }

    /**
     * Starts a broker with its journal in {@code dir}.
     *
     * @return the running broker; {@link #url()} is where clients of this JVM reach it
     * @throws BrokerException when it cannot start (the folder cannot be written, the journal is damaged)
     */
    public static EmbeddedBroker start(Path dir, BrokerSettings settings) {
        return start(dir, settings, null);
    }

    /**
     * Starts a broker with its journal in {@code dir} whose meters go to {@code registry} ({@link BrokerMetrics};
     * the JVM meters stay the engine's own).
     *
     * @param registry the engine's meter registry, or null for none
     * @throws BrokerException when it cannot start (the folder cannot be written, the journal is damaged)
     */
    public static EmbeddedBroker start(Path dir, BrokerSettings settings, MeterRegistry registry) {
        int id = SERVER_IDS.incrementAndGet(); // in-VM ids are per JVM: tests run several engines in one
        String url = "vm://" + id;
        Configuration config = new ConfigurationImpl()
                .setName("soar-playbooks")
                .setPersistenceEnabled(true)
                .setSecurityEnabled(false) // in-VM only: no port, so no one else can connect
                .setJMXManagementEnabled(false)
                .setJournalType(JournalType.NIO)
                .setJournalBufferTimeout_NIO(JOURNAL_BUFFER_TIMEOUT_NANOS)
                .setBindingsDirectory(dir.resolve("bindings").toString())
                .setJournalDirectory(dir.resolve("journal").toString())
                .setPagingDirectory(dir.resolve("paging").toString())
                .setLargeMessagesDirectory(dir.resolve("large-messages").toString())
                .setCreateBindingsDir(true)
                .setCreateJournalDir(true)
                .setPersistIDCache(true)
                .setGlobalMaxSize(memoryFor(settings.maxMemoryBytes(), Runtime.getRuntime().maxMemory()))
                .setMaxDiskUsage(-1);
        if (registry != null) {
            config.setMetricsConfiguration(new MetricsConfiguration().setPlugin(new BrokerMetrics(registry))
                    .setJvmMemory(false)); // the engine's own JVM meters are there already
        }
        try {
            config.addAcceptorConfiguration("in-vm", url);
        } catch (Exception e) {
            throw new BrokerException("cannot set up the in-VM acceptor " + url + ": " + e.getMessage(), e);
        }
        config.addAddressSetting(PlaybookQueues.ADDRESS_MATCH, new AddressSettings()
                .setIDCacheSize(settings.duplicateIds())
                .setAddressFullMessagePolicy(AddressFullMessagePolicy.PAGE)
                .setMaxDeliveryAttempts(-1)
                .setRedeliveryDelay(1_000)
                .setRedeliveryMultiplier(2.0)
                .setMaxRedeliveryDelay(60_000)
                .setAutoCreateQueues(false)
                .setAutoCreateAddresses(false));
        // a webhook's address: no queue, only the duplicate ids of its deliveries
        config.addAddressSetting("webhook.#", new AddressSettings()
                .setIDCacheSize(settings.webhookEvents())
                .setAutoCreateQueues(false)
                .setAutoCreateAddresses(false));
        EmbeddedActiveMQ server = new EmbeddedActiveMQ().setConfiguration(config);
        try {
            server.start();
        } catch (Exception e) {
            stopQuietly(server);
            throw new BrokerException(dir + ": cannot start the embedded broker: " + BrokerException.reasonOf(e), e);
        }
        return new EmbeddedBroker(server, url);
    }

    /** Where clients in this JVM reach the broker, e.g. {@code vm://1}. */
    public String url() {
        return url;
    }

    /** The running server, for its metrics and queue figures. */
    public ActiveMQServer server() {
        return server.getActiveMQServer();
    }

    /** Stops the broker; the journal keeps every message not yet acknowledged. */
    @Override
    public void close() {
        stopQuietly(server);
    }

    private static void stopQuietly(EmbeddedActiveMQ server) {
        try {
            server.stop();
        } catch (Exception ignored) {
            // stopping: nothing left to do with a broker that will not stop cleanly
        }
    }
}
