package org.soarplaybooks.vendor.adversarial;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.soarplaybooks.incident.IncidentJson;
import org.soarplaybooks.outcome.ActionItem;
import org.soarplaybooks.outcome.Batch;

/**
 * Builds Adversarial incident updates from the values a playbook set in YAML (bean {@code adversarialRequests};
 * kamelet {@code adversarial-incident-values-action}), for {@code adversarial-update-incidents-action}:
 * {@code PATCH /api/v1/incidents} with {@code {"ids": [...], "status": "Review", "threat_objectives":
 * [{"threat_objective": "Data Disclosure"}]}} (api-docs/adversarial-bulk-update-incidents.md).
 */
public final class AdversarialRequests {

    /** The incident's {@code actions} entry {@link #incidentValues} fills. */
    public static final String ACTION = "adversarialIncident";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern INCIDENT_ID = Pattern.compile("INC-[0-9]+");

    /**
     * What one incident's Adversarial incident is to become.
     *
     * @param incidentKey {@code <source>:<id>} of the incident, for its audit record or dead letter
     * @param incidentId  the Adversarial incident id ({@code INC-} and digits)
     * @param status      the status to set, or null to leave it
     * @param objective   the threat objective to set, or null to leave them
     * @param item        the incident's source item, kept for its dead letter; may be null
     */
    public record IncidentValues(String incidentKey, String incidentId, IncidentStatus status,
                                 ThreatObjective objective, JsonNode item) {
    }

    /**
     * The values one incident's Adversarial incident is to get.
     *
     * @param incident        the incident's JSON as a playbook sees it
     * @param incidentId      the Adversarial incident id, e.g. {@code INC-00002}
     * @param status          {@code New}, {@code In Progress}, {@code Review}, {@code Closed}; empty to leave it
     * @param threatObjective {@code Sabotage}, {@code Data Disclosure}, {@code Extortion}, {@code Customer Targeting},
     *                        {@code Resource Hijacking}, {@code Fraud}; empty to leave them
     * @return the incident, with the values as {@code actions.adversarialIncident}
     * @throws IllegalArgumentException naming the property and the allowed values for a value Adversarial does not
     *         accept, an id that is not {@code INC-<digits>}, or neither value set (Adversarial refuses an empty
     *         update); in a playbook run the incident becomes its own dead letter with this message
     */
    public Map<String, Object> incidentValues(Map<String, Object> incident, String incidentId, String status,
                                              String threatObjective) {
        if (incidentId == null || !INCIDENT_ID.matcher(incidentId.strip()).matches()) {
            throw new IllegalArgumentException("'" + incidentId + "' is not an Adversarial incident id (INC-<digits>)");
        }
        IncidentStatus s = wire(IncidentStatus.class, "status", status);
        ThreatObjective o = wire(ThreatObjective.class, "threat objective", threatObjective);
        if (s == null && o == null) {
            throw new IllegalArgumentException("an Adversarial update needs a status or a threat objective");
        }
        Object key = incident == null ? null : incident.get(IncidentJson.INCIDENT_KEY);
        String id = incidentId.strip();
        return IncidentJson.putAction(incident, ACTION, new IncidentValues(key == null ? "Adversarial:" + id
                : key.toString(), id, s, o, IncidentJson.tree(incident == null ? null : incident.get("raw"))));
    }

    /**
     * The calls for several incidents (their {@code actions.adversarialIncident}, in the order given; an incident
     * without one is left out): incidents with the same status and threat objective share one call, in order of
     * first appearance; an Adversarial incident listed twice in a group is sent once. Each batch names one
     * {@link ActionItem} per incident.
     *
     * <p>From a playbook: {@code method: "incidentBatches(${body})"}.
     */
    public List<Batch<UpdateIncidentsRequest>> incidentBatches(List<?> incidents) {
        Map<List<Object>, List<IncidentValues>> groups = new LinkedHashMap<>();
        for (Object incident : incidents == null ? List.of() : incidents) {
            IncidentValues v = IncidentJson.action(incident, ACTION, IncidentValues.class);
            if (v != null) {
                groups.computeIfAbsent(java.util.Arrays.asList(v.status(), v.objective()), k -> new ArrayList<>())
                        .add(v);
            }
        }
        List<Batch<UpdateIncidentsRequest>> out = new ArrayList<>();
        groups.forEach((k, group) -> {
            List<String> ids = group.stream().map(IncidentValues::incidentId).distinct().toList();
            IncidentValues first = group.get(0);
            UpdateIncidentsRequest request = new UpdateIncidentsRequest(ids, null, null, null, null, null, null, null,
                    null, null, first.status(), null, first.objective() == null ? null
                    : List.of(new ThreatObjectiveRelation(first.objective())), null);
            out.add(new Batch<>(request, group.stream().map(v -> new ActionItem(v.incidentId(), v.incidentKey(),
                    v.item())).toList()));
        });
        return out;
    }

    /** The constant whose wire spelling is {@code value}; null for a blank value. */
    private static <E extends Enum<E>> E wire(Class<E> type, String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        List<String> allowed = new ArrayList<>();
        for (E e : type.getEnumConstants()) {
            String w = JSON.convertValue(e, String.class);
            if (w.equals(value.strip())) {
                return e;
            }
            allowed.add(w);
        }
        throw new IllegalArgumentException("'" + value + "' is not an Adversarial " + name + " (allowed: "
                + String.join(", ", allowed) + ")");
    }
}
