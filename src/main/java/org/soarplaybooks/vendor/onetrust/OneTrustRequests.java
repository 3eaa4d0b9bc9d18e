package org.soarplaybooks.vendor.onetrust;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.soarplaybooks.incident.IncidentJson;
import org.soarplaybooks.outcome.ActionItem;
import org.soarplaybooks.outcome.Batch;
import org.soarplaybooks.vendor.Ids;

/**
 * Builds OneTrust incident changes from the values a playbook set in YAML (bean {@code onetrustRequests}; kamelet
 * {@code onetrust-incident-values-action}), for {@code onetrust-update-incident-action}: {@code GET} then
 * {@code PUT /api/incident/v1/incidents/{incidentId}} with the changes merged (api-docs/onetrust-update-incident.md).
 */
public final class OneTrustRequests {

    /** The incident's {@code actions} entry {@link #incidentValues} fills. */
    public static final String ACTION = "oneTrustIncident";

    /**
     * The change one incident's OneTrust incident is to get.
     *
     * @param incident           the incident's JSON as a playbook sees it ({@code incidentKey}, {@code raw}, ...)
     * @param incidentId         the OneTrust incident uuid
     * @param notificationNeeded {@code YES}, {@code NO} or {@code UNKNOWN} (schema {@code NotificationNeededType})
     * @return the incident, with the change as {@code actions.oneTrustIncident} (a batch of one)
     * @throws IllegalArgumentException naming the property and the allowed values for a value OneTrust does not
     *         accept, or an incident id that is not a UUID; in a playbook run the incident becomes its own dead
     *         letter with this message, the others go on
     */
    public Map<String, Object> incidentValues(Map<String, Object> incident, String incidentId,
                                              String notificationNeeded) {
        if (incidentId == null || !Ids.isUuid(incidentId.strip())) {
            throw new IllegalArgumentException("'" + incidentId + "' is not a OneTrust incident id (a UUID)");
        }
        NotificationNeededType needed;
        try {
            needed = NotificationNeededType.valueOf(String.valueOf(notificationNeeded).strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + notificationNeeded + "' is not a OneTrust notificationNeeded"
                    + " (allowed: YES, NO, UNKNOWN)", e);
        }
        String id = incidentId.strip().toLowerCase(java.util.Locale.ROOT);
        Object key = incident == null ? null : incident.get(IncidentJson.INCIDENT_KEY);
        ActionItem item = new ActionItem(id, key == null ? "OneTrust:" + id : key.toString(),
                IncidentJson.tree(incident == null ? null : incident.get("raw")));
        IncidentChanges changes = new IncidentChanges(null, null, null, null, null, null, null, needed, null);
        return IncidentJson.putAction(incident, ACTION, new Batch<>(new OneTrustIncidentChange(id, changes),
                List.of(item)));
    }

    /**
     * The changes of several incidents (their {@code actions.oneTrustIncident}, in the order given; an incident
     * without one is left out), one call each.
     *
     * <p>From a playbook: {@code method: "incidentChanges(${body})"}.
     */
    @SuppressWarnings("unchecked")
    public List<Batch<OneTrustIncidentChange>> incidentChanges(List<?> incidents) {
        List<Batch<OneTrustIncidentChange>> out = new ArrayList<>();
        for (Object incident : incidents == null ? List.of() : incidents) {
            Batch<OneTrustIncidentChange> b = IncidentJson.action(incident, ACTION, Batch.class);
            if (b != null) {
                out.add(b);
            }
        }
        return out;
    }
}
