package org.soarplaybooks.playbook;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Keeps one incident's updates in the order they arrived, while the playbook runs incidents side by side.
 *
 * <p>The consumers of a queue take their messages one at a time, in queue order, and each message gets a ticket as
 * it is taken (ascending); a message sent back to the queue (for a retry, or to wait) keeps its ticket. A message
 * runs only when no other message of its incident is running in another run and none with a lower ticket is
 * waiting (messages of one incident taken together run together, in their order); otherwise it
 * goes back to the queue, scheduled a little later, and waits its turn. So "New" can never overtake an earlier
 * "Closed" that is running or waiting for a retry, and updates of different incidents never wait for each other.
 *
 * <p>Why not Artemis message groups: a queue whose first message belongs to a group whose consumer is busy stops
 * delivering altogether (Artemis 2.44.0, {@code QueueImpl.deliver}; seen here with a consumer window of 0 or 1
 * byte), so one slow vendor call for one incident would hold back every incident; a larger window lets other
 * groups pass but hands messages to a busy consumer, and returns them out of order when it closes; and the broker
 * keeps every group it has seen in memory.
 *
 * <p>Per queue and per engine (this memory is the engine's). A message that does not come back within
 * {@value #GRACE_MILLIS} ms of when it was expected no longer holds the others. After a restart, tickets known only
 * to the old process are forgotten: a new update of an incident whose retry is still scheduled in the broker may run
 * before that retry (docs/decisions.md says so). Times are epoch milliseconds. Thread-safe.
 */
final class OrderGuard {

    /** How long past its time a message sent back may still be expected. */
    static final long GRACE_MILLIS = 60_000;

    /** How long a run may take before it is considered gone (a run stuck longer holds nothing). */
    static final long RUN_MILLIS = 600_000;

    private final AtomicLong tickets = new AtomicLong(System.currentTimeMillis() * 1000);
    /** Per incident key: the tickets of its messages waiting, with when each is expected back. */
    private final Map<String, TreeMap<Long, Long>> waiting = new HashMap<>();
    /** Per incident key: the run its messages are in (one run may hold several, in order), and until when. */
    private final Map<String, Run> running = new HashMap<>();

    /** The messages of one incident in one run. */
    private static final class Run {
        final Object batch;
        final java.util.Set<Long> tickets = new java.util.HashSet<>();
        final long until;

        Run(Object batch, long until) {
            this.batch = batch;
            this.until = until;
        }
    }

    /** What {@link #admit} decided. */
    record Admission(long ticket, boolean run) {
    }

    /**
     * Decides whether a message just taken from the queue may run now. Call in the order the messages were taken.
     *
     * @param ticket the message's ticket, or 0 for a message taken for the first time (it gets the next one)
     * @param batch  the run the message would be in: messages of one incident taken together run together, in order
     * @return its ticket, and whether it runs now (then it counts as running until {@link #finished} or
     *         {@link #waiting}); when not, the caller sends it back with the ticket and calls {@link #waiting}
     */
    synchronized Admission admit(String key, long ticket, long now, Object batch) {
        long t = ticket > 0 ? ticket : tickets.incrementAndGet();
        TreeMap<Long, Long> queued = waiting.get(key);
        if (queued != null) {
            queued.remove(t);
            queued.values().removeIf(until -> until < now - GRACE_MILLIS);
            if (queued.isEmpty()) {
                waiting.remove(key);
                queued = null;
            }
        }
        Run run = running.get(key);
        if (run != null && run.until < now) {
            running.remove(key); // a run this old is gone
            run = null;
        }
        boolean earlier = run != null && run.batch != batch || queued != null && queued.lowerKey(t) != null;
        if (!earlier) {
            if (run == null) {
                run = new Run(batch, now + RUN_MILLIS);
                running.put(key, run);
            }
            run.tickets.add(t);
        }
        return new Admission(t, !earlier);
    }

    /** A message of {@code key} with {@code ticket} was sent back, to be taken again at {@code at}. */
    synchronized void waiting(String key, long ticket, long at) {
        finished(key, ticket);
        waiting.computeIfAbsent(key, k -> new TreeMap<>()).put(ticket, at);
    }

    /** The run of the message with {@code ticket} ended with an outcome: it no longer holds its incident's others. */
    synchronized void finished(String key, long ticket) {
        Run run = running.get(key);
        if (run != null && run.tickets.remove(ticket) && run.tickets.isEmpty()) {
            running.remove(key);
        }
    }

    /**
     * Forgets a message: its run ended without an outcome and its transaction was rolled back (the broker gives the
     * original message back, which will be taken anew), so neither its run nor a copy sent back holds the others.
     */
    synchronized void forget(String key, long ticket) {
        finished(key, ticket);
        TreeMap<Long, Long> queued = waiting.get(key);
        if (queued != null) {
            queued.remove(ticket);
            if (queued.isEmpty()) {
                waiting.remove(key);
            }
        }
    }

    /** Messages running or waiting, all incidents together (for the engine's "is anything in flight" check). */
    synchronized int holding() {
        int n = 0;
        for (Run run : running.values()) {
            n += run.tickets.size();
        }
        for (TreeMap<Long, Long> queued : waiting.values()) {
            n += queued.size();
        }
        return n;
    }
}
