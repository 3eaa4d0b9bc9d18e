package org.soarplaybooks.vendor.contraforce;

import java.util.ArrayList;
import java.util.List;
import org.soarplaybooks.incident.Incident;
import org.soarplaybooks.incident.IncidentJson;
import org.soarplaybooks.mapping.MappingException;
import org.soarplaybooks.mapping.StatusMapping;
import org.soarplaybooks.outcome.ActionItem;
import org.soarplaybooks.outcome.Batch;

/**
 * Builds ContraForce requests from canonical incidents (bean {@code contraforceRequests}), translating status,
 * classification and classification reason through the mapping file ({@code config/mapping.yaml}).
 *
 * <p>Every incident of the input is mapped before anything is returned, so an input with one unmappable incident
 * fails before any vendor call, with a {@link MappingException} naming the incident and the value (the queue
 * consumer then runs the playbook again without it, and the incident becomes its own dead letter).
 */
public final class ContraForceRequests {

    /** The incident's {@code actions} entry {@link #statusValues} fills. */
    public static final String ACTION = "contraForceStatus";

    private final StatusMapping mapping;

    public ContraForceRequests(StatusMapping mapping) {
        this.mapping = mapping;
    }

    /**
     * One incident's ContraForce status update from the values a playbook set in YAML (kamelet
     * {@code contraforce-incident-status-values-action}: literals, or Simple on the incident, already evaluated),
     * for {@code contraforce-update-incident-status-action}: {@code PUT /api/v2/workspaces/{workspaceId}/incidents/
     * {incidentSource}/{incidentId}/status} with {@code {"status", "comment", "classification",
     * "classificationReason"}} (api-docs/contraforce-update-incident-status.md).
     *
     * @param incident             the incident's JSON as a playbook sees it ({@code incidentKey}, {@code raw}, ...)
     * @param workspaceId          the ContraForce workspace id (a UUID)
     * @param incidentSource       ContraForce IncidentSource: Sentinel, DefenderXDR, QRadar, Splunk, CrowdStrike,
     *                             SentinelOne
     * @param incidentId           the incident's id at its source
     * @param status               ContraForce Status: New, Active, Closed
     * @param classification       ContraForce Classification, or null/blank for none
     * @param classificationReason ContraForce ClassificationReason, or null/blank for none
     * @param comment              free text, or null/blank for none
     * @return the incident, with the update as {@code actions.contraForceStatus} (a batch of one: the incident's
     *         audit record or dead letter); {@code contraforce-update-incident-status-action} takes the incident
     * @throws IllegalArgumentException naming the property and the allowed values for a value ContraForce does
     *         not accept (e.g. status {@code 'Done'}), or a missing workspace, source or id; in a playbook run the
     *         incident becomes its own dead letter with this message, the others go on
     */
    public static java.util.Map<String, Object> statusValues(java.util.Map<String, Object> incident, String workspaceId,
            String incidentSource, String incidentId, String status, String classification,
            String classificationReason, String comment) {
        if (blank(workspaceId) || blank(incidentSource) || blank(incidentId)) {
            throw new IllegalArgumentException("a ContraForce status update needs workspaceId, incidentSource and"
                    + " incidentId; got '" + workspaceId + "', '" + incidentSource + "', '" + incidentId + "'");
        }
        if (!org.soarplaybooks.vendor.Ids.isUuid(workspaceId.strip())) {
            throw new IllegalArgumentException("'" + workspaceId + "' is not a ContraForce workspace id (a UUID)");
        }
        org.soarplaybooks.incident.IncidentSource source;
        try {
            source = org.soarplaybooks.incident.IncidentSource.fromWireName(incidentSource.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + incidentSource + "' is not a ContraForce IncidentSource"
                    + " (allowed: Sentinel, DefenderXDR, QRadar, Splunk, CrowdStrike, SentinelOne)", e);
        }
        UpdateIncidentStatusRequest body = new UpdateIncidentStatusRequest(
                constant(Status.class, "Status", status, true),
                blank(comment) ? null : comment,
                constant(Classification.class, "Classification", classification, false),
                constant(ClassificationReason.class, "ClassificationReason", classificationReason, false),
                null, null);
        Object key = incident == null ? null : incident.get("incidentKey");
        Object raw = incident == null ? null : incident.get("raw");
        String id = incidentId.strip();
        ActionItem item = new ActionItem(id, key == null ? source.wireName() + ":" + id : key.toString(),
                IncidentJson.tree(raw));
        return IncidentJson.putAction(incident, ACTION, new Batch<>(new StatusUpdate(workspaceId.strip(), source, id,
                body), List.of(item)));
    }

