package org.soarplaybooks.outcome;

import java.util.List;

/**
 * A vendor request together with the incidents it carries, so the action can record one outcome per incident.
 * Playbooks get these from the request builders (for example {@code contraforceRequests.bulkUpdates}) and send
 * each one to a Kamelet action; an action also accepts the bare request, and then names the items itself.
 *
 * @param request the wire request (for example a ContraForce {@code BulkUpdateIncidentsRequest})
 * @param items   one entry per incident in the request, in request order
 */
public record Batch<T>(T request, List<ActionItem> items) {

    public Batch {
        items = List.copyOf(items);
    }
}
