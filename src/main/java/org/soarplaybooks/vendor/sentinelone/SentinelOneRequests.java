package org.soarplaybooks.vendor.sentinelone;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.soarplaybooks.incident.IncidentJson;
import org.soarplaybooks.outcome.ActionItem;
import org.soarplaybooks.outcome.Batch;

/**
 * Builds SentinelOne requests (bean {@code sentineloneRequests}). {@link #threatIncidentUpdates} takes SentinelOne's
 * wire values for a list of threat ids; {@link #threatValues} and {@link #threatIncidentBatches} take the values a
 * playbook set per incident in YAML (kamelet {@code sentinelone-threat-incident-values-action}).
 */
public final class SentinelOneRequests {

    /** Prefix of the incident key of a threat in audit records and dead letters: {@code SentinelOne:<threatId>}. */
    public static final String KEY_PREFIX = "SentinelOne:";
    /** The most ids one call may carry (the largest {@code limit} of the threats API, design/vendor-facts.md). */
    public static final int MAX_IDS_LIMIT = 1000;
    /** The incident's {@code actions} entry {@link #threatValues} fills. */
    public static final String ACTION = "sentinelOneThreat";

    /** Builds requests; needs no mapping file (playbooks look values up with bean {@code mapping}). */
    public SentinelOneRequests() {
    }

    /**
     * The values one incident's threat is to get, from an incident as a playbook sees it ({@code body=json}) and
     * the kamelet {@code sentinelone-threat-incident-values-action}'s properties, already evaluated for this
     * incident (literals, or Simple on the incident).
     *
     * @param incident       the incident's JSON (fields {@code incidentKey}, {@code raw}, ...)
     * @param threatId       the threat id (text, not blank)
     * @param incidentStatus {@code unresolved}, {@code in_progress} or {@code resolved}
     * @param analystVerdict {@code true_positive}, {@code false_positive}, {@code suspicious}, {@code undefined},
     *                       or null/blank to leave the verdict as it is
     * @return the incident, with the values as {@code actions.sentinelOneThreat} ({@link ThreatIncidentValues})
     * @throws IllegalArgumentException naming the property and the allowed values for a value SentinelOne does
     *         not accept (e.g. analystVerdict {@code 'Benign'}), or for a blank threat id; in a playbook run the
     *         incident becomes its own dead letter with this message, the others go on
     */
    public Map<String, Object> threatValues(Map<String, Object> incident, String threatId, String incidentStatus,
                                            String analystVerdict) {
        Object key = incident == null ? null : incident.get("incidentKey");
        String shownKey = key == null ? "" : " of incident " + key;
        if (threatId == null || threatId.isBlank()) {
            throw new IllegalArgumentException("threatId" + shownKey + " is empty: the SentinelOne threat id is"
                    + " required");
        }
        IncidentStatus status = IncidentStatus.fromWire(incidentStatus == null ? null : incidentStatus.strip());
        AnalystVerdict verdict = analystVerdict == null || analystVerdict.isBlank() ? null
                : AnalystVerdict.fromWire(analystVerdict.strip());
        Object raw = incident == null ? null : incident.get("raw");
        return IncidentJson.putAction(incident, ACTION, new ThreatIncidentValues(key == null ? KEY_PREFIX
                + threatId.strip() : key.toString(), threatId.strip(), new ThreatIncidentData(status, verdict),
                IncidentJson.tree(raw)));
    }

    /**
     * The calls for several incidents (their {@code actions.sentinelOneThreat}, from {@link #threatValues}, in the
     * order given; an incident without one is left out): threats with the
     * same {@code data} share a call, at most {@code maxIds} ids each, groups in order of first appearance; a
     * threat listed twice with the same data is sent once. Each batch names one {@link ActionItem} per incident,
     * so each gets its own audit record or dead letter.
     *
     * <p>From a playbook: {@code method: "threatIncidentBatches(${body}, {{sentinelone.incident.max-ids}})"}.
     *
     * @throws IllegalArgumentException for {@code maxIds} outside 1..1000
     */
    public List<Batch<UpdateThreatIncidentRequest>> threatIncidentBatches(List<?> incidents, int maxIds) {
        checkMaxIds(maxIds);
        Map<ThreatIncidentData, Map<String, ActionItem>> groups = new LinkedHashMap<>();
        for (Object incident : incidents == null ? List.of() : incidents) {
            ThreatIncidentValues v = IncidentJson.action(incident, ACTION, ThreatIncidentValues.class);
            if (v == null) {
                continue; // not meant for SentinelOne
            }
            groups.computeIfAbsent(v.data(), d -> new LinkedHashMap<>()).putIfAbsent(v.threatId(),
                    new ActionItem(v.threatId(), v.incidentKey(), v.item()));
        }
        List<Batch<UpdateThreatIncidentRequest>> out = new ArrayList<>();
        groups.forEach((data, items) -> out.addAll(batches(data, new ArrayList<>(items.keySet()),
                new ArrayList<>(items.values()), maxIds)));
        return out;
    }

