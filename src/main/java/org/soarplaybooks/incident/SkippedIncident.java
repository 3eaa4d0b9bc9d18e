package org.soarplaybooks.incident;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An incident a playbook received but decided not to act on, and why. Nothing was meant to be sent for it, so it
 * gets no audit record and no dead letter; playbooks log one line per skipped incident instead, e.g.
 * {@code skipped ContraForce incident Sentinel:73e01a99-5cd7-4139-a149-9f2736ff2ab5: its source is Sentinel, not
 * SentinelOne}.
 *
 * @param incidentKey the incident's key {@code <source>:<id>} ({@link Incident#key()})
 * @param reason      why, in one line
 */
public record SkippedIncident(String incidentKey, String reason) {

    /** Reason given to an earlier event about an incident that a later event in the same input supersedes. */
    public static final String SUPERSEDED = "a later event about the same incident in this input supersedes it";

    /** A skipped incident named by {@link Incident#key()}. */
    public static SkippedIncident of(Incident incident, String reason) {
        return new SkippedIncident(incident.key(), reason);
    }

    /**
     * Keeps the last event about each incident (by {@link Incident#key()}, in input order): webhook deliveries are
     * at-least-once, and a later event about an incident says more than an earlier one. Each earlier event is added
     * to {@code skipped} with the reason {@value #SUPERSEDED}.
     *
     * @param incidents the incidents of one input, in document order
     * @param skipped   receives the superseded ones, in input order
     * @return the kept incidents, in the order of their last event
     */
    public static List<Incident> latestPerIncident(List<Incident> incidents, List<SkippedIncident> skipped) {
        Map<String, Integer> last = new HashMap<>();
        for (int i = 0; i < incidents.size(); i++) {
            last.put(incidents.get(i).key(), i);
        }
        List<Incident> kept = new ArrayList<>(last.size());
        for (int i = 0; i < incidents.size(); i++) {
            Incident incident = incidents.get(i);
            if (last.get(incident.key()) == i) {
                kept.add(incident);
            } else {
                skipped.add(of(incident, SUPERSEDED));
            }
        }
        return kept;
    }
}
