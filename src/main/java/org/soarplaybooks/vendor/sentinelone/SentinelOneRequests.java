package org.soarplaybooks.vendor.sentinelone;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.soarplaybooks.incident.Incident;
import org.soarplaybooks.incident.IncidentSource;
import org.soarplaybooks.incident.SkippedIncident;
import org.soarplaybooks.mapping.ContraForceToSentinelOne;
import org.soarplaybooks.mapping.MappingException;
import org.soarplaybooks.mapping.StatusMapping;
import org.soarplaybooks.outcome.ActionItem;
import org.soarplaybooks.outcome.Batch;
import org.soarplaybooks.vendor.contraforce.Status;

/**
 * Builds SentinelOne requests (bean {@code sentineloneRequests}). {@link #threatIncidentUpdates} takes SentinelOne's
 * wire values; {@link #closureUpdates} takes ContraForce incidents and maps their values through the mapping file's
 * section {@code contraforce-to-sentinelone} ({@code config/mapping.yaml}).
 */
public final class SentinelOneRequests {

    /** Prefix of the incident key of a threat in audit records and dead letters: {@code SentinelOne:<threatId>}. */
    public static final String KEY_PREFIX = "SentinelOne:";
    /** The most ids one call may carry (the largest {@code limit} of the threats API, design/vendor-facts.md). */
    public static final int MAX_IDS_LIMIT = 1000;

    private final StatusMapping mapping;

    /** Without a mapping file: {@link #closureUpdates} is not available. */
    public SentinelOneRequests() {
        this(null);
    }

    /** @param mapping the checked mapping file (section {@code contraforce-to-sentinelone}), or null */
    public SentinelOneRequests(StatusMapping mapping) {
        this.mapping = mapping;
    }

    /**
     * What {@link #closureUpdates} decided for one input: the threat updates to send, and the incidents it skipped.
     *
     * @param updates one batch per call, each with one {@link ActionItem} per threat (incident key
     *                {@code SentinelOne:<threat id>}, item = the ContraForce event)
     * @param skipped the incidents not acted on, with why, in input order
     */
    public record ClosureUpdates(List<Batch<UpdateThreatIncidentRequest>> updates, List<SkippedIncident> skipped) {

        public ClosureUpdates {
            updates = List.copyOf(updates);
            skipped = List.copyOf(skipped);
        }

        /**
         * Identity, not content: Camel looks a {@code ${body.x}} Simple expression's body up in its bean-info cache
         * by hash ({@code BeanInfoCacheKey}), and hashing every incident of a batch there took most of a
         * playbook's CPU under load (seen in the webhook benchmark's profile).
         */
        @Override
        public boolean equals(Object other) {
            return this == other;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
        }
    }

    /**
     * Playbook {@code contraforce-closure-to-sentinelone}: resolves in SentinelOne the threats whose ContraForce
     * incident was closed. Input: canonical incidents from ContraForce webhook events ({@code normalizers.contraForce}:
     * status, classification in ContraForce spelling; {@link Incident#source()} = the wrapped system;
     * {@link Incident#id()} = ContraForce {@code data.incidentId}, which for a SentinelOne incident is the threat id).
     *
     * <p>Rules, in order: of several events about the same incident only the last counts (the earlier ones are
     * skipped as superseded); an incident whose source is not SentinelOne, or whose status is not {@code Closed}, is
     * skipped with the reason. Every other incident becomes one threat id of a
     * {@code POST /web/api/v2.1/threats/incident} call whose {@code data.incidentStatus} is the mapped ContraForce
     * status and {@code data.analystVerdict} the mapped classification (left out when the incident has no
     * classification). Threats with the same status and verdict share a call, at most {@code maxIds} per call, in
     * order of first appearance, e.g. {@code {"data": {"incidentStatus": "resolved", "analystVerdict":
     * "true_positive"}, "filter": {"ids": ["123456"]}}}.
     *
     * <p>From a playbook: {@code method: "closureUpdates(${body}, {{sentinelone.incident.max-ids}})"}.
     *
     * @param incidents the incidents of one input, in document order
     * @param maxIds    most ids per call ({@code sentinelone.incident.max-ids}), 1 to 1000
     * @return the calls to make and the skipped incidents
     * @throws MappingException when an incident to act on has a status or classification that section
     *         {@code contraforce-to-sentinelone} does not map (the message names the entry and the incident); nothing
     *         is returned then, so the whole input fails before any call
     * @throws IllegalArgumentException for {@code maxIds} outside 1..1000
     * @throws IllegalStateException    when this bean was built without a mapping file
     */
    public ClosureUpdates closureUpdates(List<Incident> incidents, int maxIds) {
        checkMaxIds(maxIds);
        if (mapping == null) {
            throw new IllegalStateException("closureUpdates needs the mapping file (section "
                    + ContraForceToSentinelOne.SECTION + ")");
        }
        ContraForceToSentinelOne table = mapping.contraForceToSentinelOne();
        List<SkippedIncident> skipped = new ArrayList<>();
        Map<ThreatIncidentData, List<Incident>> groups = new LinkedHashMap<>();
        for (Incident i : SkippedIncident.latestPerIncident(incidents, skipped)) {
            if (i.source() != IncidentSource.SENTINELONE) {
                skipped.add(SkippedIncident.of(i, "its source is " + i.source().wireName() + ", not SentinelOne"));
            } else if (!Status.Closed.name().equals(i.status())) {
                skipped.add(SkippedIncident.of(i, "it is " + i.status() + ", not Closed"));
            } else {
                ThreatIncidentData data;
                try {
                    data = new ThreatIncidentData(table.incidentStatus(i.status()),
                            table.analystVerdict(i.classification()));
                } catch (MappingException e) {
                    throw new MappingException(e.getMessage() + " (incident " + i.key() + ")", e);
                }
                groups.computeIfAbsent(data, d -> new ArrayList<>()).add(i);
            }
        }
        List<Batch<UpdateThreatIncidentRequest>> out = new ArrayList<>();
        groups.forEach((data, group) -> {
            List<String> ids = group.stream().map(Incident::id).toList();
            List<ActionItem> items = group.stream().map(i -> new ActionItem(i.id(), KEY_PREFIX + i.id(), i.raw()))
                    .toList();
            out.addAll(batches(data, ids, items, maxIds));
        });
        return new ClosureUpdates(out, skipped);
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
