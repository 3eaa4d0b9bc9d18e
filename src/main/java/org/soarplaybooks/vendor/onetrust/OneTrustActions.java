package org.soarplaybooks.vendor.onetrust;

import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.soarplaybooks.outcome.ActionContext;
import org.soarplaybooks.outcome.ActionItem;
import org.soarplaybooks.outcome.Batch;
import org.soarplaybooks.outcome.Outcomes;
import org.soarplaybooks.vendor.HttpAction;
import org.soarplaybooks.vendor.Resend;
import org.soarplaybooks.vendor.StrictJson;

/**
 * The Java half of the {@code onetrust-update-incident-action} Kamelet (bean {@code onetrustActions}).
 *
 * <p>OneTrust's {@code PUT /api/incident/v1/incidents/{incidentId}} replaces the whole incident
 * (api-docs/onetrust-update-incident.md), so one update is two calls, each to the static base URL:
 * <ol>
 *   <li>{@link #prepareGetIncident} → {@code GET /api/incident/v1/incidents/{incidentId}} (operation
 *       {@value #GET_INCIDENT}) → {@link #readIncident}: the incident as it is ({@link IncidentInformation});</li>
 *   <li>{@link #prepareUpdate} → {@code PUT} on the same path (operation {@value #UPDATE_INCIDENT}) with the
 *       {@link IncidentMerge merged} full {@link IncidentUpdateRequest} → {@link #readUpdate}: 200
 *       {@code IncidentInformation}, the item is audited as sent.</li>
 * </ol>
 * After either call a 401 makes the Kamelet drop the token, call {@link #prepareAgain} and send once more.
 *
 * <p>Errors: a non-2xx answer (documented: 400, 401, 403, 429, 500; a 404 for an unknown incident) throws
 * {@link org.soarplaybooks.problem.VendorCallException} with problem details built from the body (OneTrust documents
 * no error body); a 2xx answer that is empty, not JSON, or lacks a member the update needs throws one with code
 * {@code MALFORMED_RESPONSE}. Bad input (no incident id, an id that is not a uuid, no changes, an unknown member)
 * throws {@link IllegalArgumentException} before any call.
 */
public final class OneTrustActions {

    public static final String VENDOR = "OneTrust";
    public static final String GET_INCIDENT = "get-incident";
    public static final String UPDATE_INCIDENT = "update-incident";
    /** Exchange property: the {@link OneTrustIncidentChange} being applied. */
    public static final String CHANGE = "soar.onetrust.change";
    /** Exchange property: the {@link IncidentInformation} as read before the update. */
    public static final String CURRENT = "soar.onetrust.incident";

    private final HttpAction http;
    private final Outcomes outcomes;

    public OneTrustActions(HttpAction http, Outcomes outcomes) {
        this.http = http;
        this.outcomes = outcomes;
    }

    /**
     * Body in: a {@link OneTrustIncidentChange} (typed, JSON text or map) or a {@link Batch} of one. Readies
     * {@code GET /api/incident/v1/incidents/{incidentId}}, no body.
     *
     * @throws IllegalArgumentException when the incident id is missing or not a uuid, or there are no changes
     */
    public void prepareGetIncident(Exchange exchange) {
        Object body = exchange.getMessage().getBody();
        List<ActionItem> items = null;
        if (body instanceof Batch<?> b) {
            items = b.items();
            body = b.request();
        }
        OneTrustIncidentChange change = StrictJson.convert(body, OneTrustIncidentChange.class);
        String id = change.incidentId() == null ? null : change.incidentId().trim();
        if (id == null || id.isEmpty()) {
            throw new IllegalArgumentException("a OneTrust incident update needs 'incidentId'");
        }
        try {
            UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a OneTrust incidentId is a uuid, not '" + id + "'");
        }
        if (change.changes() == null || change.changes().isEmpty()) {
            throw new IllegalArgumentException("a OneTrust incident update needs at least one member in 'changes'");
        }
        change = new OneTrustIncidentChange(id.toLowerCase(Locale.ROOT), change.changes());
        if (items == null) {
            items = List.of(new ActionItem(change.incidentId(), VENDOR + ":" + change.incidentId(), null));
        }
        exchange.setProperty(CHANGE, change);
        exchange.removeProperty(CURRENT);
        http.prepare(exchange, VENDOR, GET_INCIDENT, "GET", path(change.incidentId()), null, items);
    }

