package org.soarplaybooks.dryrun;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.soarplaybooks.outcome.ActionContext;

/**
 * Stands in for the vendor on a dry-run call: records the masked request (exchange property
 * {@value DryRun#REQUEST}) and leaves the vendor's documented success answer on the message
 * ({@code CamelHttpResponseCode}, {@code Content-Type}, body), so the action's answer reader runs as usual.
 * Exchanges that are not a dry-run action call are let through to the real endpoint.
 */
final class DryRunSink implements Processor {

    private final DryRunAnswers answers;
    private final String endpoint;

    /**
     * @param endpoint the vendor endpoint this sink stands in for (its base URI, e.g.
     *                 {@code https://portal.contraforce.com})
     */
    DryRunSink(DryRunAnswers answers, String endpoint) {
        this.answers = answers;
        this.endpoint = endpoint;
    }

    @Override
    public void process(Exchange exchange) {
        boolean action = DryRun.active(exchange) && exchange.getProperty(ActionContext.VENDOR) != null;
        // the intercepting endpoint skips the real call only when this says so
        exchange.setProperty(ExchangePropertyKey.INTERCEPT_SEND_TO_ENDPOINT_WHEN_MATCHED, action);
        if (!action) {
            return;
        }
        Message m = exchange.getMessage();
        exchange.setProperty(DryRun.REQUEST, MaskedRequest.of(m, endpoint,
                exchange.getProperty(ActionContext.REQUEST, JsonNode.class)));
        DryRunAnswers.Answer answer = answers.answer(exchange);
        m.getHeaders().clear();
        m.setHeader(Exchange.HTTP_RESPONSE_CODE, answer.status());
        if (answer.body() != null) {
            m.setHeader(Exchange.CONTENT_TYPE, "application/json");
            m.setBody(answer.body().getBytes(StandardCharsets.UTF_8));
        } else {
            m.setBody(null);
        }
    }
}
