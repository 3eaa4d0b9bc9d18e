package org.soarplaybooks.bulk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultExchange;
import org.soarplaybooks.deadletter.DeadLetter;
import org.soarplaybooks.deadletter.DeadLetterStore;
import org.soarplaybooks.http.RetryPolicy;
import org.soarplaybooks.intake.IntakeProgress;
import org.soarplaybooks.outcome.ActionContext;
import org.soarplaybooks.outcome.ActionItem;
import org.soarplaybooks.outcome.Batch;
import org.soarplaybooks.outcome.Outcomes;
import org.soarplaybooks.outcome.Updates;
import org.soarplaybooks.problem.ProblemDetails;
import org.soarplaybooks.vendor.contraforce.BulkAnswer;
import org.soarplaybooks.vendor.contraforce.BulkUpdateResponse;
import org.soarplaybooks.vendor.contraforce.ContraForceActions;

/**
 * The state of one bulk file while it runs: the row reader, the counts, the rows of the batches in flight (at most
 * two batches: the one being sent and the one read ahead), and the outcome logs. Everything else about the rows is
 * on disk, so the memory used does not grow with the file.
 *
 * <p>Thread-safe: rows are read on the thread that asks for the next batch, answers are recorded on the thread
 * that finished the call (after an asynchronous retry, a scheduler thread).
 */
final class BulkRun implements Closeable {

    /** Problem details {@code code} of a bad row's dead letter. */
    static final String INVALID_ROW = "INVALID_ROW";

    private final Exchange exchange;
    private final String file;
    private final Path inbox;
    private final String playbook;
    private final Instant startedAt;
    private final BulkRowReader reader;
    private final Outcomes outcomes;
    private final OutcomeLog sentLog;
    private final OutcomeLog invalidLog;
    private final Exchange badRows;
    private final BulkProgress progress;
    private final Map<ActionItem, long[]> inFlight = new IdentityHashMap<>();
    private final IntakeProgress record;
    private final ObjectMapper mapper;
    /** Rows a run of the same file handled before this one (skipped, not read again). */
    private final long handledBefore;
    /** Rows read from the file so far, those of earlier runs included: the ordinal of the last row read. */
    private long rowsRead;
    private long rows;
    private long sent;
    private long forbidden;
    private long failed;
    private long invalid;
    private String error;
    private boolean stopped;

    /**
     * @param exchange the file's exchange (the split's aggregation hands it back, so nothing of a batch leaks onto
     *                 it)
     * @param file     the file's name
     * @param inbox    the inbox folder; the outcome logs go, hidden ({@code .bulk-outcomes-*.tmp}), into its
     *                 {@code .done/} until the run ends
     * @param progress the file's progress lines
     * @param hash     the file's hash ({@link IntakeProgress#hashOf}): names its outcome logs
     * @param record   how far the file got, read to resume, written after each batch
     */
    BulkRun(Exchange exchange, String file, Path inbox, BulkRowReader reader, Outcomes outcomes, ObjectMapper mapper,
            Instant startedAt, BulkProgress progress, String hash, IntakeProgress record) throws IOException {
        this.exchange = exchange;
        this.file = file;
        this.inbox = inbox;
        this.playbook = ActionContext.playbook(exchange);
        this.startedAt = startedAt;
        this.reader = reader;
        this.outcomes = outcomes;
        this.mapper = mapper;
        this.record = record;
        JsonNode before = record.read();
        this.handledBefore = before == null ? 0 : before.path("next").asLong(0);
        if (before != null) { // the counts of the rows handled before, so the result counts every row
            rows = before.path("rows").asLong(0);
            sent = before.path("sent").asLong(0);
            forbidden = before.path("forbidden").asLong(0);
            failed = before.path("failed").asLong(0);
            invalid = before.path("invalid").asLong(0);
        }
        Path work = inbox.resolve(".done");
        this.sentLog = new OutcomeLog(work, ".bulk-outcomes-sent-" + hash + ".log", mapper, before == null);
        this.invalidLog = new OutcomeLog(work, ".bulk-outcomes-invalid-" + hash + ".log", mapper, before == null);
        this.badRows = badRowsExchange(exchange);
        this.progress = progress;
    }

