package org.soarplaybooks.bulk;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Iterator;
import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;
import org.apache.camel.support.SynchronizationAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.soarplaybooks.contract.ContractCheck;
import org.soarplaybooks.progress.ProgressMeter;
import org.soarplaybooks.outcome.ActionContext;
import org.soarplaybooks.outcome.Batch;
import org.soarplaybooks.outcome.Outcomes;
import org.soarplaybooks.vendor.contraforce.BulkUpdateIncidentsRequest;

/**
 * The bulk inbox (bean {@code bulkInbox}, playbook {@code routes/bulk-incident-update.camel.yaml}): CSV, NDJSON and
 * JSON files of incident updates, streamed row by row into ContraForce bulk updates
 * ({@code POST /api/v2/incidents/across-workspaces/bulk-update},
 * api-docs/contraforce-bulk-update-incidents-across-workspaces.md).
 *
 * <ol>
 *   <li>{@link #open}: opens the file (format from its extension, see {@link BulkRowReader}) and returns a lazy
 *       iterator of batches for a streaming {@code split}.</li>
 *   <li>The split sends each batch through {@code kamelet:contraforce-bulk-update-incidents-action}; this bean, as
 *       the split's {@code aggregationStrategy}, records each row's outcome from the batch's exchange
 *       ({@link #aggregate}).</li>
 *   <li>{@link #finish}: writes {@code <inbox>/.done/<file>.result.json} (see {@link BulkResultFile}).</li>
 * </ol>
 * Rows are checked one by one ({@link BulkRowCheck}); a bad row becomes its own dead letter (problem code
 * {@code INVALID_ROW}, the reason naming the line, the field and the value, the row as read as its item) and the
 * next rows go on. Memory does not grow with the file: rows are read as batches are asked for, at most two batches
 * are held, and outcomes go to temporary files beside the result.
 */
public final class BulkInbox implements AggregationStrategy {

    /** Exchange property holding the file's run (copied onto each batch's exchange by the split). */
    public static final String RUN = "soar.bulkRun";

    private static final Logger LOG = LoggerFactory.getLogger("soar.bulk");

    private final ObjectMapper mapper;
    private final Outcomes outcomes;
    private final BulkRowCheck check;
    private final Clock clock;

    /** With the bundled request schemas and the UTC clock. */
    public BulkInbox(ObjectMapper mapper, Outcomes outcomes) {
        this(mapper, outcomes, new ContractCheck(), Clock.systemUTC());
    }

    /**
     * @param mapper    reads rows and writes outcomes
     * @param outcomes  writes the dead letters (and their audit records) of bad rows
     * @param contracts the request schemas rows are checked against
     * @param clock     times in the result file
     */
    public BulkInbox(ObjectMapper mapper, Outcomes outcomes, ContractCheck contracts, Clock clock) {
        this.mapper = mapper;
        this.outcomes = outcomes;
        this.check = new BulkRowCheck(contracts);
        this.clock = clock;
    }

    /**
     * Opens the file of a file-trigger exchange. The file is closed and the temporary outcome logs deleted when the
     * exchange completes, however it ends.
     *
     * @param exchange the exchange of the file trigger (body: the file; headers {@code CamelFileName},
     *                 {@code CamelFileParent})
     * @param maxItems the most rows in one bulk call ({@code contraforce.bulk.max-items}); at least 1
     * @return the batches, read as the split asks for them
     * @throws BulkFileException        when the file cannot be read at all (see {@link BulkRowReader#open}); nothing
     *                                  was sent
     * @throws IllegalArgumentException when {@code maxItems} is below 1 or the message holds no file
     */
    public Iterator<Batch<BulkUpdateIncidentsRequest>> open(Exchange exchange, int maxItems) {
        return open(exchange, maxItems, ProgressMeter.DEFAULT_INTERVAL_MILLIS);
    }

