package org.soarplaybooks.triage;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.soarplaybooks.incident.ContraForceEventNormalizer;
import org.soarplaybooks.incident.Incident;
import org.soarplaybooks.incident.IncidentSource;
import org.soarplaybooks.incident.SkippedIncident;
import org.soarplaybooks.mapping.MappingException;
import org.soarplaybooks.mapping.StatusMapping;
import org.soarplaybooks.outcome.ActionItem;
import org.soarplaybooks.outcome.Batch;
import org.soarplaybooks.vendor.contraforce.Status;
import org.soarplaybooks.vendor.contraforce.StatusUpdate;
import org.soarplaybooks.vendor.contraforce.UpdateIncidentStatusRequest;
import org.soarplaybooks.vendor.sentinelone.SentinelOneRequests;
import org.soarplaybooks.vendor.sentinelone.UpdateThreatIncidentRequest;

/**
 * Builds the two updates of a triaged SentinelOne incident (bean {@code triageRequests}, playbook
 * {@code contraforce-triage}) from ContraForce webhook events ({@code normalizers.contraForce}).
 *
 * <p>An incident is triaged when its event is {@value ContraForceEventNormalizer#INCIDENT_CREATED} (the envelope's
 * {@code type}, read from {@link Incident#raw()}) and its source is SentinelOne. For each one:
 * <ul>
 *   <li>SentinelOne: the threat ({@code data.incidentId}: for a SentinelOne incident ContraForce's incident id is
 *       the threat id) gets {@code data.incidentStatus}, through {@link SentinelOneRequests#threatIncidentUpdates}
 *       ({@code POST /web/api/v2.1/threats/incident}, api-docs/sentinelone-update-threat-incident.md);</li>
 *   <li>ContraForce: the incident gets {@code status} and {@code comment} ({@code PUT
 *       /api/v2/workspaces/{workspaceId}/incidents/SentinelOne/{incidentId}/status},
 *       api-docs/contraforce-update-incident-status.md) in the ContraForce workspace {@link #workspaceOf} names.</li>
 * </ul>
 * Every other event is skipped with its reason (the playbook logs one INFO line each); of several events about
 * one incident in an input, the last counts. Immutable and thread-safe.
 */
public final class TriageRequests {

    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final StatusMapping mapping;
    private final SentinelOneRequests sentinelOne;

    /** @param mapping the checked mapping file (section {@code workspaces.sentinelone}) */
    public TriageRequests(StatusMapping mapping) {
        this.mapping = mapping;
        this.sentinelOne = new SentinelOneRequests();
    }

