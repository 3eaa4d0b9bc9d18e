package org.soarplaybooks.outcome;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Exchange;
import org.soarplaybooks.incident.Incident;

/**
 * The incidents a playbook run took from its queue, with what each one's message says about its journey, and the
 * incidents the run sends back to the queue for a later attempt. The queue consumer puts one on the exchange
 * (property {@value #PROPERTY}); the split sub-exchanges of the playbook share it, so a decision made inside a
 * split (the retry policy's) reaches the consumer, which acknowledges the messages and schedules the retries in
 * one transaction.
 *
 * <p>An exchange without one did not come from a queue (the bulk inbox, the sync's page reads): its retries stay
 * in the process, as Camel redeliveries.
 */
public final class QueuedIncidents {

    /** Exchange property holding this object. */
    public static final String PROPERTY = "soar.queued";

    /**
     * What the message of one incident says.
     *
     * @param trigger      what brought it in (for audit records and dead letters)
     * @param attempts     failed attempts before this run
     * @param firstFailure when the first of them failed (UTC), or null
     * @param replayOf     the dead letter this run re-drives, or null
     * @param incident     the canonical incident (kept for its dead letter)
     */
    public record State(String trigger, int attempts, Instant firstFailure, String replayOf, Incident incident) {
    }

    private final Map<String, State> states;
    private final Map<String, Long> retries = new ConcurrentHashMap<>();

    /** @param states by incident key ({@code <source>:<id>}) */
    public QueuedIncidents(Map<String, State> states) {
        this.states = Map.copyOf(states);
    }

    /** The one on the exchange, or null when the exchange did not come from a queue. */
    public static QueuedIncidents of(Exchange exchange) {
        return exchange.getProperty(PROPERTY, QueuedIncidents.class);
    }

    /** The state of an incident of this run, or null for a key the run did not take from the queue. */
    public State state(String incidentKey) {
        return incidentKey == null ? null : states.get(incidentKey);
    }

    /**
     * Failed attempts before this run of the items of one call: the most any of them has (0 for items not from
     * the queue).
     */
    public int attemptsBefore(Collection<ActionItem> items) {
        int most = 0;
        for (ActionItem item : items) {
            State s = state(item.incidentKey());
            if (s != null) {
                most = Math.max(most, s.attempts());
            }
        }
        return most;
    }

    /** When the first earlier failure of any of the items happened, or null when none failed before. */
    public Instant firstFailure(Collection<ActionItem> items) {
        Instant first = null;
        for (ActionItem item : items) {
            State s = state(item.incidentKey());
            if (s != null && s.firstFailure() != null && (first == null || s.firstFailure().isBefore(first))) {
                first = s.firstFailure();
            }
        }
        return first;
    }

    /**
     * Sends the incidents of a failed call back to the queue, to be taken again after {@code delayMillis}.
     *
     * @param items the call's items
     */
    public void retryLater(List<ActionItem> items, long delayMillis) {
        for (ActionItem item : items) {
            if (item.incidentKey() != null) {
                retries.merge(item.incidentKey(), Math.max(0, delayMillis), Math::max);
            }
        }
    }

    /** The incidents to retry, by key, with the wait in milliseconds (read by the consumer after the run). */
    public Map<String, Long> retries() {
        return Map.copyOf(retries);
    }
}
