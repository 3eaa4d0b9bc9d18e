package org.soarplaybooks.vendor.contraforce;

import java.util.List;
import org.apache.camel.Exchange;
import org.soarplaybooks.incident.IncidentJson;
import org.soarplaybooks.outcome.ActionContext;
import org.soarplaybooks.outcome.ActionItem;
import org.soarplaybooks.outcome.Batch;
import org.soarplaybooks.outcome.Outcomes;
import org.soarplaybooks.problem.ProblemDetails;
import org.soarplaybooks.vendor.HttpAction;

/**
 * The Java half of the two ContraForce Kamelets (bean {@code contraforceActions}): builds each request before
 * the camel-http call and reads the answer after it.
 *
 * <ul>
 *   <li>{@code contraforce-update-incident-status-action}: {@code PUT
 *       /api/v2/workspaces/{workspaceId}/incidents/{source}/{incidentId}/status}, body
 *       {@link UpdateIncidentStatusRequest}, success 204 (api-docs/contraforce-update-incident-status.md).</li>
 *   <li>{@code contraforce-bulk-update-incidents-action}: {@code POST
 *       /api/v2/incidents/across-workspaces/bulk-update}, body {@link BulkUpdateIncidentsRequest}, success 200
 *       with {@code data.accepted[]} and {@code data.forbidden[]}
 *       (api-docs/contraforce-bulk-update-incidents-across-workspaces.md).</li>
 * </ul>
 * Errors: a non-2xx answer throws {@link org.soarplaybooks.problem.VendorCallException} with the vendor's
 * {@code application/problem+json}; a 200 bulk answer that cannot be read throws one with code
 * {@code MALFORMED_RESPONSE}. Inside a 200 bulk answer, each forbidden item becomes its own dead letter (code
 * {@code FORBIDDEN}, the vendor's reason), and so does each item the answer names neither accepted nor forbidden
 * (code {@code NOT_CONFIRMED}); accepted items are audited as sent.
 */
public final class ContraForceActions {

    public static final String VENDOR = "ContraForce";
    public static final String UPDATE_STATUS = "update-incident-status";
    public static final String BULK_UPDATE = "bulk-update-incidents";

    private final HttpAction http;
    private final Outcomes outcomes;

    public ContraForceActions(HttpAction http, Outcomes outcomes) {
        this.http = http;
        this.outcomes = outcomes;
    }

    /**
     * Body in: a {@link StatusUpdate}, a {@link Batch} of one, or an incident (JSON map) whose
     * {@code actions.contraForceStatus} {@link ContraForceRequests#statusValues} set. Body out: the request JSON.
     *
     * @throws IllegalArgumentException when workspace, source, incident id or status is missing
     */
    public void prepareStatusUpdate(Exchange exchange) {
        Object body = exchange.getMessage().getBody();
        if (body instanceof java.util.Map<?, ?> incident && incident.containsKey(IncidentJson.ACTIONS)) {
            // an incident whose values contraforce-incident-status-values-action set
            Batch<?> planned = IncidentJson.action(incident, ContraForceRequests.ACTION, Batch.class);
            if (planned == null) {
                throw new IllegalArgumentException("incident " + incident.get(IncidentJson.INCIDENT_KEY) + " has no"
                        + " ContraForce status update: call kamelet:contraforce-incident-status-values-action first");
            }
            body = planned;
        }
        List<ActionItem> items = null;
        if (body instanceof Batch<?> b) {
            items = b.items();
            body = b.request();
        }
        StatusUpdate u = http.convert(body, StatusUpdate.class);
        if (u.workspaceId() == null || u.source() == null || u.incidentId() == null || u.request() == null
                || u.request().status() == null) {
            throw new IllegalArgumentException("a ContraForce status update needs workspaceId, source, incidentId "
                    + "and request.status; got " + u);
        }
        if (items == null) {
            items = List.of(new ActionItem(u.incidentId(), u.source().wireName() + ":" + u.incidentId(), null));
        }
        String path = "/api/v2/workspaces/" + HttpAction.segment(u.workspaceId()) + "/incidents/"
                + HttpAction.segment(u.source().wireName()) + "/" + HttpAction.segment(u.incidentId()) + "/status";
        http.prepare(exchange, VENDOR, UPDATE_STATUS, "PUT", path, u.request(), items);
    }

