package org.soarplaybooks.bulk;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Iterator;
import org.apache.camel.AggregationStrategy;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ServiceStatus;
import org.apache.camel.support.SynchronizationAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.soarplaybooks.contract.ContractCheck;
import org.soarplaybooks.progress.ProgressMeter;
import org.soarplaybooks.inbox.FailureReports;
import org.soarplaybooks.intake.InboxIntake;
import org.soarplaybooks.intake.IntakeProgress;
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
    private final FailureReports reports;
    private final Path dataDir;
    private final BulkRowCheck check;
    private final Clock clock;

    /** With the bundled request schemas and the UTC clock. */
    public BulkInbox(ObjectMapper mapper, Outcomes outcomes, FailureReports reports, Path dataDir) {
        this(mapper, outcomes, reports, dataDir, new ContractCheck(), Clock.systemUTC());
    }

    /**
     * @param mapper    reads rows and writes outcomes
     * @param outcomes  writes the dead letters (and their audit records) of bad rows
     * @param reports   writes {@code .failed/<file>.error.json}
     * @param dataDir   the data folder ({@code state/intake/} holds how far each file got)
     * @param contracts the request schemas rows are checked against
     * @param clock     times in the result file
     */
    public BulkInbox(ObjectMapper mapper, Outcomes outcomes, FailureReports reports, Path dataDir,
            ContractCheck contracts, Clock clock) {
        this.mapper = mapper;
        this.outcomes = outcomes;
        this.reports = reports;
        this.dataDir = dataDir.toAbsolutePath().normalize();
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
        String path = exchange.getMessage().getHeader(Exchange.FILE_PATH, String.class);
        String fileName = exchange.getMessage().getHeader(Exchange.FILE_NAME, String.class);
        if (path == null || fileName == null) {
            throw new IllegalArgumentException("the bulk inbox reads files from a file trigger; the message holds "
                    + "no file");
        }
        Path file = Path.of(path).toAbsolutePath().normalize();
        String name = Path.of(fileName).getFileName().toString();
        String playbook = ActionContext.playbook(exchange);
        moveTo(exchange, file, ".done");
        if (Files.isSymbolicLink(file)) {
            failed(exchange, file, playbook, name + " is a symbolic link; inbox files are read where they are, never"
                    + " through a link");
            return java.util.Collections.emptyIterator();
        }
        String hash;
        try {
            hash = IntakeProgress.hashOf(file);
        } catch (IOException e) {
            // the file stays in the inbox: the file trigger takes it again
            throw new UncheckedIOException(name + ": cannot be read now: " + e.getMessage(), e);
        }
        BulkRowReader reader;
        try {
            reader = BulkRowReader.open(file, name, mapper);
        } catch (BulkFileException e) {
            failed(exchange, file, playbook, e.getMessage());
            return java.util.Collections.emptyIterator();
        }
        BulkProgress progress = new BulkProgress(playbook, name, file.toFile().length(), progressIntervalMillis);
        BulkRun run;
        try {
            run = new BulkRun(exchange, name, file.getParent(), reader, outcomes, mapper, clock.instant(), progress,
                    hash, new IntakeProgress(dataDir.resolve("state"), playbook, hash, mapper));
        } catch (IOException e) {
            reader.close();
            throw new UncheckedIOException(name + ": cannot open the outcome logs: " + e.getMessage(), e);
        }
        exchange.setProperty(RUN, run);
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                run.close();
            }
        });
        CamelContext context = exchange.getContext();
        String routeId = exchange.getFromRouteId();
        LOG.info("{}: reading {} ({}), at most {} rows per call{}", run.playbook(), name, reader.format(), maxItems,
                run.handledBefore() == 0 ? "" : "; resuming after the " + run.handledBefore()
                        + " row(s) a run before a stop or a crash handled");
        return new BulkBatches(run, check, maxItems, () -> stopping(context, routeId));
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
     * Ends the file's run: writes {@code <inbox>/.done/<file>.result.json} and logs a one-line summary; the file
     * moves to {@code .done/}.
     *
     * <ul>
     *   <li>When reading stopped early because the file broke, the result so far goes to
     *       {@code <inbox>/.failed/<file>.result.json} instead, with the usual {@code <file>.error.json}, and the file
     *       moves to {@code .failed/}.</li>
     *   <li>When the engine is stopping, nothing is written and the file stays in its inbox: the next start takes it
     *       again and resumes after its last batch.</li>
     *   <li>A file that could not be read at all moved to {@code .failed/} already ({@link #open}).</li>
     * </ul>
     *
     * @return the counts, or null when the file has no run (it could not be read)
     * @throws IllegalStateException when the engine is stopping (the file stays, to be taken again)
     * @throws UncheckedIOException when the result cannot be written (the file stays, to be taken again)
     */
    public BulkCounts finish(Exchange exchange) {
        BulkRun run = exchange.getProperty(RUN, BulkRun.class);
        if (run == null) {
            return null; // could not be read: moved to .failed/ with its report already
        }
        run.reader().close();
        if (run.stopped()) {
            // a failed exchange: the file trigger leaves the file where it is (the error handler says so, once)
            throw new IllegalStateException("the engine is stopping (" + run.counts().rows() + " row(s) handled so far;"
                    + " the next start resumes after them)");
        }
        String error = run.error();
        Path target = run.inbox().resolve(error == null ? ".done" : ".failed").resolve(run.file() + ".result.json");
        try {
            BulkResultFile.write(target, run, mapper, clock.instant());
            run.clearProgress();
        } catch (IOException | UncheckedIOException e) {
            throw new UncheckedIOException(run.file() + ": cannot write " + target + ": " + e.getMessage(),
                    e instanceof IOException io ? io : new IOException(e));
        }
        run.deleteLogs();
        BulkCounts c = run.counts();
        if (error != null) {
            Path file = run.inbox().resolve(run.file());
            failed(exchange, file, run.playbook(), error + " (the " + c.rows() + " row(s) before it were handled: "
                    + c.sent() + " sent, " + c.forbidden() + " forbidden, " + c.failed() + " failed, " + c.invalid()
                    + " invalid; see .failed/" + run.file() + ".result.json)");
            return c;
        }
        run.progress().finished(c, target);
        return c;
    }

    /** The file cannot be read (or broke): {@code .failed/<file>.error.json} says why, and the file moves there. */
    private void failed(Exchange exchange, Path file, String playbook, String reason) {
        Path report = reports.write(file, playbook, reason, BulkFileException.class.getName());
        moveTo(exchange, file, ".failed");
        LOG.warn("{}: file {} failed: {} (report: {})", playbook, file.getFileName(), reason, report);
    }

    private static void moveTo(Exchange exchange, Path file, String folder) {
        exchange.setProperty(InboxIntake.MOVE_TO, file.resolveSibling(folder).resolve(file.getFileName()).toString());
    }

    private static boolean stopping(CamelContext context, String routeId) {
        if (context.isStopping() || context.isStopped()) {
            return true;
        }
        ServiceStatus status = routeId == null ? null : context.getRouteController().getRouteStatus(routeId);
        return status != null && (status.isStopping() || status.isStopped());
    }
}
