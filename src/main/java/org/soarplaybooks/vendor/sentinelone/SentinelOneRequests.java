package org.soarplaybooks.vendor.sentinelone;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.soarplaybooks.outcome.ActionItem;
import org.soarplaybooks.outcome.Batch;

/**
 * Builds SentinelOne requests (bean {@code sentineloneRequests}). Values are SentinelOne's wire values: a playbook
 * maps its own vocabulary first (e.g. {@code contraforce-closure-to-sentinelone} through {@code config/mapping.yaml})
 * and passes the result here.
 */
public final class SentinelOneRequests {

    /** Prefix of the incident key of a threat in audit records and dead letters: {@code SentinelOne:<threatId>}. */
    public static final String KEY_PREFIX = "SentinelOne:";
    /** The most ids one call may carry (the largest {@code limit} of the threats API, design/vendor-facts.md). */
    public static final int MAX_IDS_LIMIT = 1000;

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
        if (maxIds < 1 || maxIds > MAX_IDS_LIMIT) {
            throw new IllegalArgumentException("sentinelone.incident.max-ids must be 1 to " + MAX_IDS_LIMIT + ", not "
                    + maxIds);
        }
        if (threatIds == null) {
            throw new IllegalArgumentException("the SentinelOne threat id list is missing (null)");
        }
        ThreatIncidentData data = new ThreatIncidentData(IncidentStatus.fromWire(incidentStatus),
                analystVerdict == null || analystVerdict.isBlank() ? null : AnalystVerdict.fromWire(analystVerdict));
        List<String> ids = new ArrayList<>(distinctIds(threatIds));
        List<Batch<UpdateThreatIncidentRequest>> out = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += maxIds) {
            List<String> chunk = List.copyOf(ids.subList(from, Math.min(ids.size(), from + maxIds)));
            out.add(new Batch<>(new UpdateThreatIncidentRequest(data, ThreatFilter.ofIds(chunk)), itemsOf(chunk)));
        }
        return out;
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