    /**
     * Threat incident updates ({@code POST /web/api/v2.1/threats/incident}, api-docs/sentinelone-update-threat-incident.md)
     * of at most {@code maxIds} threat ids each, in input order, e.g. {@code {"data": {"incidentStatus": "resolved",
     * "analystVerdict": "true_positive"}, "filter": {"ids": ["123456"]}}}. Each batch names one {@link ActionItem}
     * per threat id (incident key {@code SentinelOne:<id>}), so each threat gets its own audit record or dead letter.
     * A repeated id is sent once.
     *
     * <p>From a playbook: {@code method: "threatIncidentUpdates(${body}, 'resolved', 'true_positive',
     * {{sentinelone.incident.max-ids}})"} ({@code null} for no verdict).
     *
     * @param threatIds      SentinelOne threat ids (text; whole numbers are accepted and written as text)
     * @param incidentStatus required: {@code unresolved}, {@code in_progress} or {@code resolved}
     * @param analystVerdict optional (null or blank: leave the verdict): {@code true_positive}, {@code false_positive},
     *                       {@code suspicious} or {@code undefined}
     * @param maxIds         most ids per call ({@code sentinelone.incident.max-ids}, default 1000), 1 to 1000
     * @return the batches; empty when {@code threatIds} is empty
     * @throws IllegalArgumentException for a value outside the vendor's enums, a null list, a blank or non-text id,
     *                                  or {@code maxIds} outside 1..1000
     */
    public List<Batch<UpdateThreatIncidentRequest>> threatIncidentUpdates(List<String> threatIds, String incidentStatus,
                                                                        String analystVerdict, int maxIds) {
        checkMaxIds(maxIds);
        if (threatIds == null) {
            throw new IllegalArgumentException("the SentinelOne threat id list is missing (null)");
        }
        ThreatIncidentData data = new ThreatIncidentData(IncidentStatus.fromWire(incidentStatus),
                analystVerdict == null || analystVerdict.isBlank() ? null : AnalystVerdict.fromWire(analystVerdict));
        List<String> ids = new ArrayList<>(distinctIds(threatIds));
        return batches(data, ids, itemsOf(ids), maxIds);
    }

    /** Requests of at most {@code maxIds} ids each; {@code items} run parallel to {@code ids}. */
    private static List<Batch<UpdateThreatIncidentRequest>> batches(ThreatIncidentData data, List<String> ids,
                                                                    List<ActionItem> items, int maxIds) {
        List<Batch<UpdateThreatIncidentRequest>> out = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += maxIds) {
            int to = Math.min(ids.size(), from + maxIds);
            out.add(new Batch<>(new UpdateThreatIncidentRequest(data, ThreatFilter.ofIds(List.copyOf(ids.subList(from,
                    to)))), items.subList(from, to)));
        }
        return out;
    }

    private static void checkMaxIds(int maxIds) {
        if (maxIds < 1 || maxIds > MAX_IDS_LIMIT) {
            throw new IllegalArgumentException("sentinelone.incident.max-ids must be 1 to " + MAX_IDS_LIMIT + ", not "
                    + maxIds);
        }
    }

    /** One {@link ActionItem} per threat id: incident id = threat id, key {@code SentinelOne:<id>}, no source item. */
    static List<ActionItem> itemsOf(List<String> ids) {
        return ids.stream().map(id -> new ActionItem(id, KEY_PREFIX + id, null)).toList();
    }

    /** The ids, stripped, first occurrence kept. */
    static Set<String> distinctIds(List<?> threatIds) {
        Set<String> ids = new LinkedHashSet<>();
        int index = 0;
        for (Object o : threatIds) {
            String id;
            if (o instanceof String s) {
                id = s.strip();
            } else if (o instanceof Integer || o instanceof Long || o instanceof java.math.BigInteger) {
                id = o.toString();
            } else {
                throw new IllegalArgumentException("SentinelOne threat id #" + index + " is not text: " + o);
            }
            if (id.isEmpty()) {
                throw new IllegalArgumentException("SentinelOne threat id #" + index + " is blank");
            }
            ids.add(id);
            index++;
        }
        return ids;
    }
}
