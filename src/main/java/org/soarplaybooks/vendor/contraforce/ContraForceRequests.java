package org.soarplaybooks.vendor.contraforce;

import java.util.ArrayList;
import java.util.List;
import org.soarplaybooks.incident.Incident;
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

    private final StatusMapping mapping;

    public ContraForceRequests(StatusMapping mapping) {
        this.mapping = mapping;
    }

    /**
     * One status update per incident. The ContraForce workspace comes from {@code workspaces.<source>} of the
     * mapping file (keyed by the source's workspace); the comment is the source's classification comment.
     *
     * @throws MappingException when a value or the workspace has no mapping (names the incident)
     */
    public List<Batch<StatusUpdate>> statusUpdates(List<Incident> incidents) {
        List<Batch<StatusUpdate>> out = new ArrayList<>(incidents.size());
        for (Incident i : incidents) {
            String workspaceId = mapping.workspace(i.source(), i.workspace()).orElseThrow(() -> new MappingException(
                    mapping.file() + ": no ContraForce workspace is mapped for " + i.source().wireName()
                            + " workspace '" + i.workspace() + "' (incident " + i.key() + "); add it under workspaces."
                            + i.source().name().toLowerCase().replace("_", "") + "."));
            UpdateIncidentStatusRequest body = new UpdateIncidentStatusRequest(
                    map(i, () -> mapping.status(i.source(), i.status())),
                    i.classificationComment(),
                    map(i, () -> mapping.classification(i.source(), i.classification())),
                    map(i, () -> mapping.classificationReason(i.source(), i.classificationReason())),
                    null, null);
            out.add(new Batch<>(new StatusUpdate(workspaceId, i.source(), i.id(), body), List.of(itemOf(i))));
        }
        return out;
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
