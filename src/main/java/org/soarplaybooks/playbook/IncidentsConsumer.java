package org.soarplaybooks.playbook;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.activemq.artemis.api.core.ActiveMQException;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.api.core.client.ClientConsumer;
import org.apache.activemq.artemis.api.core.client.ClientMessage;
import org.apache.activemq.artemis.api.core.client.ClientProducer;
import org.apache.activemq.artemis.api.core.client.ClientSession;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.DefaultConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.soarplaybooks.core.queue.IncidentMessage;
import org.soarplaybooks.core.queue.IncidentMessages;
import org.soarplaybooks.core.queue.QueueUnavailableException;
import org.soarplaybooks.incident.Incident;
import org.soarplaybooks.incident.IncidentJson;
import org.soarplaybooks.outcome.ActionContext;
import org.soarplaybooks.outcome.Outcomes;
import org.soarplaybooks.outcome.QueuedIncidents;

/**
 * Takes a playbook's incidents from its queue and runs the playbook on them, {@code consumers} runs at a time.
 *
 * <p>Each consumer has its own transacted session. One run: take one message (or, with {@code batchSize} above 1,
 * up to that many, waiting at most {@code batchTimeout} ms for more), run the playbook route on them (body: the
 * {@code List<Incident>}, or their JSON with {@code body=json}), then, in the same transaction as the acknowledgements:
 * <ul>
 *   <li>each incident whose vendor call is to be tried again (the retry policy decided so; see
 *       {@link QueuedIncidents#retryLater}) goes back to the queue as a new message, scheduled for after the wait
 *       ({@code _AMQ_SCHED_DELIVERY}), its failed attempts counted in the message; no thread waits meanwhile;</li>
 *   <li>a run that failed outside a vendor call (a value the mapping file does not map, say) is run again one
 *       half of its incidents at a time, down to the one incident that fails, which becomes its own dead letter
 *       with the reason: one bad incident never holds back another;</li>
 *   <li>a message that is not a canonical incident, or that came back {@value #MAX_DELIVERIES} times without an
 *       outcome (the engine stopped or died while it ran each time), becomes a dead letter too.</li>
 * </ul>
 * The commit comes last, once every outcome is recorded (audit records, dead letters): a crash before it gives the
 * messages back to the queue, so an incident is never lost, and is sent again only if the crash came after its
 * vendor call. When recording an outcome fails (the disk is full), the transaction is rolled back: the messages
 * come back later (after the broker's redelivery delay), and nothing was acknowledged.
 *
 * <p>Order: {@link OrderGuard} runs one incident's messages one after the other, in the order they arrived, also
 * across retries; messages of other incidents run meanwhile.
 *
 * <p>Stopping: the consumers stop taking messages; a run in progress finishes and commits (Camel's shutdown
 * timeout bounds it); what is not committed by then goes back to the queue.
 */
public final class IncidentsConsumer extends DefaultConsumer {

    /** Deliveries of one message without an outcome before it is dead-lettered. */
    static final int MAX_DELIVERIES = 10;

    /** Message property: the ticket of a message sent back ({@link OrderGuard}), kept so it keeps its turn. */
    static final String TICKET = "orderTicket";

    /** Message property: how many times a message was sent back to wait for its turn. */
    static final String WAITS = "orderWaits";

    /** The first wait of a message whose turn has not come, milliseconds; doubled each time, up to 2 s. */
    static final long WAIT_MILLIS = 25;

    private static final Logger LOG = LoggerFactory.getLogger("soar.queue");
    private static final long RECONNECT_WAIT_MILLIS = 1_000;

    private final IncidentsEndpoint endpoint;
    private final OrderGuard guard = new OrderGuard();
    /** Fair: a worker waiting for its turn gets it before one that just had one. */
    private final ReentrantLock takeLock = new ReentrantLock(true);
    private final AtomicInteger running = new AtomicInteger();
    private ExecutorService workers;
    private volatile boolean taking;
    private volatile boolean brokerDownLogged;
    private final QueueTake take;
    private final DataFolderGate dataFolder;

    IncidentsConsumer(IncidentsEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        this.endpoint = endpoint;
        this.take = new QueueTake(endpoint);
        this.dataFolder = new DataFolderGate(endpoint.playbook(), endpoint.getComponent().dataDir());
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        endpoint.getComponent().register(this);
        try {
            endpoint.getComponent().queues().ensureQueue(endpoint.queue());
        } catch (QueueUnavailableException e) {
            // the consumers keep trying; a webhook meanwhile answers 503 and file inboxes wait
            brokerDown(e);
        }
        taking = true;
        int n = endpoint.getConsumers();
        workers = getEndpoint().getCamelContext().getExecutorServiceManager()
                .newFixedThreadPool(this, "incidents-" + endpoint.playbook(), n);
        for (int i = 0; i < n; i++) {
            workers.execute(this::work);
        }
    }

