package org.soarplaybooks.playbook;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * Keeps one incident's updates in the order they arrived while one of them waits for a retry. Artemis message
 * groups (the incident key) hand one incident's messages to one consumer in queue order; but a message sent back to
 * the queue for a later attempt would let the incident's next update pass it ("New" applied after the vendor had
 * taken a later "Closed"). So while an incident has a message scheduled for time T, a later message of that
 * incident is sent back too, scheduled just after the last one waiting, and each scheduled message runs only once
 * every message of its incident scheduled before it has run.
 *
 * <p>Per queue and per engine: the message group keeps an incident on one consumer, so on one engine. A scheduled
 * message that has not come back {@value #GRACE_MILLIS} ms after its time (its group moved to another engine) no
 * longer holds the others. This memory is lost with the process: after a restart, a new update of an incident whose
 * retry is still scheduled in the broker may run before that retry (the README says so). Times are epoch
 * milliseconds. Thread-safe.
 */
final class OrderGuard {

    /** How long past its time a scheduled message may still be expected back. */
    static final long GRACE_MILLIS = 60_000;

    /** The least wait of a message sent back behind another one. */
    static final long RECHECK_MILLIS = 50;

    private final Map<String, TreeSet<Long>> waiting = new HashMap<>();

    /** A message of {@code key} was sent back to the queue, scheduled for {@code at}. */
    synchronized void scheduled(String key, long at) {
        waiting.computeIfAbsent(key, k -> new TreeSet<>()).add(at);
    }

    /**
     * Decides whether a message of {@code key} taken from the queue now may run.
     *
     * @param orderAt the time the message was scheduled for (0 for a message that was never sent back): it no longer
     *                waits
     * @return 0 when it may run; else the time to schedule it for, just after the last message of its incident
     *         waiting (recorded as waiting too)
     */
    synchronized long admit(String key, long orderAt, long now) {
        TreeSet<Long> times = waiting.get(key);
        if (times == null) {
            return 0;
        }
        if (orderAt > 0) {
            times.remove(orderAt);
        }
        times.headSet(now - GRACE_MILLIS).clear(); // never came back: their group moved on
        boolean earlierWaiting = orderAt > 0 ? times.lower(orderAt) != null : !times.isEmpty();
        if (!earlierWaiting) {
            if (times.isEmpty()) {
                waiting.remove(key);
            }
            return 0;
        }
        // after the last one waiting; and not at once, so a message whose turn has not come does not spin
        long at = Math.max(times.last() + 1, now + RECHECK_MILLIS);
        times.add(at);
        return at;
    }

    /** Incidents with a message waiting (for tests). */
    synchronized int incidentsWaiting() {
        return waiting.size();
    }
}