    /** Rows an earlier run of the same file handled: the batches skip them. */
    long handledBefore() {
        return handledBefore;
    }

    /** One more row read from the file (or skipped as handled before); returns its ordinal. */
    synchronized long rowRead() {
        return ++rowsRead;
    }

    /** The engine is stopping: reading ended early, and the file stays in the inbox to be taken again. */
    synchronized void stop() {
        stopped = true;
    }

    synchronized boolean stopped() {
        return stopped;
    }

    /**
     * Records how far the file got: every row up to the first still in flight has its outcome in the logs (flushed
     * first), and the counts so far. A file taken again after a stop or a crash skips those rows, so rows the vendor
     * confirmed are not sent again, but for the batch in flight.
     */
    private void recordProgress() {
        long handled = rowsRead;
        for (long[] lineAndOrdinal : inFlight.values()) {
            handled = Math.min(handled, lineAndOrdinal[1] - 1);
        }
        sentLog.flush();
        invalidLog.flush();
        ObjectNode json = mapper.createObjectNode();
        json.put("file", file);
        json.put("next", handled);
        BulkCounts c = counts();
        json.put("rows", c.rows() - inFlight.size());
        json.put("sent", c.sent());
        json.put("forbidden", c.forbidden());
        json.put("failed", c.failed());
        json.put("invalid", c.invalid());
        try {
            record.recordUnsynced(json);
        } catch (IOException e) {
            throw new BulkFileException(file + ": cannot record its progress: " + e.getMessage());
        }
    }

    /** The file is done: its progress record goes. */
    void clearProgress() throws IOException {
        record.clear();
    }

    /**
     * The exchange bad rows are dead-lettered on: the file's trigger and inbox (so {@code replay} writes the row back
     * into this inbox), the playbook, ContraForce's bulk update as the operation (so a later successful update of
     * the same incident clears the dead letter), and no request: nothing was sent.
     */
    private static Exchange badRowsExchange(Exchange fileExchange) {
        Exchange e = new DefaultExchange(fileExchange.getContext());
        e.setProperty(ActionContext.PLAYBOOK, ActionContext.playbook(fileExchange));
        e.getMessage().setHeader(Exchange.FILE_NAME, fileExchange.getMessage().getHeader(Exchange.FILE_NAME));
        e.getMessage().setHeader(Exchange.FILE_PARENT, fileExchange.getMessage().getHeader(Exchange.FILE_PARENT));
        ActionContext.begin(e, ContraForceActions.VENDOR, ContraForceActions.BULK_UPDATE, "POST", null, null,
                List.of());
        e.removeProperty(ActionContext.REQUEST);
        e.removeProperty(ActionContext.START_NANOS);
        return e;
    }

    Exchange exchange() {
        return exchange;
    }

    String file() {
        return file;
    }

    Path inbox() {
        return inbox;
    }

    String playbook() {
        return playbook;
    }

    Instant startedAt() {
        return startedAt;
    }

    BulkRowReader reader() {
        return reader;
    }

    /** A bad row: its dead letter (reason: the row's problem) and its outcome. */
    synchronized void invalid(CheckedRow row) {
        rows++;
        invalid++;
        DeadLetter d;
        try {
            d = outcomes.deadLetter(badRows, new ActionItem(row.incidentId(), row.incidentKey(), row.item()),
                    ProblemDetails.of(null, INVALID_ROW, "The row is not a valid ContraForce incident update; it was "
                            + "not sent", row.problem()));
        } catch (RuntimeException e) {
            throw new BulkFileException(file + ": line " + row.line() + ": cannot store the bad row's dead letter: "
                    + e.getMessage());
        }
        invalidLog.append(new RowOutcome(row.line(), row.incidentId(), row.incidentKey(), RowOutcome.INVALID,
                row.problem(), d.id()));
        progress.update(counts(), reader.bytesRead());
    }

    /** A good row put into a batch. */
    synchronized void sending(ActionItem item, long line, long ordinal) {
        rows++;
        inFlight.put(item, new long[] {line, ordinal});
    }