    /**
     * Reads the status update answer: 2xx (documented: 204) audits the item as sent.
     *
     * @return the HTTP status received
     * @throws org.soarplaybooks.problem.VendorCallException for any other status
     */
    public int readStatusUpdate(Exchange exchange) {
        HttpAction.Response r = http.read(exchange);
        if (!r.isSuccess()) {
            throw http.failure(exchange, r);
        }
        outcomes.record(exchange, ActionContext.items(exchange), r.status(), r.requestId(), item -> null);
        exchange.getMessage().setBody(r.status());
        return r.status();
    }

    /**
     * Body in: a {@link BulkUpdateIncidentsRequest} (typed, JSON text or map) or a {@link Batch} of one.
     *
     * @throws IllegalArgumentException when {@code items} is missing or empty, or an item has no {@code id}
     */
    public void prepareBulkUpdate(Exchange exchange) {
        Object body = exchange.getMessage().getBody();
        if (body instanceof java.util.Map<?, ?> incident && incident.containsKey(IncidentJson.ACTIONS)) {
            // an incident whose values contraforce-incident-status-values-action set
            Batch<?> planned = IncidentJson.action(incident, ContraForceRequests.ACTION, Batch.class);
            if (planned == null) {
                throw new IllegalArgumentException("incident " + incident.get(IncidentJson.INCIDENT_KEY) + " has no"
                        + " ContraForce status update: call kamelet:contraforce-incident-status-values-action first");
            }
            body = planned;
        }
        List<ActionItem> items = null;
        if (body instanceof Batch<?> b) {
            items = b.items();
            body = b.request();
        }
        BulkUpdateIncidentsRequest req = http.convert(body, BulkUpdateIncidentsRequest.class);
        if (req.items() == null || req.items().isEmpty()) {
            throw new IllegalArgumentException("a ContraForce bulk update needs at least one item in 'items'");
        }
        if (items == null) {
            items = req.items().stream().map(i -> new ActionItem(i.id(),
                    (i.incidentSource() == null ? "ContraForce" : i.incidentSource().wireName()) + ":" + i.id(),
                    null)).toList();
        }
        http.prepare(exchange, VENDOR, BULK_UPDATE, "POST", "/api/v2/incidents/across-workspaces/bulk-update", req,
                items);
    }

    /**
     * Reads the bulk answer and records one outcome per item.
     *
     * @return the typed answer
     * @throws org.soarplaybooks.problem.VendorCallException for a non-2xx status or an unreadable 200 body
     */
    public BulkUpdateResponse readBulkUpdate(Exchange exchange) {
        HttpAction.Response r = http.read(exchange);
        if (!r.isSuccess()) {
            throw http.failure(exchange, r);
        }
        BulkUpdateResponse answer;
        try {
            answer = http.parse(r, BulkUpdateResponse.class);
        } catch (Exception e) {
            throw http.malformed(exchange, r, "cannot read the bulk update answer: " + e.getMessage());
        }
        if (answer == null || answer.data() == null) {
            throw http.malformed(exchange, r, "the bulk update answer has no 'data'");
        }
        String requestId = answer.meta() == null ? r.requestId() : answer.meta().requestId();
        BulkAnswer verdicts = BulkAnswer.of(answer.data());
        outcomes.record(exchange, ActionContext.items(exchange), r.status(), requestId, item -> {
            BulkAnswer.ItemVerdict v = verdicts.verdictOf(item.incidentId());
            return switch (v.verdict()) {
                case FORBIDDEN -> new ProblemDetails(null, "Forbidden", 403, v.forbidden().reason(), null,
                        "FORBIDDEN", requestId, null, v.forbidden().workspaceId(), null);
                case ACCEPTED -> null;
                case NOT_CONFIRMED -> ProblemDetails.of(r.status(), "NOT_CONFIRMED",
                        "The vendor neither accepted nor refused the item",
                        "incident '" + item.incidentId() + "' is in neither data.accepted nor data.forbidden");
            };
        });
        exchange.getMessage().setBody(answer);
        return answer;
    }
}