    /**
     * Stops taking messages at once (a run in progress goes on to its commit); the engine calls it as soon as it is
     * told to stop, before Camel stops the routes one by one.
     */
    void stopTaking() {
        taking = false;
    }

    @Override
    protected void doStop() throws Exception {
        taking = false;
        endpoint.getComponent().unregister(this);
        if (workers != null) {
            workers.shutdown();
            long timeout = getEndpoint().getCamelContext().getShutdownStrategy().getTimeout();
            TimeUnit unit = getEndpoint().getCamelContext().getShutdownStrategy().getTimeUnit();
            if (!workers.awaitTermination(timeout, unit)) {
                // runs still going: their sessions close uncommitted, so their messages go back to the queue
                getEndpoint().getCamelContext().getExecutorServiceManager().shutdownNow(workers);
            }
            workers = null;
        }
        super.doStop();
    }

    /** One consumer: its own session, until the consumer stops. */
    private void work() {
        ClientSession session = null;
        try {
            while (taking) {
                ClientConsumer consumer;
                ClientProducer producer;
                try {
                    if (session == null || session.isClosed()) {
                        session = endpoint.getComponent().queues().newSession();
                        endpoint.getComponent().queues().ensureQueue(endpoint.queue());
                    }
                    consumer = take.newConsumer(session);
                    producer = session.createProducer();
                    brokerUp();
                } catch (ActiveMQException | QueueUnavailableException e) {
                    brokerDown(e);
                    session = close(session);
                    pause(RECONNECT_WAIT_MILLIS);
                    continue;
                }
                session = takeUntilFailure(session, consumer, producer);
            }
        } catch (Error e) {
            // OutOfMemoryError and the like: this consumer is done; readiness goes DOWN, the others go on
            endpoint.getComponent().fatal(endpoint.playbook(), e);
        } finally {
            close(session);
        }
    }

    /**
     * Runs batch after batch on one session; returns null once the session had to be closed. The consumer is
     * renewed when {@link QueueTake} says so (see there why).
     */
    private ClientSession takeUntilFailure(ClientSession session, ClientConsumer first, ClientProducer producer) {
        ClientConsumer consumer = first;
        boolean renew = false;
        while (taking) {
            if (dataFolder.closed()) {
                dataFolder.awaitWritable(() -> taking); // another worker found it full: none takes meanwhile
            }
            List<Received> batch;
            try {
                if (renew) {
                    consumer.close();
                    consumer = take.newConsumer(session);
                    renew = false;
                }
                // one consumer takes messages at a time, in turn, so they get their turns in queue order (OrderGuard)
                QueueTake.Taking took;
                takeLock.lock();
                try {
                    if (!taking) {
                        break; // stopping: no new message is taken
                    }
                    // the data folder filled up while this worker waited for its turn: none is taken
                    took = dataFolder.closed() ? QueueTake.Taking.NONE : take.receive(consumer, () -> taking);
                    batch = admit(took.messages());
                } finally {
                    takeLock.unlock();
                }
                renew = took.renew();
            } catch (ActiveMQException e) {
                brokerDown(e);
                return close(session);
            }
            if (batch.isEmpty()) {
                continue;
            }
            running.incrementAndGet();
            try {
                handle(session, producer, batch);
                session.commit();
            } catch (Error e) {
                // the session closes uncommitted (work()): the messages come back and take new turns
                batch.forEach(r -> guard.forget(r.key(), r.turn().ticket()));
                throw e;
            } catch (ActiveMQException | RuntimeException e) {
                // rolled back: the messages come back from the broker and take new turns; copies sent back are gone
                batch.forEach(r -> guard.forget(r.key(), r.turn().ticket()));
                // nothing of this run is acknowledged: its messages come back after the redelivery delay
                LOG.error("{}: {} incident(s) go back to the queue: {}", endpoint.playbook(), batch.size(),
                        reasonOf(e));
                close(session);
                // first: the other workers stop taking at once when the disk is full
                dataFolder.awaitWritable(() -> taking);
                pause(RECONNECT_WAIT_MILLIS);
                return null;
            } finally {
                running.decrementAndGet();
            }
        }
        return session;
    }

