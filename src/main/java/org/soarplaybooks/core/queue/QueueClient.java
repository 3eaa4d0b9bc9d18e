package org.soarplaybooks.core.queue;

import java.util.Deque;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import org.apache.activemq.artemis.api.core.ActiveMQAddressExistsException;
import org.apache.activemq.artemis.api.core.ActiveMQDuplicateIdException;
import org.apache.activemq.artemis.api.core.ActiveMQException;
import org.apache.activemq.artemis.api.core.ActiveMQQueueExistsException;
import org.apache.activemq.artemis.api.core.ActiveMQSecurityException;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.api.core.client.ActiveMQClient;
import org.apache.activemq.artemis.api.core.client.ClientConsumer;
import org.apache.activemq.artemis.api.core.client.ClientMessage;
import org.apache.activemq.artemis.api.core.client.ClientProducer;
import org.apache.activemq.artemis.api.core.client.ClientSession;
import org.apache.activemq.artemis.api.core.client.ClientSessionFactory;
import org.apache.activemq.artemis.api.core.client.ServerLocator;

/**
 * The engine's connection to the broker (embedded or external), over Artemis' core protocol: transacted sessions for
 * the playbook consumers, pooled transacted senders for the triggers, and the playbook queues.
 *
 * <p>Every session is transacted: sends and acknowledgements take effect together at {@code commit()}, which
 * returns once the broker has written them to its journal (synced to disk). A broker that is down, unreachable or
 * cannot write makes {@link #send} throw {@link QueueUnavailableException} with nothing stored; the next call
 * connects again. Thread-safe.
 */
public final class QueueClient implements AutoCloseable {

    /** What a sender does inside one transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run(ClientSession session, ClientProducer producer) throws ActiveMQException;
    }

    /** A pooled sender: a session with its producer. */
    private record Sender(ClientSession session, ClientProducer producer) {
    }

    private volatile String url;
    private volatile String shown;
    private volatile String user;
    private volatile String password;
    private final Set<String> knownQueues = ConcurrentHashMap.newKeySet();
    private final Deque<Sender> senders = new ConcurrentLinkedDeque<>();
    private ServerLocator locator;
    private ClientSessionFactory factory;
    private volatile boolean closed;

    /**
     * @param url      an Artemis URL: {@code vm://<n>} (the embedded broker), {@code tcp://host:61616}, or a list
     *                 {@code (tcp://a:61616,tcp://b:61616)}
     * @param user     the account on the broker, or empty
     * @param password its password, or empty; never logged
     */
    public QueueClient(String url, String user, String password) {
        use(url, user, password);
    }

    /** A client whose broker is named later ({@link #use}), once the engine's settings are read. */
    public QueueClient() {
    }

    /**
     * Names the broker; call before the first session.
     *
     * @see #QueueClient(String, String, String)
     */
    public synchronized void use(String url, String user, String password) {
        if (locator != null) {
            throw new IllegalStateException("the broker connection is in use already (" + shown + ")");
        }
        this.url = url;
        this.shown = shown(url);
        this.user = user == null || user.isEmpty() ? null : user;
        this.password = password == null || password.isEmpty() ? null : password;
    }

    /**
     * The broker's URL as logs and health checks show it: without its query ({@code ?user=..&password=..} are
     * valid Artemis URL parameters, and a password must never reach a log line).
     */
    public String url() {
        return shown;
    }

