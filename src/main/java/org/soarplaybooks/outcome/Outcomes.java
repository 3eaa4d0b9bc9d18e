package org.soarplaybooks.outcome;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.camel.Exchange;
import org.soarplaybooks.audit.AuditLog;
import org.soarplaybooks.audit.AuditRecord;
import org.soarplaybooks.contract.ContractViolationException;
import org.soarplaybooks.deadletter.DeadLetter;
import org.soarplaybooks.dryrun.DryRun;
import org.soarplaybooks.deadletter.DeadLetterStore;
import org.soarplaybooks.http.RetryPolicy;
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

    /** Exchange property: the failed call's incidents go back to their queue for a later attempt. */
    public static final String RETRY_LATER = "soar.retryLater";

    /** Operation named by the dead letter of an incident the playbook itself could not act on. */
    public static final String RUN_PLAYBOOK = "run-playbook";

    /** Operation named by the dead letter of an inbox item that cannot be read as an incident. */
    public static final String READ_INPUT = "read-input";

    private final AuditLog audit;
    private final DeadLetterStore deadLetters;
    private final Clock clock;
    private final Path dataDir;
    private final ObjectMapper mapper;

    /**
     * @param dataDir the data folder, to record inbox folders relative to it in dead letters
     * @param mapper  the engine's JSON mapper (incidents in dead letters)
     */
    public Outcomes(AuditLog audit, DeadLetterStore deadLetters, Clock clock, Path dataDir, ObjectMapper mapper) {
        this.audit = audit;
        this.deadLetters = deadLetters;
        this.clock = clock;
        this.dataDir = dataDir.toAbsolutePath().normalize();
        this.mapper = mapper;
    }

    /**
     * What the vendor made of one item of a call that reached it: {@code null} when it accepted the item, else the
     * problem that makes the item a dead letter.
     */
    @FunctionalInterface
    public interface Verdict {
        ProblemDetails problemOf(ActionItem item);
    }

    /**
     * Records the outcome of every item of one call that reached the vendor: accepted items as {@code sent}
     * (clearing a dead letter of the same item, playbook and operation left by an earlier failure), refused ones as {@link #deadLetter(Exchange, ActionItem,
     * ProblemDetails)}. The same audit records as one such call per item, written with one locked write
     * ({@link AuditLog#appendAll}); the dead-letter folder is looked at once per call, not once per item. Logs
     * through {@link ActionLog#call}: one INFO line for the call, each dead letter at WARN.
     *
     * @param items      the call's items, in request order
     * @param httpStatus the status of the vendor's answer
     * @param requestId  the vendor's request id (null when unknown)
     * @throws java.io.UncheckedIOException when a dead letter or the audit trail cannot be written
     */
    public void record(Exchange exchange, List<ActionItem> items, int httpStatus, String requestId,
            Verdict verdict) {
        if (DryRun.active(exchange)) {
            for (ActionItem item : items) {
                ProblemDetails problem = verdict.problemOf(item);
                if (problem == null) {
                    wouldSend(exchange, item);
                } else {
                    deadLetter(exchange, item, problem);
                }
            }
            return;
        }
        String playbook = ActionContext.playbook(exchange);
        String operation = operation(exchange);
        // one stat of the folder while it is unchanged; null (changed just now): try each item as before
        Set<String> waiting = deadLetters.waitingIds(playbook);
        List<AuditRecord> records = new ArrayList<>(items.size());
        for (ActionItem item : items) {
            ProblemDetails problem = verdict.problemOf(item);
            if (problem != null) {
                records.add(storeDeadLetter(exchange, item, problem, failedAttempts(exchange) + 1).record());
                continue;
            }
            String deadLetterId = null;
            if (waiting == null || !waiting.isEmpty()) {
                String id = DeadLetterStore.idFor(playbook, operation, item.incidentKey(), shareOf(exchange, item));
                if ((waiting == null || waiting.contains(id)) && deadLetters.remove(playbook, id)) {
                    deadLetterId = id;
                }
                String replayed = replayOf(exchange, item);
                if (replayed != null && !replayed.equals(id) && deadLetters.remove(playbook, replayed)) {
                    deadLetterId = replayed;
                }
            }
            records.add(new AuditRecord(clock.instant(), playbook, trigger(exchange, item), item.incidentKey(),
                    vendor(exchange), operation, httpStatus, requestId, ActionContext.elapsedMillis(exchange),
                    AuditRecord.SENT, deadLetterId, deadLetterId != null ? "dead letter cleared" : null));
        }
        audit.appendAll(records);
        ActionLog.call(records, httpStatus, requestId);
    }

    /**
     * Dry run: the item's request was built and passed the contract check, and was not sent. One audit record
     * {@code would-send} with the masked request (whole on the call's first item, a reference on the others); a
     * dead letter of the item stays where it is.
     */
    private void wouldSend(Exchange exchange, ActionItem item) {
        String playbook = ActionContext.playbook(exchange);
        JsonNode request = exchange.getProperty(DryRun.REQUEST, JsonNode.class);
        var items = ActionContext.items(exchange);
        if (request != null && !items.isEmpty() && items.get(0) != item) {
            ObjectNode ref = JsonNodeFactory.instance.objectNode();
            ref.set("method", request.get("method"));
            ref.set("url", request.get("url"));
            ref.put("sameCallAs", items.get(0).incidentKey());
            request = ref;
        }
        AuditRecord record = new AuditRecord(clock.instant(), playbook, trigger(exchange, item), item.incidentKey(),
                vendor(exchange), operation(exchange), null, null, ActionContext.elapsedMillis(exchange),
                AuditRecord.WOULD_SEND, null, null, request);
        audit.append(record);
        ActionLog.outcome(record);
    }

    /**
     * One item did not reach the vendor (or the vendor refused it): a dead letter with the reason, and an audit
     * record naming it.
     */
    public DeadLetter deadLetter(Exchange exchange, ActionItem item, ProblemDetails problem) {
        // called by an answer reader: the call it read succeeded as a call, so it counts on top of failed ones
        return deadLetter(exchange, item, problem, failedAttempts(exchange) + 1);
    }

    private DeadLetter deadLetter(Exchange exchange, ActionItem item, ProblemDetails problem, int attempts) {
        StoredDeadLetter stored = storeDeadLetter(exchange, item, problem, attempts);
        audit.append(stored.record());
        ActionLog.outcome(stored.record());
        return stored.letter();
    }

    /** A dead letter as stored, and its audit record (not yet written). */
    private record StoredDeadLetter(DeadLetter letter, AuditRecord record) {
    }

    /** Stores the item's dead letter; the caller writes the returned audit record. */
    private StoredDeadLetter storeDeadLetter(Exchange exchange, ActionItem item, ProblemDetails problem, int attempts) {
        String playbook = ActionContext.playbook(exchange);
        String operation = operation(exchange);
        Instant now = clock.instant();
        Instant first = exchange.getProperty(ActionContext.FIRST_FAILURE, now, Instant.class);
        String stopped = exchange.getProperty(RetryPolicy.STOPPED_BECAUSE, String.class);
        String reason = problem.summary() + (stopped == null ? "" : " (" + stopped + ")");
        QueuedIncidents.State state = state(exchange, item);
        DeadLetter stored = deadLetters.put(new DeadLetter(
                DeadLetterStore.idFor(playbook, operation, item.incidentKey(), shareOf(exchange, item)), playbook,
                trigger(exchange, item),
                inbox(exchange), item.incidentKey(), vendor(exchange), operation, item.item(),
                state == null ? null : json(state.incident()),
                exchange.getProperty(ActionContext.REQUEST, JsonNode.class), problem, reason,
                attempts, first, now));
        clearReplayed(playbook, state, stored.id());
        return new StoredDeadLetter(stored, new AuditRecord(now, playbook, trigger(exchange, item),
                item.incidentKey(), vendor(exchange), operation, problem.status(), problem.requestId(),
                ActionContext.elapsedMillis(exchange), AuditRecord.DEAD_LETTERED, stored.id(), reason));
    }

    /**
     * An incident taken from its playbook's queue that the playbook could not act on (a value the mapping file
     * does not map, say), or that kept coming back without an outcome: one dead letter with the incident and the
     * reason, operation {@value #RUN_PLAYBOOK}; {@code replay} sends it back to the queue.
     *
     * @param message the incident with what the queue message said of it (trigger, attempts, replay)
     *
     * @throws java.io.UncheckedIOException when the dead letter or the audit trail cannot be written
     */
    public DeadLetter deadLetterIncident(String playbook, QueuedIncidents.State message, String code, String title,
            String detail) {
        ProblemDetails problem = ProblemDetails.of(null, code, title, detail);
        Instant now = clock.instant();
        String key = message.incident().key();
        JsonNode incident = json(message.incident());
        DeadLetter stored = deadLetters.put(new DeadLetter(DeadLetterStore.idFor(playbook, RUN_PLAYBOOK, key,
                incident), playbook, message.trigger(), null, key, null, RUN_PLAYBOOK, message.incident().raw(),
                incident, null, problem, problem.summary(), message.attempts() + 1,
                message.firstFailure() == null ? now : message.firstFailure(), now));
        if (message.replayOf() != null && !message.replayOf().equals(stored.id())) {
            deadLetters.remove(playbook, message.replayOf());
        }
        AuditRecord record = new AuditRecord(now, playbook, message.trigger(), key, null, RUN_PLAYBOOK, null,
                null, null, AuditRecord.DEAD_LETTERED, stored.id(), problem.summary());
        audit.append(record);
        ActionLog.outcome(record);
        return stored;
    }

    /**
     * An item of an inbox file that cannot be read as an incident (a value outside the source's documented ones, a
     * missing id): one dead letter with the item as it was in the file and the reason, operation
     * {@value #READ_INPUT}; the rest of the file goes on. {@code replay} writes the item back to {@code inbox} as a
     * file of its own, to be read again.
     *
     * @param inbox the inbox folder, relative to the data folder (e.g. {@code inbox/qradar})
     * @throws java.io.UncheckedIOException when the dead letter or the audit trail cannot be written
     */
    public DeadLetter deadLetterInput(String playbook, String trigger, String inbox, String incidentKey,
            JsonNode item, ProblemDetails problem) {
        Instant now = clock.instant();
        DeadLetter stored = deadLetters.put(new DeadLetter(DeadLetterStore.idFor(playbook, READ_INPUT, incidentKey, item),
                playbook, trigger, inbox, incidentKey, null, READ_INPUT, item, null, null, problem,
                problem.summary(), 1, now, now));
        AuditRecord record = new AuditRecord(now, playbook, trigger, incidentKey, null, READ_INPUT, null, null, null,
                AuditRecord.DEAD_LETTERED, stored.id(), problem.summary());
        audit.append(record);
        ActionLog.outcome(record);
        return stored;
    }

    /**
     * A message on a playbook's queue that is not a canonical incident (written there by something else): a dead
     * letter holding its text, so it is not lost and says why.
     *
     * @throws java.io.UncheckedIOException when the dead letter or the audit trail cannot be written
     */
    public DeadLetter deadLetterUnreadable(String playbook, String text, String reason) {
        ProblemDetails problem = ProblemDetails.of(null, "UNREADABLE_MESSAGE",
                "A message on the playbook's queue is not a canonical incident", reason);
        Instant now = clock.instant();
        String key = "message:" + sha256(text == null ? "" : text).substring(0, 16);
        JsonNode body = text == null ? null : mapper.getNodeFactory().textNode(text);
        DeadLetter stored = deadLetters.put(new DeadLetter(DeadLetterStore.idFor(playbook, RUN_PLAYBOOK, key, body),
                playbook, "queue", null, key, null, RUN_PLAYBOOK, body, null, null, problem, problem.summary(), 1,
                now, now));
        AuditRecord record = new AuditRecord(now, playbook, "queue", key, null, RUN_PLAYBOOK, null, null, null,
                AuditRecord.DEAD_LETTERED, stored.id(), problem.summary());
        audit.append(record);
        ActionLog.outcome(record);
        return stored;
    }

    private void clearReplayed(String playbook, QueuedIncidents.State state, String newId) {
        if (state != null && state.replayOf() != null && !state.replayOf().equals(newId)) {
            deadLetters.remove(playbook, state.replayOf());
        }
    }

    /** The item's share of the request on the exchange ({@link Updates#shareOf}). */
    private static JsonNode shareOf(Exchange exchange, ActionItem item) {
        return Updates.shareOf(exchange.getProperty(ActionContext.REQUEST, JsonNode.class), item);
    }

    private static String replayOf(Exchange exchange, ActionItem item) {
        QueuedIncidents.State state = state(exchange, item);
        return state == null ? null : state.replayOf();
    }

    private static QueuedIncidents.State state(Exchange exchange, ActionItem item) {
        QueuedIncidents queued = QueuedIncidents.of(exchange);
        return queued == null ? null : queued.state(item.incidentKey());
    }

    private JsonNode json(Object value) {
        return value == null ? null : mapper.valueToTree(value);
    }

    private static String sha256(String text) {
        try {
            byte[] h = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(h);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A failed attempt that will be tried again after {@code delayMillis}: one audit record {@code retried} per
     * incident the call carries.
     */
    public void retried(Exchange exchange, ProblemDetails problem, int attempt, long delayMillis) {
        String playbook = ActionContext.playbook(exchange);
        String reason = problem.summary() + " (attempt " + attempt + ", next in " + delayMillis + " ms)";
        var items = ActionContext.items(exchange);
        AuditRecord record = null;
        for (ActionItem item : items) {
            record = new AuditRecord(clock.instant(), playbook, trigger(exchange, item), item.incidentKey(),
                    vendor(exchange), operation(exchange), problem.status(), problem.requestId(),
                    ActionContext.elapsedMillis(exchange), AuditRecord.RETRIED, null, reason);
            audit.append(record);
        }
        if (record == null) {
            record = new AuditRecord(clock.instant(), playbook, trigger(exchange), null, vendor(exchange),
                    operation(exchange), problem.status(), problem.requestId(), ActionContext.elapsedMillis(exchange),
                    AuditRecord.RETRIED, null, reason);
        }
        ActionLog.retry(record, items.size(), attempt, delayMillis, problem.summary());
    }

    /** Records when the first attempt of this exchange failed (kept across retries), if not yet recorded. */
    public static void markFailure(Exchange exchange, Instant when) {
        if (exchange.getProperty(ActionContext.FIRST_FAILURE) == null) {
            exchange.setProperty(ActionContext.FIRST_FAILURE, when);
        }
    }

    /** Failed attempts on this exchange, as the retry policy counted them (0 when none failed). */
    private static int failedAttempts(Exchange exchange) {
        Integer attempts = exchange.getProperty(RetryPolicy.ATTEMPTS, Integer.class);
        if (attempts != null) {
            return attempts;
        }
        QueuedIncidents queued = QueuedIncidents.of(exchange);
        return queued == null ? 0 : queued.attemptsBefore(ActionContext.items(exchange));
    }

    private String inbox(Exchange exchange) {
        String parent = exchange.getProperty(ActionContext.INBOX, String.class);
        if (parent == null) {
            return null;
        }
        Path p = Path.of(parent).toAbsolutePath().normalize();
        return p.startsWith(dataDir) ? dataDir.relativize(p).toString() : p.toString();
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
        if (Boolean.TRUE.equals(exchange.getProperty(RETRY_LATER, Boolean.class))) {
            return; // the retry policy sent the call's incidents back to their queue for a later attempt
        }
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
        int attempts = Math.max(1, failedAttempts(exchange)); // the failed call is among those counted
        for (ActionItem item : items) {
            deadLetter(exchange, item, problem, attempts);
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

    /** The trigger of one item: its own message's, when it came from a queue; else the exchange's. */
    private static String trigger(Exchange exchange, ActionItem item) {
        QueuedIncidents.State state = state(exchange, item);
        return state != null && state.trigger() != null ? state.trigger() : trigger(exchange);
    }

    private static String vendor(Exchange exchange) {
        return exchange.getProperty(ActionContext.VENDOR, String.class);
    }

    private static String operation(Exchange exchange) {
        return exchange.getProperty(ActionContext.OPERATION, String.class);
    }
}
