package org.soarplaybooks.vendor.contraforce;

import java.util.AbstractList;
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
 * <p>Every incident of the input is mapped before anything is returned, so a file with one unmappable incident
 * fails as a whole, before any vendor call, with a {@link MappingException} naming the incident and the value.
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
        List<UpdateIncidentRequest> items;
        if (incidents instanceof Mapped m && m.mapping == mapping) {
            items = m.items; // mapped one by one already (see mapped())
        } else {
            items = new ArrayList<>(incidents.size());
            for (Incident i : incidents) {
                items.add(bulkItem(i));
            }
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

    /**
     * An empty list of incidents that {@link Mapped#add} maps one by one as they are added, for a caller that must
     * set aside the incidents the mapping file does not map (the SentinelOne sync dead-letters them one by one)
     * rather than fail the whole input. Given to {@link #bulkUpdates} it is not mapped again.
     */
    public Mapped mapped(int expectedSize) {
        return new Mapped(mapping, expectedSize);
    }

    /** Incidents already mapped, with their bulk update items (see {@link #mapped}). A plain list otherwise. */
    public final class Mapped extends AbstractList<Incident> {
        private final StatusMapping mapping;
        private final List<Incident> incidents;
        private final List<UpdateIncidentRequest> items;

        private Mapped(StatusMapping mapping, int expectedSize) {
            this.mapping = mapping;
            this.incidents = new ArrayList<>(expectedSize);
            this.items = new ArrayList<>(expectedSize);
        }

        /**
         * Maps the incident and keeps it; nothing is kept when it throws.
         *
         * @throws MappingException when a value or the workspace has no mapping (names the incident)
         */
        @Override
        public boolean add(Incident incident) {
            UpdateIncidentRequest item = bulkItem(incident);
            incidents.add(incident);
            items.add(item);
            return true;
        }

        /**
         * Maps every incident and keeps them all, or none when one of them throws.
         *
         * @throws MappingException when a value or the workspace of one has no mapping (names the incident)
         */
        @Override
        public boolean addAll(java.util.Collection<? extends Incident> more) {
            List<UpdateIncidentRequest> mapped = new ArrayList<>(more.size());
            for (Incident incident : more) {
                mapped.add(bulkItem(incident));
            }
            incidents.addAll(more);
            items.addAll(mapped);
            return !more.isEmpty();
        }

        @Override
        public Incident get(int index) {
            return incidents.get(index);
        }

        @Override
        public int size() {
            return incidents.size();
        }
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
