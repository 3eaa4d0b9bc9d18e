package org.soarplaybooks.core.queue;

import java.time.Instant;
import org.soarplaybooks.incident.Incident;

/**
 * One canonical incident on a playbook's queue, with what the engine knows about its journey so far.
 *
 * @param incident     the canonical incident (the message body, as JSON)
 * @param trigger      what brought it in, for audit records and dead letters: {@code file:<name> #<n>} (the n-th
 *                     incident of an inbox file), {@code webhook:/webhooks/<name> <event id>},
 *                     {@code schedule run <n>}, {@code replay <dead letter id>}
 * @param attempts     vendor calls for it that failed so far and were to be tried again (0 when new)
 * @param firstFailure when the first of them failed (UTC), or null
 * @param replayOf     the id of the dead letter this message re-drives ({@code replay}), or null
 */
public record IncidentMessage(Incident incident, String trigger, int attempts, Instant firstFailure,
                              String replayOf) {

    /** A new incident from a trigger: no failed attempt, no replay. */
    public static IncidentMessage of(Incident incident, String trigger) {
        return new IncidentMessage(incident, trigger, 0, null, null);
    }

    /** The same incident after one more failed attempt (to be tried again). */
    public IncidentMessage failedOnce(Instant now) {
        return new IncidentMessage(incident, trigger, attempts + 1, firstFailure == null ? now : firstFailure,
                replayOf);
    }

    /** The incident key, {@code <source>:<id>}: one incident's messages run in the order they arrived. */
    public String key() {
        return incident.key();
    }
}