    /**
     * What {@link #triage} decided for one input.
     *
     * @param threatUpdates SentinelOne calls (at most {@code maxIds} threats each), one {@link ActionItem} per threat
     *                      (key {@code SentinelOne:<threat id>}, item = the ContraForce event, so a dead letter
     *                      replays through {@code inbox/contraforce-triage/})
     * @param statusUpdates one ContraForce status update per incident (key {@code SentinelOne:<incident id>}, item =
     *                      the event)
     * @param skipped       the incidents not triaged, with why, in input order
     */
    public record Triage(List<Batch<UpdateThreatIncidentRequest>> threatUpdates, List<Batch<StatusUpdate>> statusUpdates,
                         List<SkippedIncident> skipped) {

        public Triage {
            threatUpdates = List.copyOf(threatUpdates);
            statusUpdates = List.copyOf(statusUpdates);
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
     * Decides the triage of one input. Every incident is checked before anything is returned, so an input with one
     * incident that cannot be placed fails as a whole, before any call.
     *
     * <p>From a playbook: {@code method: "triage(${body}, 'in_progress', 'Active', 'Triaged by playbook
     * contraforce-triage', {{sentinelone.incident.max-ids}})"}.
     *
     * @param incidents         canonical incidents of ContraForce events, in input order
     * @param threatStatus      SentinelOne {@code incidentStatus}: {@code unresolved}, {@code in_progress} or
     *                          {@code resolved}
     * @param contraForceStatus ContraForce {@code Status}: {@code Active}, {@code New} or {@code Closed}
     * @param comment           the ContraForce comment recorded with the change (should name the playbook); may be
     *                          null
     * @param maxIds            most threat ids per SentinelOne call, 1 to 1000
     * @throws MappingException         when a triaged incident has no ContraForce workspace (see {@link #workspaceOf})
     * @throws IllegalArgumentException for a status outside the vendors' enums, or {@code maxIds} outside 1..1000
     */
    public Triage triage(List<Incident> incidents, String threatStatus, String contraForceStatus, String comment,
                         int maxIds) {
        Status status;
        try {
            status = Status.valueOf(contraForceStatus);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("'" + contraForceStatus + "' is not a ContraForce Status (allowed: "
                    + "Active, New, Closed)", e);
        }
        List<SkippedIncident> skipped = new ArrayList<>();
        Map<String, Incident> triaged = new LinkedHashMap<>();
        List<Batch<StatusUpdate>> statusUpdates = new ArrayList<>();
        for (Incident i : SkippedIncident.latestPerIncident(incidents, skipped)) {
            String type = i.raw().path("type").asText();
            if (!ContraForceEventNormalizer.INCIDENT_CREATED.equals(type)) {
                skipped.add(SkippedIncident.of(i, "it is " + type + ", not " + ContraForceEventNormalizer.INCIDENT_CREATED));
            } else if (i.source() != IncidentSource.SENTINELONE) {
                skipped.add(SkippedIncident.of(i, "its source is " + i.source().wireName() + ", not SentinelOne"));
            } else {
                triaged.put(i.id(), i);
                statusUpdates.add(new Batch<>(new StatusUpdate(workspaceOf(i), IncidentSource.SENTINELONE, i.id(),
                        new UpdateIncidentStatusRequest(status, comment, null, null, null, null)),
                        List.of(new ActionItem(i.id(), i.key(), i.raw()))));
            }
        }
        List<Batch<UpdateThreatIncidentRequest>> threatUpdates = new ArrayList<>();
        for (Batch<UpdateThreatIncidentRequest> b : sentinelOne.threatIncidentUpdates(List.copyOf(triaged.keySet()),
                threatStatus, null, maxIds)) {
            threatUpdates.add(new Batch<>(b.request(), b.items().stream()
                    .map(item -> new ActionItem(item.incidentId(), item.incidentKey(),
                            triaged.get(item.incidentId()).raw()))
                    .toList()));
        }
        return new Triage(threatUpdates, statusUpdates, skipped);
    }

    /**
     * The ContraForce workspace of a triaged incident: the event's {@code data.workspaceId} when it carries one (a
     * UUID); otherwise {@code workspaces.sentinelone} of the mapping file, looked up with the event's
     * {@code data.siteId} (the SentinelOne site) when present, else its {@code "*"} entry. Neither field is in
     * ContraForce's published example, so with the shipped mapping file an event without them needs a
     * {@code "*"} entry.
     *
     * @throws MappingException naming the incident and the mapping entry to add when nothing applies, or when
     *                          {@code data.workspaceId} is not a UUID
     */
    public String workspaceOf(Incident incident) {
        JsonNode data = incident.raw().path("data");
        String workspaceId = text(data.path("workspaceId"));
        if (workspaceId != null) {
            if (!UUID.matcher(workspaceId).matches()) {
                throw new MappingException("ContraForce event of incident " + incident.key() + ": data.workspaceId '"
                        + workspaceId + "' is not a ContraForce workspace id (a UUID)");
            }
            return workspaceId;
        }
        String siteId = text(data.path("siteId"));
        return mapping.workspace(IncidentSource.SENTINELONE, siteId).orElseThrow(() -> new MappingException(
                mapping.file() + ": no ContraForce workspace for incident " + incident.key() + ": its event has no"
                        + " data.workspaceId, and workspaces.sentinelone has no entry for "
                        + (siteId == null ? "it (the event has no data.siteId; add a \"*\" entry)"
                                : "site '" + siteId + "' nor a \"*\" entry")));
    }

    private static String text(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return null;
        }
        String s = node.isTextual() ? node.asText().strip() : node.toString();
        return s.isEmpty() ? null : s;
    }
}