    /**
     * Incidents this consumer holds right now: taken and not yet committed, or sent back to the queue for a later
     * attempt and not taken again yet. The broker's own count of the queue can miss such a message for a moment
     * (while its acknowledgement and its copy commit, while a scheduled message moves into the queue).
     */
    int holding() {
        return running.get() + guard.holding();
    }

    /** One message and its incident's key and its turn among that incident's messages. */
    private record Received(ClientMessage message, String key, OrderGuard.Admission turn) {
    }

    /** One message to run, what it carries, and its turn among its incident's messages. */
    private record Taken(ClientMessage message, IncidentMessage incident, long ticket) {
    }

    /** Gives each message just taken its turn, in the order taken (the caller holds {@link #takeLock}). */
    private List<Received> admit(List<ClientMessage> batch) {
        if (batch.isEmpty()) {
            return List.of();
        }
        long now = System.currentTimeMillis();
        Object run = new Object();
        List<Received> out = new ArrayList<>(batch.size());
        for (ClientMessage m : batch) {
            Object key = m.getObjectProperty(IncidentMessages.INCIDENT_KEY);
            String k = key != null ? key.toString() : "message:" + m.getMessageID();
            out.add(new Received(m, k, guard.admit(k, longProperty(m, TICKET), now, run)));
        }
        return out;
    }

    /** Acknowledges every message of the batch and records its outcome; the caller commits. */
    private void handle(ClientSession session, ClientProducer producer, List<Received> batch)
            throws ActiveMQException {
        IncidentMessages codec = endpoint.getComponent().messages();
        Outcomes outcomes = endpoint.getComponent().outcomes();
        long now = System.currentTimeMillis();
        List<Taken> runnable = new ArrayList<>(batch.size());
        for (Received r : batch) {
            ClientMessage m = r.message();
            m.acknowledge();
            IncidentMessage incident;
            try {
                incident = codec.decode(m);
            } catch (IllegalArgumentException e) {
                outcomes.deadLetterUnreadable(endpoint.playbook(), text(m), e.getMessage());
                guard.finished(r.key(), r.turn().ticket());
                continue;
            }
            if (m.getDeliveryCount() > MAX_DELIVERIES) {
                outcomes.deadLetterIncident(endpoint.playbook(), stateOf(incident), "NO_OUTCOME",
                        "The incident came back " + m.getDeliveryCount() + " times without an outcome",
                        "the engine stopped or failed while the playbook ran on it, each time");
                guard.finished(r.key(), r.turn().ticket());
                continue;
            }
            if (!r.turn().run()) {
                // an earlier message of this incident runs or waits: this one waits its turn, a little longer each
                // time it comes back too soon
                int waits = (int) longProperty(m, WAITS);
                long at = now + Math.min(2_000, WAIT_MILLIS << Math.min(waits, 10));
                sendBack(session, producer, incident, r.turn().ticket(), waits + 1, at);
                continue;
            }
            runnable.add(new Taken(m, incident, r.turn().ticket()));
        }
        if (!runnable.isEmpty()) {
            Map<String, Long> retries = run(session, producer, runnable);
            for (Taken t : runnable) {
                if (!retries.containsKey(t.incident().key())) {
                    guard.finished(t.incident().key(), t.ticket());
                }
            }
        }
    }

    /**
     * Runs the playbook on the incidents; on a failure outside a vendor call, on each half alone, down to the one
     * incident that fails (its dead letter).
     */
    private Map<String, Long> run(ClientSession session, ClientProducer producer, List<Taken> taken)
            throws ActiveMQException {
        Map<String, QueuedIncidents.State> states = new HashMap<>();
        List<Incident> incidents = new ArrayList<>(taken.size());
        for (Taken t : taken) {
            IncidentMessage m = t.incident();
            incidents.add(m.incident());
            states.put(m.key(), stateOf(m));
        }
        QueuedIncidents queued = new QueuedIncidents(states);
        Throwable failure = runPlaybook(incidents, queued, taken);
        if (failure != null) {
            if (taken.size() > 1) {
                int half = taken.size() / 2;
                Map<String, Long> retries = new HashMap<>(run(session, producer, taken.subList(0, half)));
                retries.putAll(run(session, producer, taken.subList(half, taken.size())));
                return retries;
            }
            IncidentMessage m = taken.get(0).incident();
            endpoint.getComponent().outcomes().deadLetterIncident(endpoint.playbook(), stateOf(m), "INCIDENT_FAILED",
                    "The playbook could not act on the incident", reasonOf(failure));
            return Map.of();
        }
        Map<String, Long> retries = queued.retries();
        if (retries.isEmpty()) {
            return retries;
        }
        long now = System.currentTimeMillis();
        for (Taken t : taken) {
            Long delay = retries.get(t.incident().key());
            if (delay != null) {
                // sent back with its ticket: the incident's later messages keep waiting behind it
                sendBack(session, producer, t.incident().failedOnce(Instant.ofEpochMilli(now)), t.ticket(), 0,
                        now + delay);
            }
        }
        return retries;
    }

