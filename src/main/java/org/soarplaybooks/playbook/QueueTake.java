package org.soarplaybooks.playbook;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.activemq.artemis.api.core.ActiveMQException;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.api.core.client.ClientConsumer;
import org.apache.activemq.artemis.api.core.client.ClientMessage;
import org.apache.activemq.artemis.api.core.client.ClientSession;

/**
 * How one consumer of a playbook's queue takes its messages: one, or with {@code batchSize} above 1 up to that many,
 * waiting at most {@code batchTimeout} ms for more once it has one.
 *
 * <p>The consumer window: with one consumer, up to {@value #PREFETCH_BYTES} bytes are prefetched (its buffer is the
 * queue's order, and a batch of 100 incidents is collected from it without a round trip to the broker per
 * incident); with several, 0, so each takes its messages one by one in queue order under the consumers' take lock
 * (a message buffered by one while another takes a later message of the same incident would lose its turn).
 *
 * <p>Why a window-0 consumer is renewed after a receive that came back empty: Artemis gives such a consumer one
 * credit when it asks for a message and takes it back when the wait ends empty
 * ({@code ClientConsumerImpl.resetIfSlowConsumer}, 2.44.0); a message the broker delivered in between lands in the
 * consumer's buffer while nobody asks, and from then on the consumer's credit is off by that message, so more can
 * follow. Such a message would wait until this worker's next turn, behind runs of later messages (seen: 30 s).
 * Closing the consumer gives it back to the head of the queue; the new consumer starts without credit.
 */
final class QueueTake {

    /** The prefetch of a playbook's only consumer, bytes (about 500 incidents of a SentinelOne threat's size). */
    static final int PREFETCH_BYTES = 1 << 20;

    /** The longest one receive waits for a first message, milliseconds (so a stop is seen that soon). */
    static final long RECEIVE_WAIT_MILLIS = 250;

    /** Messages taken in one turn, and whether the consumer must be renewed before its next turn. */
    record Taking(List<ClientMessage> messages, boolean renew) {
        static final Taking NONE = new Taking(List.of(), false);
    }

    private final IncidentsEndpoint endpoint;

    QueueTake(IncidentsEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    /** The consumer window of this playbook's consumers, bytes (see the class comment). */
    int window() {
        return endpoint.getConsumers() == 1 ? PREFETCH_BYTES : 0;
    }

    /** A consumer on the playbook's queue with {@link #window()}. */
    ClientConsumer newConsumer(ClientSession session) throws ActiveMQException {
        return session.createConsumer(SimpleString.of(endpoint.queue()), null, window(), -1, false);
    }

    /**
     * Takes the next message, or batch, from {@code consumer}; an empty list when none came within
     * {@link #RECEIVE_WAIT_MILLIS}. Stops collecting a batch once {@code taking} turns false.
     *
     * @throws ActiveMQException when the broker connection failed
     */
    Taking receive(ClientConsumer consumer, BooleanSupplier taking) throws ActiveMQException {
        boolean slow = window() == 0;
        ClientMessage first = consumer.receive(RECEIVE_WAIT_MILLIS);
        if (first == null) {
            return new Taking(List.of(), slow);
        }
        List<ClientMessage> batch = new ArrayList<>(Math.min(endpoint.getBatchSize(), 256));
        batch.add(first);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(endpoint.getBatchTimeout());
        while (batch.size() < endpoint.getBatchSize() && taking.getAsBoolean()) {
            ClientMessage next = consumer.receiveImmediate();
            if (next == null) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    return new Taking(batch, slow);
                }
                next = consumer.receive(left);
                if (next == null) {
                    return new Taking(batch, slow);
                }
            }
            batch.add(next);
        }
        return new Taking(batch, false);
    }
}