    /** {@code url} without anything after {@code ?}; null stays null. */
    public static String shown(String url) {
        if (url == null) {
            return null;
        }
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q) + "?…";
    }

    /**
     * Connects now, to find out at start-up whether the broker is there and takes the account.
     *
     * @throws QueueUnavailableException when the broker cannot be reached
     * @throws SecurityException         when the broker refuses the user or password
     */
    public void connect() {
        try (ClientSession s = newSession()) {
            s.close();
        } catch (ActiveMQSecurityException e) {
            throw new SecurityException("the broker at " + shown + " refused the user and password"
                    + " (PLAYBOOKS_BROKER_USER, PLAYBOOKS_BROKER_PASSWORD): " + e.getMessage(), e);
        } catch (ActiveMQException e) {
            throw unavailable("cannot reach the broker at " + shown, e);
        }
    }

    /**
     * A new transacted session, started (its consumers receive). The caller closes it; closing it without a
     * commit gives back every message it received and drops what it sent.
     *
     * @throws ActiveMQException when the broker cannot be reached
     */
    public ClientSession newSession() throws ActiveMQException {
        ClientSessionFactory f = factory();
        ClientSession session = f.createSession(user, password, false, false, false,
                false, ActiveMQClient.DEFAULT_ACK_BATCH_SIZE);
        session.start();
        return session;
    }

    /**
     * Creates a playbook's queue if it does not exist yet: durable, anycast, address and queue named
     * {@code queue} ({@link PlaybookQueues#of}).
     *
     * @throws QueueUnavailableException when the broker cannot be reached or refuses
     */
    public void ensureQueue(String queue) {
        if (knownQueues.contains(queue)) {
            return;
        }
        try (ClientSession s = newSession()) {
            SimpleString name = SimpleString.of(queue);
            if (!s.queueQuery(name).isExists()) {
                if (!s.addressQuery(name).isExists()) {
                    try {
                        s.createAddress(name, RoutingType.ANYCAST, false);
                    } catch (ActiveMQAddressExistsException raced) {
                        // another engine (or thread) made it just now
                    }
                }
                try {
                    s.createQueue(QueueConfiguration.of(name).setAddress(name).setRoutingType(RoutingType.ANYCAST)
                            .setDurable(true));
                } catch (ActiveMQQueueExistsException raced) {
                    // another engine (or thread) made it just now
                }
            }
            knownQueues.add(queue);
        } catch (ActiveMQException e) {
            throw unavailable("cannot create the queue " + queue + " on the broker at " + shown, e);
        }
    }

    /**
     * Creates an address without any queue if it does not exist yet (a webhook's, whose messages only carry the
     * duplicate ids of its deliveries: the broker remembers the ids of an address even when no queue takes its
     * messages).
     *
     * @throws QueueUnavailableException when the broker cannot be reached or refuses
     */
    public void ensureAddress(String address) {
        if (knownQueues.contains(address)) {
            return;
        }
        try (ClientSession s = newSession()) {
            SimpleString name = SimpleString.of(address);
            if (!s.addressQuery(name).isExists()) {
                try {
                    s.createAddress(name, RoutingType.MULTICAST, false);
                } catch (ActiveMQAddressExistsException raced) {
                    // another engine (or thread) made it just now
                }
            }
            knownQueues.add(address);
        } catch (ActiveMQException e) {
            throw unavailable("cannot create the address " + address + " on the broker at " + shown, e);
        }
    }

    /**
     * Messages in a queue: waiting, scheduled for later and being delivered (not yet acknowledged).
     *
     * @return the count, or -1 when the queue does not exist
     * @throws QueueUnavailableException when the broker cannot be reached
     */
    public long messageCount(String queue) {
        try (ClientSession s = newSession()) {
            ClientSession.QueueQuery q = s.queueQuery(SimpleString.of(queue));
            return q.isExists() ? q.getMessageCount() : -1;
        } catch (ActiveMQException e) {
            throw unavailable("cannot read the queue " + queue + " on the broker at " + shown, e);
        }
    }

    /**
     * Reads the messages waiting in a queue without taking them (a browser), in queue order: not the ones being
     * delivered to a consumer nor those scheduled for later.
     *
     * @param read turns one message into what the caller keeps (the message is not valid after this returns)
     * @throws QueueUnavailableException when the broker cannot be reached
     */
    public <T> java.util.List<T> browse(String queue, java.util.function.Function<ClientMessage, T> read) {
        java.util.List<T> out = new java.util.ArrayList<>();
        try (ClientSession s = newSession();
             ClientConsumer c = s.createConsumer(SimpleString.of(queue), true)) {
            ClientMessage m;
            while ((m = c.receive(200)) != null) {
                out.add(read.apply(m));
            }
            return out;
        } catch (ActiveMQException e) {
            throw unavailable("cannot read the queue " + queue + " on the broker at " + shown, e);
        }
    }

    /**
     * Runs {@code work} in one transaction on a pooled sender and commits: either every message it sent is stored
     * (journal synced) or none is.
     *
     * @throws DuplicateMessageException when the broker refused the transaction because a message's duplicate id
     *         was seen before on its queue
     * @throws QueueUnavailableException when the broker cannot be reached or cannot store the messages
     */
    public <T> T send(Work<T> work) {
        Sender sender = senders.pollFirst();
        try {
            if (sender == null) {
                ClientSession session = newSession();
                sender = new Sender(session, session.createProducer());
            }
            T result = work.run(sender.session(), sender.producer());
            sender.session().commit();
            senders.addFirst(sender);
            return result;
        } catch (ActiveMQException e) {
            discard(sender);
            if (isDuplicate(e)) {
                throw new DuplicateMessageException("the broker at " + shown + " has seen a message of this"
                        + " transaction before (duplicate id)", e);
            }
            throw unavailable("the broker at " + shown + " did not store the messages", e);
        } catch (RuntimeException e) {
            discard(sender);
            throw e;
        }
    }

    /** True when a cause of {@code e} is Artemis' duplicate-id refusal. */
    public static boolean isDuplicate(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ActiveMQDuplicateIdException) {
                return true;
            }
            String m = t.getMessage();
            if (m != null && m.contains("Duplicate message detected")) {
                return true;
            }
        }
        return false;
    }

    private void discard(Sender sender) {
        if (sender != null) {
            try {
                sender.session().close(); // rolls back what it sent
            } catch (ActiveMQException ignored) {
                // the session is gone with its connection
            }
        }
    }

    private QueueUnavailableException unavailable(String what, ActiveMQException e) {
        return new QueueUnavailableException(what + ": " + (e.getMessage() == null ? e.getType() : e.getMessage()),
                e);
    }

    private synchronized ClientSessionFactory factory() throws ActiveMQException {
        if (closed) {
            throw new ActiveMQException("the engine's broker connection is closed");
        }
        if (factory != null && !factory.isClosed() && factory.getConnection() != null
                && !factory.getConnection().isDestroyed()) {
            return factory;
        }
        // none yet, or its connection died with the broker (no automatic reconnect: reconnectAttempts 0): a new
        // one, so the engine goes on by itself once the broker is back
        if (factory != null) {
            factory.close();
            factory = null;
            senders.clear();
            // a fresh locator too: one that knew the broker's topology retried every member it had learnt, every
            // 2 s, for over a minute after the broker died, holding this lock (so webhooks hung instead of a 503)
            locator.close();
            locator = null;
        }
        if (locator == null) {
            if (url == null) {
                throw new ActiveMQException("the engine has not named its broker yet");
            }
            try {
                locator = ActiveMQClient.createServerLocator(url);
            } catch (Exception e) {
                throw new ActiveMQException("'" + shown + "' is not a broker URL: " + e.getMessage());
            }
            // a consumer takes a message only when it asks for one: no message waits in one engine's buffer
            // while another is idle (IncidentsConsumer renews a consumer whose wait ended empty: see there why)
            locator.setConsumerWindowSize(0);
            // every session is transacted: its commit is the one blocking call that waits for the journal; a send
            // inside it needs no round trip of its own (Artemis made each durable send one when this was true:
            // 100,000 sync threats spent a round trip each). A send the broker refuses (a duplicate id) fails the
            // commit, which then rolls the whole transaction back
            locator.setBlockOnDurableSend(false);
            locator.setReconnectAttempts(0);
            locator.setInitialConnectAttempts(1);
            locator.setCallTimeout(10_000);
        }
        try {
            factory = locator.createSessionFactory();
        } catch (ActiveMQException e) {
            throw e;
        } catch (Exception e) {
            throw new ActiveMQException(e.getMessage());
        }
        return factory;
    }

    @Override
    public synchronized void close() {
        closed = true;
        Sender s;
        while ((s = senders.pollFirst()) != null) {
            discard(s);
        }
        if (factory != null) {
            factory.close();
        }
        if (locator != null) {
            locator.close();
        }
    }
}
