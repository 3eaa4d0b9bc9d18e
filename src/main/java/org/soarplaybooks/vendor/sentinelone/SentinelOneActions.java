package org.soarplaybooks.vendor.sentinelone;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;
import org.soarplaybooks.outcome.ActionContext;
import org.soarplaybooks.outcome.ActionItem;
import org.soarplaybooks.outcome.Batch;
import org.soarplaybooks.outcome.Outcomes;
import org.soarplaybooks.problem.ProblemDetails;
import org.soarplaybooks.vendor.HttpAction;

/**
 * The Java half of the Kamelet {@code sentinelone-update-threat-incident-action} (bean {@code sentineloneActions}):
 * {@code POST /web/api/v2.1/threats/incident} with body {@link UpdateThreatIncidentRequest}, success 200
 * {@code {"data": {"affected": N}, "errors": []}} (api-docs/sentinelone-update-threat-incident.md).
 *
 * <p>Outcomes, one per threat id of the call:
 * <ul>
 *   <li>{@code affected} equals the number of (distinct) ids sent: every id is audited as sent.</li>
 *   <li>any other {@code affected}: the answer does not say which ids matched, so every id of the call becomes its
 *       own dead letter with code {@code NOT_MATCHED} and the reason "SentinelOne affected N of M threats; this id
 *       may not have matched the filter" — never reported as a success.</li>
 * </ul>
 * Failures of the call as a whole throw {@link org.soarplaybooks.problem.VendorCallException} (the playbook's error
 * handler dead-letters every id): a non-2xx answer (SentinelOne's {@code {"errors": [{"code", "title", "detail"}]}}
 * as problem details, code e.g. {@code "4000010"}); a 200 whose {@code errors} holds a non-empty item (empty items
 * {@code [{}]} are a published quirk, not a failure); a 200 that is empty, not JSON or has no whole-number
 * {@code data.affected} (code {@code MALFORMED_RESPONSE}). The vendor's {@code X-RQID} is the request id.
 */
public final class SentinelOneActions {

    public static final String VENDOR = "SentinelOne";
    public static final String UPDATE_THREAT_INCIDENT = "update-threat-incident";
    public static final String THREATS_INCIDENT_PATH = "/web/api/v2.1/threats/incident";

    private final HttpAction http;
    private final Outcomes outcomes;

    public SentinelOneActions(HttpAction http, Outcomes outcomes) {
        this.http = http;
        this.outcomes = outcomes;
    }

    /**
     * Body in: a {@link Batch} of one {@link UpdateThreatIncidentRequest} (from {@code sentineloneRequests
     * .threatIncidentUpdates}), or the request itself (typed, JSON text or map); then each id of {@code filter.ids}
     * is one item. Body out: the request JSON, ready for the camel-http call.
     *
     * @throws IllegalArgumentException when the body is not such a request, {@code data.incidentStatus} is missing,
     *                                  or {@code filter.ids} is missing, empty or holds a blank id (this action never
     *                                  sends a filter without ids: it could update every threat of the account)
     */
    public void prepareUpdateThreatIncident(Exchange exchange) {
        Object body = exchange.getMessage().getBody();
        List<ActionItem> items = null;
        if (body instanceof Batch<?> b) {
            items = b.items();
            body = b.request();
        }
        UpdateThreatIncidentRequest req = http.convert(body, UpdateThreatIncidentRequest.class);
        if (req.data() == null || req.data().incidentStatus() == null) {
            throw new IllegalArgumentException("a SentinelOne threat incident update needs data.incidentStatus ("
                    + "unresolved, in_progress or resolved)");
        }
        if (req.filter() == null || req.filter().ids() == null || req.filter().ids().isEmpty()) {
            throw new IllegalArgumentException("a SentinelOne threat incident update needs filter.ids: without ids "
                    + "the filter could select every threat of the account");
        }
        List<String> ids = new ArrayList<>(SentinelOneRequests.distinctIds(req.filter().ids()));
        if (!ids.equals(req.filter().ids())) {
            req = new UpdateThreatIncidentRequest(req.data(), req.filter().withIds(ids));
        }
        if (items == null) {
            items = SentinelOneRequests.itemsOf(ids);
        }
        http.prepare(exchange, VENDOR, UPDATE_THREAT_INCIDENT, "POST", THREATS_INCIDENT_PATH, req, items);
    }

    /**
     * Reads the answer and records one outcome per threat id (see the class comment).
     *
     * @return the typed answer (also left as the body)
     * @throws org.soarplaybooks.problem.VendorCallException for a non-2xx status, a 200 carrying an error, or a 200
     *                                                       that is not as documented ({@code MALFORMED_RESPONSE})
     */
    public UpdateThreatIncidentResponse readUpdateThreatIncident(Exchange exchange) {
        HttpAction.Response r = http.read(exchange);
        if (!r.isSuccess()) {
            throw SentinelOneAnswers.failure(http, exchange, r);
        }
        JsonNode root = SentinelOneAnswers.successObject(http, exchange, r, "threat incident update");
        JsonNode affectedNode = root.path("data").path("affected");
        if (!root.path("data").isObject() || !affectedNode.canConvertToInt() || !affectedNode.isIntegralNumber()
                || affectedNode.intValue() < 0) {
            throw SentinelOneAnswers.malformed(http, exchange, r,
                    "the threat incident update answer has no whole number data.affected");
        }
        UpdateThreatIncidentResponse answer;
        try {
            answer = http.parse(r, UpdateThreatIncidentResponse.class);
        } catch (Exception e) {
            throw SentinelOneAnswers.malformed(http, exchange, r,
                    "cannot read the threat incident update answer: " + e.getMessage());
        }
        int affected = affectedNode.intValue();
        int sent = idsSent(exchange);
        String requestId = SentinelOneAnswers.requestId(exchange, r);
        outcomes.record(exchange, ActionContext.items(exchange), r.status(), requestId,
                item -> affected == sent ? null : new ProblemDetails(null, "Threat not confirmed as updated",
                        r.status(), "SentinelOne affected " + affected + " of " + sent
                        + " threats; this id may not have matched the filter", null, "NOT_MATCHED", requestId,
                        null, null, null));
        exchange.getMessage().setBody(answer);
        return answer;
    }

    /** The number of ids the request on this exchange carried ({@code filter.ids} as sent). */
    private static int idsSent(Exchange exchange) {
        JsonNode request = exchange.getProperty(ActionContext.REQUEST, JsonNode.class);
        JsonNode ids = request == null ? null : request.path("body").path("filter").path("ids");
        return ids == null || !ids.isArray() ? 0 : ids.size();
    }
}