    /**
     * The status updates of several incidents (their {@code actions.contraForceStatus}, from {@link #statusValues},
     * in the order given; an incident without one is left out), one call each.
     *
     * <p>From a playbook: {@code method: "statusUpdates(${body})"}.
     */
    @SuppressWarnings("unchecked")
    public List<Batch<StatusUpdate>> statusUpdates(List<?> incidents) {
        List<Batch<StatusUpdate>> out = new ArrayList<>();
        for (Object incident : incidents == null ? List.of() : incidents) {
            Batch<StatusUpdate> b = IncidentJson.action(incident, ACTION, Batch.class);
            if (b != null) {
                out.add(b);
            }
        }
        return out;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /** The constant spelled exactly {@code value}, null for a blank optional one. */
    private static <E extends Enum<E>> E constant(Class<E> type, String name, String value, boolean required) {
        if (blank(value)) {
            if (required) {
                throw new IllegalArgumentException("the ContraForce " + name + " is missing");
            }
            return null;
        }
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(value.strip())) {
                return e;
            }
        }
        throw new IllegalArgumentException("'" + value + "' is not a ContraForce " + name + " (allowed: "
                + String.join(", ", java.util.Arrays.stream(type.getEnumConstants()).map(Enum::name).toList()) + ")");
    }

    /**
     * Bulk update requests of at most {@code maxItems} items each, in input order. An incident whose source
     * workspace is set but not mapped fails the whole input; one with no source workspace is sent without
     * {@code workspace}.
     *
     * @param maxItems the most items in one call ({@code contraforce.bulk.max-items}, default 100); at least 1
     * @throws MappingException when a value or a workspace has no mapping (names the incident)
     */
    public List<Batch<BulkUpdateIncidentsRequest>> bulkUpdates(List<Incident> incidents, int maxItems) {
        if (maxItems < 1) {
            throw new IllegalArgumentException("contraforce.bulk.max-items must be at least 1, not " + maxItems);
        }
        List<UpdateIncidentRequest> items = new ArrayList<>(incidents.size());
        for (Incident i : incidents) {
            items.add(bulkItem(i));
        }
        List<Batch<BulkUpdateIncidentsRequest>> out = new ArrayList<>();
        for (int from = 0; from < items.size(); from += maxItems) {
            int to = Math.min(items.size(), from + maxItems);
            List<ActionItem> batchItems = incidents.subList(from, to).stream().map(ContraForceRequests::itemOf)
                    .toList();
            out.add(new Batch<>(new BulkUpdateIncidentsRequest(List.copyOf(items.subList(from, to))), batchItems));
        }
        return out;
    }

    /**
     * The bulk update item of one incident, as {@link #bulkUpdates} maps it.
     *
     * @throws MappingException when a value or the workspace has no mapping (names the incident)
     */
    private UpdateIncidentRequest bulkItem(Incident i) {
        String workspace = null;
        if (i.workspace() != null) {
            workspace = mapping.workspace(i.source(), i.workspace()).orElseThrow(() -> new MappingException(
                    mapping.file() + ": no ContraForce workspace is mapped for " + i.source().wireName()
                            + " workspace '" + i.workspace() + "' (incident " + i.key() + ")"));
        }
        return new UpdateIncidentRequest(i.id(),
                map(i, () -> mapping.status(i.source(), i.status())),
                null, workspace, null, i.classificationComment(),
                map(i, () -> mapping.classification(i.source(), i.classification())),
                map(i, () -> mapping.classificationReason(i.source(), i.classificationReason())),
                i.source());
    }

    private static ActionItem itemOf(Incident i) {
        return new ActionItem(i.id(), i.key(), i.raw());
    }

    private static <T> T map(Incident i, java.util.function.Supplier<T> lookup) {
        try {
            return lookup.get();
        } catch (MappingException e) {
            throw new MappingException(e.getMessage() + " (incident " + i.key() + ")", e);
        }
    }

}
