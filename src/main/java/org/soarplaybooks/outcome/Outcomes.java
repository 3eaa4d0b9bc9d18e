package org.soarplaybooks.outcome;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.soarplaybooks.audit.AuditLog;
import org.soarplaybooks.audit.AuditRecord;
import org.soarplaybooks.contract.ContractViolationException;
import org.soarplaybooks.deadletter.DeadLetter;
import org.soarplaybooks.deadletter.DeadLetterStore;
import org.soarplaybooks.problem.ProblemDetails;
import org.soarplaybooks.problem.ProblemDetailsReader;
import org.soarplaybooks.problem.VendorCallException;

/**
 * Records what became of every incident an action carried: {@code sent} (audit record) or
 * {@code dead-lettered} (dead letter plus audit record). Nothing an action carries leaves without one of them.
 *
 * <p>Playbooks reach it as the bean {@code outcomes}; the shared error-handler route calls
 * {@link #deadLetterFailedCall(Exchange)} for a failed call.
 */
public final class Outcomes {

    private static final Logger LOG = LoggerFactory.getLogger("soar.outcome");

    private final AuditLog audit;
    private final DeadLetterStore deadLetters;
    private final Clock clock;

    public Outcomes(AuditLog audit, DeadLetterStore deadLetters, Clock clock) {
        this.audit = audit;
        this.deadLetters = deadLetters;
        this.clock = clock;
    }

    /** One item reached the vendor and was accepted. */
    public void sent(Exchange exchange, ActionItem item, int httpStatus, String requestId) {
        String playbook = ActionContext.playbook(exchange);
        audit.append(new AuditRecord(clock.instant(), playbook, trigger(exchange), item.incidentKey(),
                vendor(exchange), operation(exchange), httpStatus, requestId, ActionContext.elapsedMillis(exchange),
                AuditRecord.SENT, null, null));
        LOG.info("{}: {} {} {} -> sent (HTTP {}{})", playbook, vendor(exchange), operation(exchange),
                item.incidentKey(), httpStatus, requestId == null ? "" : ", request " + requestId);
    }

    /**
     * One item did not reach the vendor (or the vendor refused it): a dead letter with the reason, and an audit
     * record naming it.
     */
    public DeadLetter deadLetter(Exchange exchange, ActionItem item, ProblemDetails problem) {
        String playbook = ActionContext.playbook(exchange);
        String operation = operation(exchange);
        Instant now = clock.instant();
        DeadLetter stored = deadLetters.put(new DeadLetter(
                DeadLetterStore.idFor(playbook, operation, item.incidentKey()), playbook, trigger(exchange),
                item.incidentKey(), vendor(exchange), operation, item.item(),
                exchange.getProperty(ActionContext.REQUEST, JsonNode.class), problem, problem.summary(), 1, now, now));
        audit.append(new AuditRecord(now, playbook, trigger(exchange), item.incidentKey(), vendor(exchange),
                operation, problem.status(), problem.requestId(), ActionContext.elapsedMillis(exchange),
                AuditRecord.DEAD_LETTERED, stored.id(), problem.summary()));
        LOG.warn("{}: {} {} {} -> dead letter {} ({})", playbook, vendor(exchange), operation, item.incidentKey(),
                stored.id(), problem.summary());
        return stored;
    }

    /**
     * Error-handler entry point: the call on this exchange failed as a whole, so every item it carried becomes a
     * dead letter. The reason comes from the caught exception: a {@link VendorCallException}'s problem details,
     * a connection fault ({@link IOException}) as a problem without HTTP status, a request that breaks the vendor's
     * documented contract ({@link ContractViolationException}) as code {@code CONTRACT_VIOLATION} with each field's
     * reasons in {@code errors} (nothing was sent), anything else as
     * {@code ACTION_FAILED} with the exception message.
     */
    public void deadLetterFailedCall(Exchange exchange) {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (failure == null) {
            failure = exchange.getException();
        }
        ProblemDetails problem = problemOf(failure);
        var items = ActionContext.items(exchange);
        if (items.isEmpty()) {
            // the failure happened before an action named its items: keep the whole body
            JsonNode body = exchange.getContext().getTypeConverter().tryConvertTo(JsonNode.class, exchange,
                    exchange.getMessage().getBody());
            items = java.util.List.of(new ActionItem(null, "exchange:" + exchange.getExchangeId(), body));
        }
        for (ActionItem item : items) {
            deadLetter(exchange, item, problem);
        }
    }

    /** The problem details of any failure an action can raise. */
    public static ProblemDetails problemOf(Throwable failure) {
        if (failure instanceof VendorCallException v) {
            return v.problem();
        }
        if (failure instanceof ContractViolationException c) {
            return c.problem();
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof IOException) {
                return ProblemDetailsReader.connectionFailure(t);
            }
        }
        String msg = failure == null ? "unknown failure" : failure.getMessage();
        return ProblemDetails.of(null, "ACTION_FAILED", "The action failed before reaching the vendor", msg);
    }

    private static String trigger(Exchange exchange) {
        return exchange.getProperty(ActionContext.TRIGGER, String.class);
    }

    private static String vendor(Exchange exchange) {
        return exchange.getProperty(ActionContext.VENDOR, String.class);
    }

    private static String operation(Exchange exchange) {
        return exchange.getProperty(ActionContext.OPERATION, String.class);
    }
}
