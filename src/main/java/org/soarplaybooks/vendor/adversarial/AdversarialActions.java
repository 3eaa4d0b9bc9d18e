package org.soarplaybooks.vendor.adversarial;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.camel.Exchange;
import org.soarplaybooks.outcome.ActionContext;
import org.soarplaybooks.outcome.ActionItem;
import org.soarplaybooks.outcome.Batch;
import org.soarplaybooks.outcome.Outcomes;
import org.soarplaybooks.problem.ProblemDetails;
import org.soarplaybooks.vendor.HttpAction;
import org.soarplaybooks.vendor.Resend;
import org.soarplaybooks.vendor.StrictJson;

/**
 * The Java half of the {@code adversarial-update-incidents-action} Kamelet (bean {@code adversarialActions}):
 * {@code PATCH /api/v1/incidents} with an {@link UpdateIncidentsRequest} (operation {@value #UPDATE_INCIDENTS}),
 * success 200 {@code {"incidents": [...]}} ({@link UpdatedIncidents}; api-docs/adversarial-bulk-update-incidents.md).
 *
 * <p>Per item: each requested id found in {@code incidents[].incident.id} is audited as sent; each one missing
 * from the answer becomes its own dead letter with code {@value #NOT_UPDATED} (the vendor answers only the incidents
 * it updated, e.g. ids it does not know are simply absent). After a 401 the Kamelet drops the token, calls
 * {@link #prepareAgain} and sends once more.
 *
 * <p>Errors: a non-2xx answer (documented: 400 "Validation failed (e.g. empty payload, unknown source, inactive
 * assignee)", 404 "Not found"; also 401, 403, 429, 5xx) throws {@link org.soarplaybooks.problem.VendorCallException}
 * with problem details built from the body (the error body format is not documented); a 2xx answer that is empty,
 * not JSON, has no {@code incidents} array or a row without {@code incident.id} throws one with code
 * {@code MALFORMED_RESPONSE}. Bad input (no ids, a blank id, nothing to change, an unknown member or enum value)
 * throws {@link IllegalArgumentException} before any call.
 */
public final class AdversarialActions {

    public static final String VENDOR = "Adversarial";
    public static final String UPDATE_INCIDENTS = "update-incidents";
    /** Dead-letter code of a requested incident the answer does not list. */
    public static final String NOT_UPDATED = "NOT_UPDATED";

    private final HttpAction http;
    private final Outcomes outcomes;

    public AdversarialActions(HttpAction http, Outcomes outcomes) {
        this.http = http;
        this.outcomes = outcomes;
    }

    /**
     * Body in: an {@link UpdateIncidentsRequest} (typed, JSON text or map) or a {@link Batch} of one. Readies
     * {@code PATCH /api/v1/incidents} with it.
     *
     * @throws IllegalArgumentException when {@code ids} is missing, empty or holds a blank id, or no editable field
     *                                  is set
     */
    public void prepareUpdateIncidents(Exchange exchange) {
        Object body = exchange.getMessage().getBody();
        List<ActionItem> items = null;
        if (body instanceof Batch<?> b) {
            items = b.items();
            body = b.request();
        }
        UpdateIncidentsRequest req = StrictJson.convert(body, UpdateIncidentsRequest.class);
        if (req.ids() == null || req.ids().isEmpty()) {
            throw new IllegalArgumentException("an Adversarial incident update needs at least one id in 'ids'");
        }
        if (req.ids().stream().anyMatch(id -> id == null || id.isBlank())) {
            throw new IllegalArgumentException("an Adversarial incident id in 'ids' is blank: " + req.ids());
        }
        if (req.changesNothing()) {
            throw new IllegalArgumentException("an Adversarial incident update needs at least one field to change "
                    + "besides 'ids'");
        }
        if (items == null) {
            items = req.ids().stream().distinct().map(id -> new ActionItem(id, VENDOR + ":" + id, null)).toList();
        }
        http.prepare(exchange, VENDOR, UPDATE_INCIDENTS, "PATCH", "/api/v1/incidents", req, items);
    }

    /**
     * Reads the answer and records one outcome per item. Body out: the {@link UpdatedIncidents}.
     *
     * @throws org.soarplaybooks.problem.VendorCallException for a non-2xx status or an unreadable 2xx body
     */
    public UpdatedIncidents readUpdateIncidents(Exchange exchange) {
        HttpAction.Response r = http.read(exchange);
        if (!r.isSuccess()) {
            throw http.failure(exchange, r);
        }
        if (r.body().isBlank()) {
            throw http.malformed(exchange, r, "the update answer is empty");
        }
        UpdatedIncidents answer;
        try {
            answer = http.parse(r, UpdatedIncidents.class);
        } catch (Exception e) {
            throw http.malformed(exchange, r, "cannot read the update answer: " + e.getMessage());
        }
        if (answer == null || answer.incidents() == null) {
            throw http.malformed(exchange, r, "the update answer has no 'incidents' array");
        }
        Set<String> updated = new HashSet<>();
        for (IncidentRegisterRow row : answer.incidents()) {
            if (row == null || row.incident() == null || row.incident().id() == null
                    || row.incident().id().isBlank()) {
                throw http.malformed(exchange, r, "an entry of 'incidents' has no 'incident.id'");
            }
            updated.add(row.incident().id());
        }
        outcomes.record(exchange, ActionContext.items(exchange), r.status(), r.requestId(),
                item -> updated.contains(item.incidentId()) ? null : ProblemDetails.of(r.status(), NOT_UPDATED,
                        "The vendor did not update the incident",
                        "incident '" + item.incidentId() + "' is missing from the answer's incidents[]"));
        exchange.getMessage().setBody(answer);
        return answer;
    }

    /** Readies the same request again after the vendor refused the token (see {@link Resend}). */
    public void prepareAgain(Exchange exchange) {
        Resend.prepare(http, exchange);
    }
}
