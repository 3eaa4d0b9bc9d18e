package org.soarplaybooks.vendor.sentinelone;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.Exchange;
import org.soarplaybooks.problem.ProblemDetails;
import org.soarplaybooks.problem.ProblemDetailsReader;
import org.soarplaybooks.problem.VendorCallException;
import org.soarplaybooks.vendor.HttpAction;

/**
 * What every SentinelOne answer has in common (design/vendor-facts.md, "SentinelOne Management API v2.1"): a JSON
 * object, an {@code errors} array that may hold empty items ({@code [{}]}) on success, and the request id in the
 * {@code X-RQID} response header (api-docs/sentinelone-update-threat-incident.md, Response Headers).
 */
final class SentinelOneAnswers {

    /** SentinelOne's request-id response header. */
    static final String REQUEST_ID_HEADER = "X-RQID";

    private SentinelOneAnswers() {
    }

    /** The vendor's request id of the answer on the exchange, or null. */
    static String requestId(Exchange exchange, HttpAction.Response r) {
        String rqid = exchange.getMessage().getHeader(REQUEST_ID_HEADER, String.class);
        return rqid != null && !rqid.isBlank() ? rqid : r.requestId();
    }

    /**
     * The failure for an answer that is not a success: the vendor's error envelope read as problem details (see
     * {@link ProblemDetailsReader}), with the {@code X-RQID} request id added.
     */
    static VendorCallException failure(HttpAction http, Exchange exchange, HttpAction.Response r) {
        return withRequestId(http.failure(exchange, r), requestId(exchange, r));
    }

    /** A 2xx answer that is not as documented: code {@code MALFORMED_RESPONSE}, with the request id. */
    static VendorCallException malformed(HttpAction http, Exchange exchange, HttpAction.Response r, String why) {
        return withRequestId(http.malformed(exchange, r, why), requestId(exchange, r));
    }

    /**
     * Reads a 2xx answer as a JSON object.
     *
     * @return the object, never null
     * @throws VendorCallException with code {@code MALFORMED_RESPONSE} when the body is empty, not JSON or not an
     *                             object; with the vendor's error when {@code errors} holds a non-empty item (a 200
     *                             carrying an error is a failure; {@code [{}]} is not)
     */
    static JsonNode successObject(HttpAction http, Exchange exchange, HttpAction.Response r, String what) {
        if (r.body().isBlank()) {
            throw malformed(http, exchange, r, "the " + what + " answer has an empty body");
        }
        JsonNode root;
        try {
            root = http.parse(r, JsonNode.class);
        } catch (Exception e) {
            throw malformed(http, exchange, r, "the " + what + " answer is not JSON: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw malformed(http, exchange, r, "the " + what + " answer is not a JSON object");
        }
        if (!ProblemDetailsReader.errorItems(root).isEmpty()) {
            throw failure(http, exchange, r);
        }
        return root;
    }

    private static VendorCallException withRequestId(VendorCallException e, String requestId) {
        ProblemDetails p = e.problem();
        if (requestId == null || p.requestId() != null) {
            return e;
        }
        return new VendorCallException(e.vendor(), e.operation(), new ProblemDetails(p.type(), p.title(), p.status(),
                p.detail(), p.instance(), p.code(), requestId, p.timestamp(), p.target(), p.errors()));
    }
}