    /**
     * As {@link #open(Exchange, int)}, with the pace of the file's progress lines (see {@link BulkProgress}).
     *
     * @param progressIntervalMillis the least time between two progress lines ({@code playbooks.progress.interval}),
     *                               milliseconds, 0 or more
     * @throws IllegalArgumentException also when {@code progressIntervalMillis} is negative
     */
    public Iterator<Batch<BulkUpdateIncidentsRequest>> open(Exchange exchange, int maxItems,
                                                            long progressIntervalMillis) {
        if (maxItems < 1) {
            throw new IllegalArgumentException("contraforce.bulk.max-items must be at least 1, not " + maxItems);
        }
        File file = exchange.getMessage().getBody(File.class);
        String parent = exchange.getMessage().getHeader(Exchange.FILE_PARENT, String.class);
        String fileName = exchange.getMessage().getHeader(Exchange.FILE_NAME, String.class);
        if (file == null || parent == null || fileName == null) {
            throw new IllegalArgumentException("the bulk inbox reads files from a file trigger; the message holds "
                    + "no file");
        }
        String name = Path.of(fileName).getFileName().toString();
        BulkProgress progress = new BulkProgress(ActionContext.playbook(exchange), name, file.length(),
                progressIntervalMillis);
        BulkRowReader reader = BulkRowReader.open(file.toPath(), name, mapper);
        BulkRun run;
        try {
            run = new BulkRun(exchange, name, Path.of(parent), reader, outcomes, mapper, clock.instant(), progress);
        } catch (IOException e) {
            reader.close();
            throw new BulkFileException(name + ": cannot create the outcome log: " + e.getMessage());
        }
        exchange.setProperty(RUN, run);
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                run.close();
            }
        });
        LOG.info("{}: reading {} ({}), at most {} rows per call", run.playbook(), name, reader.format(), maxItems);
        return new BulkBatches(run, check, maxItems);
    }

    /**
     * The split's aggregation: records the outcome of each row of the batch that just finished (see
     * {@link BulkRun#answered}) and hands back the file's own exchange, so nothing of a batch (its answer, a failure
     * the error handler dealt with) carries over to the steps after the split. An exchange of another route is
     * passed through as Camel's default would.
     */
    @Override
    public Exchange aggregate(Exchange oldExchange, Exchange newExchange) {
        BulkRun run = newExchange.getProperty(RUN, BulkRun.class);
        if (run == null) {
            return oldExchange == null ? newExchange : oldExchange;
        }
        try {
            run.answered(newExchange);
        } catch (RuntimeException e) {
            run.broken(run.file() + ": cannot record the outcome of a batch: " + e.getMessage());
        }
        return run.exchange();
    }

    /**
     * Writes {@code <inbox>/.done/<file>.result.json} and logs a one-line summary.
     *
     * @return the counts
     * @throws BulkFileException when reading stopped early (the file broke): the result so far is written to
     *                           {@code <inbox>/.failed/<file>.result.json} instead, and the file moves to
     *                           {@code .failed/} with the usual {@code <file>.error.json}; also when the result
     *                           cannot be written
     */
    public BulkCounts finish(Exchange exchange) {
        BulkRun run = exchange.getProperty(RUN, BulkRun.class);
        if (run == null) {
            throw new IllegalStateException("no bulk file was opened on this exchange (bulkInbox.open comes first)");
        }
        run.reader().close();
        String error = run.error();
        Path target = run.inbox().resolve(error == null ? ".done" : ".failed").resolve(run.file() + ".result.json");
        try {
            BulkResultFile.write(target, run, mapper, clock.instant());
        } catch (IOException | UncheckedIOException e) {
            throw new BulkFileException(run.file() + ": cannot write " + target + ": " + e.getMessage());
        }
        BulkCounts c = run.counts();
        if (error != null) {
            throw new BulkFileException(error + " (the " + c.rows() + " row(s) before it were handled: "
                    + c.sent() + " sent, " + c.forbidden() + " forbidden, " + c.failed() + " failed, " + c.invalid()
                    + " invalid; see .failed/" + run.file() + ".result.json)");
        }
        run.progress().finished(c, target);
        return c;
    }
}
