package org.soarplaybooks.playbook;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;
import org.soarplaybooks.core.queue.IncidentMessages;
import org.soarplaybooks.core.queue.QueueClient;
import org.soarplaybooks.outcome.Outcomes;

/**
 * The {@code incidents:} trigger of a playbook: {@code from: incidents:<playbook>} takes the playbook's incidents
 * from its queue ({@code playbook.<playbook>} on the broker), see {@link IncidentsEndpoint} for the options and
 * {@link IncidentsConsumer} for what happens to each message. Registered by the engine as {@code incidents}.
 */
public final class IncidentsComponent extends DefaultComponent {

    private final QueueClient queues;
    private final IncidentMessages messages;
    private final Outcomes outcomes;
    private final Path dataDir;
    private int consumers = 8;
    private final Set<IncidentsConsumer> running = ConcurrentHashMap.newKeySet();
    private final AtomicReference<String> fatal = new AtomicReference<>();

    /**
     * @param dataDir the engine's data folder: after a run whose outcome could not be recorded, consumers take
     *                nothing while it takes no writes
     */
    public IncidentsComponent(QueueClient queues, IncidentMessages messages, Outcomes outcomes,
            Path dataDir) {
        this.queues = queues;
        this.messages = messages;
        this.outcomes = outcomes;
        this.dataDir = dataDir;
    }

    Path dataDir() {
        return dataDir;
    }

    /** Default number of consumers per playbook ({@code playbooks.consumers}). */
    public void setConsumers(int consumers) {
        if (consumers < 1) {
            throw new IllegalArgumentException("playbooks.consumers must be at least 1, not " + consumers);
        }
        this.consumers = consumers;
    }

    public int getConsumers() {
        return consumers;
    }

    QueueClient queues() {
        return queues;
    }

    IncidentMessages messages() {
        return messages;
    }

    Outcomes outcomes() {
        return outcomes;
    }

    /**
     * Incidents waiting in the queues of the playbooks loaded now (waiting, scheduled for a retry, or being run);
     * 0 when every queue is empty.
     *
     * @throws org.soarplaybooks.core.queue.QueueUnavailableException when the broker cannot be reached
     */
    public long backlog() {
        long n = 0;
        for (IncidentsConsumer c : running) {
            n += c.holding();
        }
        for (String queue : playbookQueues()) {
            n += Math.max(0, this.queues.messageCount(queue));
        }
        return n;
    }

    /**
     * Every playbook stops taking incidents from its queue at once; runs in progress go on to their commit. What is
     * left stays on the queues for the next start.
     */
    public void stopTaking() {
        running.forEach(IncidentsConsumer::stopTaking);
    }

    /**
     * The first fatal error of a playbook's consumer ({@code OutOfMemoryError} or another JVM error), as one line
     * naming the playbook, the error and what to do; null while there was none. Readiness reads it
     * ({@code observe.QueueCheck}); it stays set until the engine restarts.
     */
    public String fatalError() {
        return fatal.get();
    }

    /**
     * Records a consumer's fatal error: logged once (the first; later ones only at debug), and readiness goes DOWN.
     * The incidents the consumer held go back to the queue.
     */
    void fatal(String playbook, Error error) {
        String line = playbook + ": a consumer stopped on " + error + "; its incidents went back to the queue."
                + (error instanceof OutOfMemoryError
                        ? " Restart the engine with more heap (-Xmx) or fewer consumers (playbooks.consumers)."
                        : " Restart the engine; if it happens again, report it with this line.");
        if (fatal.compareAndSet(null, line)) {
            org.slf4j.LoggerFactory.getLogger("soar.queue").error(line);
        } else {
            org.slf4j.LoggerFactory.getLogger("soar.queue").debug(line);
        }
    }

    void register(IncidentsConsumer consumer) {
        running.add(consumer);
    }

    void unregister(IncidentsConsumer consumer) {
        running.remove(consumer);
    }

    /** The queues of the playbooks loaded now, by playbook id. */
    public SortedSet<String> playbookQueues() {
        SortedSet<String> out = new TreeSet<>();
        if (getCamelContext() == null) {
            return out; // no playbook has used the component yet
        }
        for (Endpoint e : getCamelContext().getEndpoints()) {
            if (e instanceof IncidentsEndpoint ie) {
                out.add(ie.queue());
            }
        }
        return out;
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        IncidentsEndpoint endpoint = new IncidentsEndpoint(uri, this, remaining);
        boolean consumersGiven = parameters.containsKey("consumers");
        setProperties(endpoint, parameters);
        if (!consumersGiven) {
            // a playbook that batches takes its incidents with one consumer unless told otherwise: several would
            // each take a share of a burst, and the vendor would get several small calls instead of one
            endpoint.setConsumers(endpoint.getBatchSize() > 1 ? 1 : consumers);
        }
        return endpoint;
    }
}