    /** Reading stopped early: the file moves to {@code .failed/} once the batches read so far are done. */
    synchronized void broken(String message) {
        if (error == null) {
            error = message;
        }
    }

    synchronized String error() {
        return error;
    }

    synchronized BulkCounts counts() {
        return new BulkCounts(rows, sent, forbidden, failed, invalid);
    }

    BulkProgress progress() {
        return progress;
    }

    /**
     * Records the outcome of every row of one batch, from the batch's exchange once the action (and the error
     * handler, if the call failed) is done with it. This mirrors what the action recorded: a 200 answer's
     * {@code forbidden[]} items are forbidden, its {@code accepted[]} items sent, the rest not confirmed
     * ({@link ContraForceActions#readBulkUpdate}); a failed call dead-lettered every row
     * ({@link Outcomes#deadLetterFailedCall}), with the reason the dead letters carry.
     */
    synchronized void answered(Exchange batch) {
        JsonNode request = batch.getProperty(ActionContext.REQUEST, JsonNode.class);
        List<ActionItem> items = ActionContext.items(batch);
        Object body = batch.getMessage().getBody();
        if (items.isEmpty() && body instanceof Batch<?> b) {
            items = b.items();
        }
        if (body instanceof BulkUpdateResponse answer && answer.data() != null) {
            BulkAnswer verdicts = BulkAnswer.of(answer.data());
            for (ActionItem item : items) {
                BulkAnswer.ItemVerdict v = verdicts.verdictOf(item.incidentId());
                switch (v.verdict()) {
                    case FORBIDDEN -> record(item, RowOutcome.FORBIDDEN, v.forbidden().reason(), request);
                    case ACCEPTED -> record(item, RowOutcome.SENT, null, request);
                    case NOT_CONFIRMED -> record(item, RowOutcome.DEAD_LETTERED, "NOT_CONFIRMED: the answer lists "
                            + "the incident neither in data.accepted nor in data.forbidden", request);
                }
            }
            progress.update(counts(), reader.bytesRead());
            recordProgress();
            return;
        }
        if (batch.getException() != null) {
            // not handled by the vendor-call handler (a bug, not the vendor): still, no row may go unaccounted for
            outcomes.deadLetterFailedCall(batch);
            batch.setException(null);
        }
        Throwable failure = batch.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String stopped = batch.getProperty(RetryPolicy.STOPPED_BECAUSE, String.class);
        String reason = Outcomes.problemOf(failure).summary() + (stopped == null ? "" : " (" + stopped + ")");
        for (ActionItem item : items) {
            record(item, RowOutcome.DEAD_LETTERED, reason, request);
        }
        progress.update(counts(), reader.bytesRead());
        recordProgress();
    }

    private void record(ActionItem item, String result, String reason, JsonNode request) {
        long[] lineAndOrdinal = inFlight.remove(item);
        Long line = lineAndOrdinal == null ? null : lineAndOrdinal[0];
        switch (result) {
            case RowOutcome.SENT -> sent++;
            case RowOutcome.FORBIDDEN -> forbidden++;
            default -> failed++;
        }
        String deadLetterId = RowOutcome.SENT.equals(result) ? null
                : DeadLetterStore.idFor(playbook, ContraForceActions.BULK_UPDATE, item.incidentKey(),
                        Updates.shareOf(request, item));
        sentLog.append(new RowOutcome(line == null ? 0 : line, item.incidentId(), item.incidentKey(), result, reason,
                deadLetterId));
    }

    /** The two outcome logs, good rows' then bad rows', each in line order. */
    OutcomeLog sentLog() {
        return sentLog;
    }

    OutcomeLog invalidLog() {
        return invalidLog;
    }

    /** Closes the file and the outcome logs (which stay for a run that takes the file again); safe to call twice. */
    @Override
    public synchronized void close() {
        reader.close();
        sentLog.close();
        invalidLog.close();
    }

    /** Deletes the outcome logs: the result file holds them now. */
    synchronized void deleteLogs() {
        sentLog.delete();
        invalidLog.delete();
    }
}