    private static QueuedIncidents.State stateOf(IncidentMessage m) {
        return new QueuedIncidents.State(m.trigger(), m.attempts(), m.firstFailure(), m.replayOf(), m.incident());
    }

    /** Runs the route; returns the failure it ended with, or null. */
    private Throwable runPlaybook(List<Incident> incidents, QueuedIncidents queued, List<Taken> taken) {
        Exchange exchange = createExchange(false);
        try {
            exchange.getMessage().setBody(endpoint.jsonBody() ? asJson(incidents) : incidents);
            exchange.setProperty(ActionContext.PLAYBOOK, endpoint.playbook());
            exchange.setProperty(ActionContext.TRIGGER, triggerOf(taken));
            exchange.setProperty(QueuedIncidents.PROPERTY, queued);
            getProcessor().process(exchange);
            Throwable failure = exchange.getException();
            for (Throwable t = failure; t != null; t = t.getCause()) {
                if (t instanceof OutOfMemoryError oom) {
                    // not the incident's fault: no dead letter; the consumer stops and readiness goes DOWN
                    throw oom;
                }
            }
            return failure;
        } catch (Exception e) {
            return e;
        } finally {
            releaseExchange(exchange, false);
        }
    }

    private List<Map<String, Object>> asJson(List<Incident> incidents) {
        com.fasterxml.jackson.databind.ObjectMapper mapper = endpoint.getComponent().messages().mapper();
        List<Map<String, Object>> out = new ArrayList<>(incidents.size());
        for (Incident i : incidents) {
            out.add(IncidentJson.of(mapper, i));
        }
        return out;
    }

    /**
     * Sends an incident back to the queue, to be delivered at {@code at} (epoch milliseconds), keeping its ticket.
     */
    private void sendBack(ClientSession session, ClientProducer producer, IncidentMessage incident, long ticket,
            int waits, long at) throws ActiveMQException {
        ClientMessage copy = endpoint.getComponent().messages().encode(session, incident, null, at);
        copy.putLongProperty(TICKET, ticket);
        copy.putIntProperty(WAITS, waits);
        producer.send(SimpleString.of(endpoint.queue()), copy);
        guard.waiting(incident.key(), ticket, at);
    }

    private static String triggerOf(List<Taken> taken) {
        String first = taken.get(0).incident().trigger();
        for (Taken t : taken) {
            if (first == null || !first.equals(t.incident().trigger())) {
                return "queue";
            }
        }
        return first;
    }

    private static long longProperty(ClientMessage m, String name) {
        Object v = m.getObjectProperty(name);
        return v instanceof Number n ? n.longValue() : 0;
    }

    private static String text(ClientMessage m) {
        try {
            m.getBodyBuffer().resetReaderIndex();
            byte[] body = new byte[m.getBodyBuffer().readableBytes()];
            m.getBodyBuffer().readBytes(body);
            return new String(body, java.nio.charset.StandardCharsets.UTF_8);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private void brokerDown(Exception e) {
        if (!brokerDownLogged) {
            brokerDownLogged = true;
            LOG.warn("{}: the broker is not reachable; incidents wait in the queue until it is back: {}",
                    endpoint.playbook(), reasonOf(e));
        }
    }

    private void brokerUp() {
        if (brokerDownLogged) {
            brokerDownLogged = false;
            LOG.info("{}: the broker is reachable again; taking incidents", endpoint.playbook());
        }
    }

    private static ClientSession close(ClientSession session) {
        if (session != null) {
            try {
                session.close();
            } catch (ActiveMQException ignored) {
                // closing a session whose connection is gone
            }
        }
        return null;
    }

    private void pause(long millis) {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (taking && System.nanoTime() < end) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
    }

    static String reasonOf(Throwable failure) {
        String reason = null;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                reason = t.getMessage();
                if (t.getClass().getPackageName().startsWith("org.soarplaybooks")) {
                    break;
                }
            }
        }
        return reason == null ? failure.getClass().getSimpleName() : reason.lines().findFirst().orElse(reason);
    }
}