    /**
     * Reads the GET answer. Body out (and exchange property {@value #CURRENT}): the {@link IncidentInformation}.
     *
     * @throws org.soarplaybooks.problem.VendorCallException for a non-2xx status; code {@code MALFORMED_RESPONSE}
     *         for a body that is not an incident JSON object, an incident with another id, or one without
     *         {@code name}, {@code incidentTypeName} or {@code orgGroupId} (the PUT requires them)
     */
    public IncidentInformation readIncident(Exchange exchange) {
        HttpAction.Response r = http.read(exchange);
        if (!r.isSuccess()) {
            throw http.failure(exchange, r);
        }
        IncidentInformation incident = parse(exchange, r, "incident");
        String wanted = change(exchange).incidentId();
        if (incident.id() != null && !incident.id().equalsIgnoreCase(wanted)) {
            throw http.malformed(exchange, r, "asked for incident " + wanted + ", the answer is incident "
                    + incident.id());
        }
        String missing = blank(incident.name()) ? "name" : blank(incident.incidentTypeName()) ? "incidentTypeName"
                : blank(incident.orgGroupId()) ? "orgGroupId" : null;
        if (missing != null) {
            throw http.malformed(exchange, r, "the incident has no '" + missing
                    + "', which the update must send back");
        }
        exchange.setProperty(CURRENT, incident);
        exchange.getMessage().setBody(incident);
        return incident;
    }

    /**
     * Readies {@code PUT /api/incident/v1/incidents/{incidentId}} with the merged full {@link IncidentUpdateRequest}
     * (the incident read by {@link #readIncident} plus the change given to {@link #prepareGetIncident}).
     *
     * @throws IllegalStateException when the incident was not read first on this exchange
     */
    public void prepareUpdate(Exchange exchange) {
        IncidentInformation current = exchange.getProperty(CURRENT, IncidentInformation.class);
        if (current == null) {
            throw new IllegalStateException("the OneTrust incident must be read (readIncident) before the update");
        }
        OneTrustIncidentChange change = change(exchange);
        IncidentUpdateRequest request = IncidentMerge.merge(current, change.changes());
        http.prepare(exchange, VENDOR, UPDATE_INCIDENT, "PUT", path(change.incidentId()), request,
                ActionContext.items(exchange));
    }

    /**
     * Reads the PUT answer: 2xx with an incident JSON object audits the item as sent. Body out: the updated
     * {@link IncidentInformation}.
     *
     * @throws org.soarplaybooks.problem.VendorCallException for a non-2xx status; code {@code MALFORMED_RESPONSE}
     *         for a 2xx body that is empty, not JSON or has no {@code id}
     */
    public IncidentInformation readUpdate(Exchange exchange) {
        HttpAction.Response r = http.read(exchange);
        if (!r.isSuccess()) {
            throw http.failure(exchange, r);
        }
        IncidentInformation updated = parse(exchange, r, "updated incident");
        if (blank(updated.id())) {
            throw http.malformed(exchange, r, "the updated incident has no 'id'");
        }
        outcomes.record(exchange, ActionContext.items(exchange), r.status(), r.requestId(), item -> null);
        exchange.removeProperty(CURRENT);
        exchange.getMessage().setBody(updated);
        return updated;
    }

    /** Readies the same request again after the vendor refused the token (see {@link Resend}). */
    public void prepareAgain(Exchange exchange) {
        Resend.prepare(http, exchange);
    }

    private IncidentInformation parse(Exchange exchange, HttpAction.Response r, String what) {
        if (r.body().isBlank()) {
            throw http.malformed(exchange, r, "the " + what + " answer is empty");
        }
        IncidentInformation incident;
        try {
            incident = http.parse(r, IncidentInformation.class);
        } catch (Exception e) {
            throw http.malformed(exchange, r, "cannot read the " + what + " answer: " + e.getMessage());
        }
        if (incident == null) {
            throw http.malformed(exchange, r, "the " + what + " answer is not a JSON object");
        }
        return incident;
    }

    private static OneTrustIncidentChange change(Exchange exchange) {
        OneTrustIncidentChange change = exchange.getProperty(CHANGE, OneTrustIncidentChange.class);
        if (change == null) {
            throw new IllegalStateException("no OneTrust incident change on the exchange (prepareGetIncident first)");
        }
        return change;
    }

    private static String path(String incidentId) {
        return "/api/incident/v1/incidents/" + HttpAction.segment(incidentId);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
