package org.soarplaybooks.vendor;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.Exchange;
import org.soarplaybooks.outcome.ActionContext;

/**
 * Readies the exchange to send the current action's request once more, after the vendor refused the access token
 * (HTTP 401) and the auth bean dropped it. The OAuth2 Kamelets (OneTrust, Adversarial) call it through their
 * actions bean ({@code prepareAgain}) between {@code auth.tokenRejected} and the second {@code auth} step.
 *
 * <p>The request is rebuilt from what {@link HttpAction#prepare} recorded ({@link ActionContext}: vendor, operation,
 * {@code soar.request} = method, path, JSON body; the items), through {@link HttpAction#prepare} again, so the
 * second call carries exactly the same method, path, headers and body as the first. The action's start time is
 * kept, so the audit record's elapsed time covers both calls.
 */
public final class Resend {

    private Resend() {
    }

    /**
     * @throws IllegalStateException when no action was prepared on this exchange
     */
    public static void prepare(HttpAction http, Exchange exchange) {
        JsonNode request = exchange.getProperty(ActionContext.REQUEST, JsonNode.class);
        if (request == null) {
            throw new IllegalStateException("there is no request to send again: no action was prepared");
        }
        Long start = exchange.getProperty(ActionContext.START_NANOS, Long.class);
        JsonNode body = request.get("body");
        http.prepare(exchange, exchange.getProperty(ActionContext.VENDOR, String.class),
                exchange.getProperty(ActionContext.OPERATION, String.class), request.path("method").asText(),
                request.path("path").asText(), body == null || body.isNull() ? null : body,
                ActionContext.items(exchange));
        if (start != null) {
            exchange.setProperty(ActionContext.START_NANOS, start);
        }
    }
}
