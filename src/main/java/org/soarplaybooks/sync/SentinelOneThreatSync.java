package org.soarplaybooks.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ServiceStatus;
import org.apache.camel.support.SynchronizationAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.soarplaybooks.engine.PlaybookBeans;
import org.soarplaybooks.http.RequestPacer;
import org.soarplaybooks.http.RetryPolicy;
import org.soarplaybooks.core.queue.IncidentMessage;
import org.soarplaybooks.incident.Incident;
import org.soarplaybooks.intake.QueueSender;
import org.soarplaybooks.incident.NormalizationException;
import org.soarplaybooks.incident.SentinelOneThreatNormalizer;
import org.soarplaybooks.outcome.ActionContext;
import org.soarplaybooks.progress.ProgressMeter;
import org.soarplaybooks.outcome.ActionItem;
import org.soarplaybooks.outcome.Outcomes;
import org.soarplaybooks.problem.ProblemDetails;
import org.soarplaybooks.problem.VendorCallException;
import org.soarplaybooks.vendor.contraforce.ContraForceActions;
import org.soarplaybooks.vendor.sentinelone.SentinelOneActions;
import org.soarplaybooks.vendor.sentinelone.SentinelOneThreatsReader;
import org.soarplaybooks.vendor.sentinelone.ThreatsPage;
import org.soarplaybooks.vendor.sentinelone.ThreatsQuery;

/**
 * The scheduled form of the {@code sentinelone-threat-sync} playbook (bean {@code sentineloneThreatSync}, declared
 * with its settings in {@code routes/sentinelone-threat-sync.camel.yaml}). Each quartz tick asks it, step by step:
 *
 * <ol>
 *   <li>{@link #startRun}: take the run lock, or log one WARN line ({@code skipped: previous run still going since
 *       <UTC time>}) and skip the tick. Two runs never overlap. Then read the watermark file
 *       ({@link WatermarkStore}); without one, the run starts {@code initialLookback} before now.</li>
 *   <li>{@link #hasNextPage} / {@link #readPage}: {@code GET /web/api/v2.1/threats?limit=<pageSize>&sortBy=updatedAt
 *       &sortOrder=asc&updatedAt__gt=<watermark>[&cursor=...]} through {@link SentinelOneThreatsReader}: the page
 *       being sent and at most one read ahead in memory (the next page's call is made while the route sends this
 *       one; see {@link SyncRun}). A failed read throws {@link ThreatsReadException} (the route retries it like any
 *       vendor call; see {@link SyncRun#nextPage} for how a page is read again).</li>
 *   <li>{@link #queuePage}: the page's threats, as canonical incidents, onto the playbook's queue (committed); a
 *       threat that cannot be read becomes its own dead letter (code {@code INVALID_THREAT}), so one bad threat
 *       never stops the sync. The playbook's queue consumer maps them and sends the ContraForce bulk updates.</li>
 *   <li>{@link #pageDone}: every threat of the page is on the queue or dead-lettered.</li>
 *   <li>{@link #finishRun}: after the last page, store the new watermark: the highest {@code updatedAt} seen
 *       (unchanged when the run saw no threat).</li>
 * </ol>
 * A run that ends any other way (a read that retrying could not fix, an unexpected failure, the engine stopping)
 * leaves the watermark where it was, so the next run reads the same threats again: at least once, never lost
 * (ContraForce updates are idempotent). The lock is released when the tick's exchange completes, whatever happened.
 *
 * <p>Dead letters of a run name {@code replayInbox} (the file trigger's inbox of the same playbook) as their
 * inbox, so {@code replay} re-drives them through the file form of the playbook.
 */
public final class SentinelOneThreatSync {

    /** Exchange property holding the run ({@link SyncRun}). */
    public static final String RUN = "soar.sync.run";
    /** The SentinelOne console origin; resolved by the reader when it calls. */
    static final String BASE_URL = "{{sentinelone.base-url}}";
    /** The SentinelOne API token; resolved by the reader on its first call, never logged. */
    static final String API_TOKEN = "{{sentinelone.api-token}}";
    static final String BULK_PATH = "/api/v2/incidents/across-workspaces/bulk-update";

    private static final Logger LOG = LoggerFactory.getLogger("soar.sync");

    private final ObjectMapper mapper = PlaybookBeans.newMapper();
    private final SentinelOneThreatNormalizer normalizer = new SentinelOneThreatNormalizer();
    private final AtomicReference<SyncRun> running = new AtomicReference<>();
    private final AtomicLong runs = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private final Clock clock = Clock.systemUTC();
    private int pageSize = ThreatsQuery.MAX_LIMIT;
    private RequestPacer threatsPacer = new RequestPacer(SentinelOneThreatsReader.DEFAULT_THREATS_PER_SECOND);
    private Duration initialLookback = Duration.ofHours(24);
    private WatermarkStore watermarks;
    private String replayInbox;
    private long progressIntervalMillis = ProgressMeter.DEFAULT_INTERVAL_MILLIS;

    // ---- settings (bean properties in routes/sentinelone-threat-sync.camel.yaml) ---------------------------------

    /** Threats per page ({@code sentinelone.sync.page-size}), 1 to 1000; default 1000. */
    public void setPageSize(int pageSize) {
        if (pageSize < ThreatsQuery.MIN_LIMIT || pageSize > ThreatsQuery.MAX_LIMIT) {
            throw new IllegalArgumentException("sentinelone.sync.page-size must be " + ThreatsQuery.MIN_LIMIT + " to "
                    + ThreatsQuery.MAX_LIMIT + ", not " + pageSize);
        }
        this.pageSize = pageSize;
    }

    /**
     * The most {@code GET /threats} calls per second ({@code sentinelone.rate-limit.threats-per-second}, default
     * 10, SentinelOne's published limit per token): every run's reads are paced to it, so the sync never collects
     * 429s. Lower it when other tools use the same API token.
     *
     * @throws IllegalArgumentException when it is not a positive number
     */
    public void setThreatsPerSecond(double threatsPerSecond) {
        this.threatsPacer = new RequestPacer(threatsPerSecond);
    }

    /**
     * How far back a first run (no watermark yet) reads ({@code sentinelone.sync.initial-lookback}): an ISO-8601
     * duration such as {@code PT24H} (the default) or {@code P7D}.
     *
     * @throws IllegalArgumentException when it is not an ISO-8601 duration, or not positive
     */
    public void setInitialLookback(String lookback) {
        Duration d;
        try {
            d = Duration.parse(lookback.strip());
        } catch (DateTimeParseException | NullPointerException e) {
            throw new IllegalArgumentException("sentinelone.sync.initial-lookback must be an ISO-8601 duration such as"
                    + " PT24H or P7D, not '" + lookback + "'");
        }
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("sentinelone.sync.initial-lookback must be positive, not " + lookback);
        }
        this.initialLookback = d;
    }

    /** The watermark file, e.g. {@code <data>/state/sentinelone-threat-sync.watermark.json}. */
    public void setWatermarkFile(String file) {
        this.watermarks = new WatermarkStore(Path.of(file), mapper);
    }

    /**
     * The least time between two progress lines of a run ({@code playbooks.progress.interval}), milliseconds;
     * default 5000.
     */
    public void setProgressInterval(long millis) {
        new ProgressMeter(millis); // refuses a negative interval now, not at the first run
        this.progressIntervalMillis = millis;
    }

    /** The inbox folder that dead letters of a run name, for {@code replay} (the playbook's file trigger). */
    public void setReplayInbox(String folder) {
        this.replayInbox = folder;
    }

    // ---- the steps of a run -----------------------------------------------------------------------------------

    /**
     * Starts a run, unless the previous one is still going (then logs one WARN line and returns false: the tick is
     * skipped). Sets the audit trigger ({@code quartz://... run N}) and the dead letters' inbox on the exchange.
     *
     * @return true when a run started (the filter of the scheduled route); false when the tick is skipped, or when
     *         the watermark file cannot be read (the run then ends at once, nothing read, and says why in one WARN
     *         line naming the file)
     * @throws IllegalStateException when the bean has no watermark file set; the run ends and the lock is released
     */
    public boolean startRun(Exchange exchange) {
        String playbook = ActionContext.playbook(exchange);
        SyncRun going = running.get();
        SyncRun run = going == null ? new SyncRun(runs.get() + 1, clock.instant().truncatedTo(ChronoUnit.MILLIS),
                progressIntervalMillis) : null;
        if (run == null || !running.compareAndSet(null, run)) {
            SyncRun holder = running.get();
            skipped.incrementAndGet();
            LOG.warn("{}: skipped: previous run still going since {}{}", playbook, holder == null ? "a moment ago"
                    : holder.startedAt, holder == null ? "" : " (run " + holder.number + ")");
            return false;
        }
        runs.incrementAndGet();
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                end(run, done);
            }
        });
        exchange.setProperty(RUN, run);
        String from = exchange.getFromEndpoint() == null ? "schedule" : exchange.getFromEndpoint().getEndpointBaseUri();
        exchange.setProperty(ActionContext.TRIGGER, from + " run " + run.number);
        if (replayInbox != null) {
            exchange.setProperty(ActionContext.INBOX, replayInbox);
        }
        if (watermarks == null) {
            throw new IllegalStateException("the sentineloneThreatSync bean has no watermarkFile");
        }
        Optional<Watermark> stored;
        try {
            stored = watermarks.read();
        } catch (IllegalStateException | UncheckedIOException e) {
            run.fail(e.getMessage()); // the run ends here, nothing read; logged once when the tick completes
            return false;
        }
        // the lookback bound in whole seconds: SentinelOne's own times carry at most microseconds
        Instant since = stored.map(Watermark::updatedAt)
                .orElseGet(() -> run.startedAt.minus(initialLookback).truncatedTo(ChronoUnit.SECONDS));
        String sinceFrom = stored.isPresent() ? "the watermark" : "the initial lookback of " + initialLookback;
        SentinelOneThreatsReader reader = new SentinelOneThreatsReader(exchange.getContext(), BASE_URL, API_TOKEN,
                mapper, threatsPacer);
        // one thread per run reads the next page while this one sends the current (SyncRun: at most one page ahead)
        ExecutorService readAhead = exchange.getContext().getExecutorServiceManager()
                .newSingleThreadExecutor(this, "sentinelone-threats-read-ahead");
        CamelContext context = exchange.getContext();
        String routeId = exchange.getFromRouteId();
        run.open(since, stored.isPresent(), sinceFrom, reader, ThreatsQuery.updatedSince(since.toString(), pageSize),
                readAhead, () -> !stopping(context, routeId)); // no page read ahead once the engine is stopping
        LOG.info("{}: run {} reads SentinelOne threats updated after {} ({})", playbook, run.number, since, sinceFrom);
        return true;
    }

    /**
     * Whether another page is to be read: false after the last page, and false (the run then ends without a new
     * watermark) once the engine or the route is stopping.
     */
    public boolean hasNextPage(Exchange exchange) {
        SyncRun run = run(exchange);
        if (run.lastPageDone()) {
            return false;
        }
        if (stopping(exchange)) {
            run.stop("the engine is stopping");
            return false;
        }
        return true;
    }

    /**
     * Reads the next page of threats.
     *
     * @return the page (body of the next step)
     * @throws ThreatsReadException when SentinelOne answered with an error, an unreadable body or not at all
     */
    public ThreatsPage readPage(Exchange exchange) {
        SyncRun run = run(exchange);
        // so the retry policy's log line names the call; no incident is carried (no audit record, no dead letter)
        ActionContext.begin(exchange, SentinelOneActions.VENDOR, SentinelOneThreatsReader.LIST_THREATS, "GET",
                SentinelOneThreatsReader.THREATS_PATH, null, List.of());
        try {
            ThreatsPage page = run.nextPage();
            forgetRetries(exchange);
            LOG.debug("{}: run {} read page {}: {} threats{}", ActionContext.playbook(exchange), run.number,
                    page.number(), page.threats().size(), page.isLast() ? " (last)" : "");
            return page;
        } catch (VendorCallException e) {
            throw new ThreatsReadException(e);
        }
    }

    /**
     * Sends the threats of the page just read to the playbook's queue, in page order, in one transaction: each as
     * a canonical incident (trigger {@code <schedule> run <n>}, duplicate id {@code sentinelone:<threat
     * id>:<updatedAt>}, so a page read again after a failed run queues nothing twice). A threat the normalizer
     * rejects becomes its own dead letter (code {@code INVALID_THREAT}) with the threat as received; the others go
     * on. The playbook's consumer maps and sends them (config/mapping.yaml; an unmapped value is a dead letter).
     *
     * @return the threats queued
     * @throws org.soarplaybooks.core.queue.QueueUnavailableException when the broker does not store them (the run
     *         then fails and the watermark stays)
     */
    public int queuePage(Exchange exchange) {
        SyncRun run = run(exchange);
        ThreatsPage page = exchange.getMessage().getBody(ThreatsPage.class);
        if (page == null) {
            page = run.current();
        }
        String trigger = exchange.getProperty(ActionContext.TRIGGER, String.class);
        List<IncidentMessage> messages = new ArrayList<>(page.threats().size());
        List<String> ids = new ArrayList<>(page.threats().size());
        for (int i = 0; i < page.threats().size(); i++) {
            JsonNode threat = page.threats().get(i);
            String at = "page " + page.number() + ", threat " + (i + 1);
            try {
                for (Incident incident : normalizer.normalizeParsed(threat)) {
                    messages.add(IncidentMessage.of(incident, trigger));
                    ids.add("sentinelone:" + incident.id() + ":" + incident.updatedAt());
                }
            } catch (NormalizationException e) {
                deadLetter(exchange, threat, at, "INVALID_THREAT", "The SentinelOne threat cannot be read",
                        e.getMessage());
            }
        }
        QueueSender sender = bean(exchange, "queueSender", QueueSender.class);
        return sender.send(ActionContext.playbook(exchange), messages, ids).queued();
    }

    /** Every threat of the page just read is on the playbook's queue or dead-lettered: it counts toward the
     * watermark. */
    public void pageDone(Exchange exchange) {
        SyncRun run = run(exchange);
        ThreatsPage page = run.current();
        run.pageDone();
        if (page != null && !page.isLast() && run.progress().due() && LOG.isInfoEnabled()) {
            logProgress(ActionContext.playbook(exchange), run, page.totalItems());
        }
    }

    /**
     * {@code sentinelone-threat-sync: run 3: 5,000 of 12,000 threats (41 %) on 5 pages, 1,200 threats/s}; without
     * the total when SentinelOne sent no {@code pagination.totalItems}. Structured fields: {@code playbook},
     * {@code run}, {@code threats}, {@code totalItems}, {@code pages}, {@code ratePerSecond}, {@code elapsedMs}.
     */
    private static void logProgress(String playbook, SyncRun run, Integer total) {
        int done = run.threatsDone();
        double rate = run.progress().ratePerSecond(done);
        String of = total == null || total <= 0 ? ProgressMeter.count(done) + " threats"
                : ProgressMeter.count(done) + " of " + ProgressMeter.count(total) + " threats ("
                        + ProgressMeter.percent(done, total) + " %)";
        var e = LOG.atInfo().addKeyValue("playbook", playbook).addKeyValue("run", run.number)
                .addKeyValue("threats", done).addKeyValue("pages", run.pagesDone())
                .addKeyValue("ratePerSecond", Math.round(rate * 10) / 10.0)
                .addKeyValue("elapsedMs", run.progress().elapsedMillis());
        if (total != null) {
            e = e.addKeyValue("totalItems", total);
        }
        e.log(playbook + ": run " + run.number + ": " + of + " on " + pages(run.pagesDone()) + ", "
                + ProgressMeter.rate(rate) + " threats/s");
    }

    /**
     * Ends the run after its last page: stores the new watermark (the highest {@code updatedAt} seen, if later than
     * the run's lower bound). A run that stopped early stores nothing.
     *
     * @throws java.io.UncheckedIOException when the watermark cannot be written (the run then fails: the next
     *         run reads the same threats again)
     */
    public void finishRun(Exchange exchange) {
        SyncRun run = run(exchange);
        if (!run.lastPageDone()) {
            run.stop("it stopped before its last page");
            return;
        }
        Optional<Instant> mark = run.newMark();
        mark.ifPresent(m -> watermarks.write(new Watermark(m, run.startedAt, run.threatsDone())));
        run.finished();
        LOG.info("{}: run {} done: {} on {}{}, each accepted or dead-lettered; {}",
                ActionContext.playbook(exchange), run.number, count(run.threatsDone(), "threat"),
                pages(run.pagesDone()),
                run.rereads() == 0 ? "" : " (" + pages(run.rereads()) + " read again after failed reads)",
                mark.map(m -> "watermark now " + m).orElse("watermark unchanged (" + run.since() + ")"));
    }

    /**
     * The scheduled route's error handler calls this when a page could not be read and retrying cannot help: the
     * run ends here and the watermark stays.
     */
    public void readFailed(Exchange exchange) {
        SyncRun run = exchange.getProperty(RUN, SyncRun.class);
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String stopped = exchange.getProperty(RetryPolicy.STOPPED_BECAUSE, String.class);
        if (run != null) {
            run.fail((failure == null ? "a page could not be read" : failure.getMessage())
                    + (stopped == null ? "" : " (" + stopped + ")"));
        }
    }

    // ---- status -----------------------------------------------------------------------------------------------

    /** The stored watermark, if any. */
    public Optional<Watermark> watermark() {
        return watermarks == null ? Optional.empty() : watermarks.read();
    }

    /** Runs started since the engine started. */
    public long runsStarted() {
        return runs.get();
    }

    /** Ticks skipped because a run was still going. */
    public long ticksSkipped() {
        return skipped.get();
    }

    /** When the run going now started, if one is. */
    public Optional<Instant> runningSince() {
        SyncRun run = running.get();
        return run == null ? Optional.empty() : Optional.of(run.startedAt);
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    private void end(SyncRun run, Exchange exchange) {
        try {
            run.dropReadAhead();
            ExecutorService readAhead = run.readAhead();
            if (readAhead != null) {
                exchange.getContext().getExecutorServiceManager().shutdownNow(readAhead);
            }
            SentinelOneThreatsReader reader = run.reader();
            if (reader != null) {
                reader.close();
            }
            if (!run.isFinished()) {
                Throwable failure = exchange.getException() != null ? exchange.getException()
                        : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
                String why = run.failure() != null ? run.failure()
                        : failure != null ? failure.getMessage() : "it ended before its last page";
                LOG.warn("{}: run {} {} after {}: {}; {}", ActionContext.playbook(exchange), run.number,
                        run.isStopped() ? "stopped" : "failed", pages(run.pagesDone()), why, run.since() == null ? "the watermark stays as it is"
                                : run.fromWatermark() ? "the watermark stays at " + run.since()
                                + ", so the next run reads these threats again"
                                : "no watermark is stored yet, so the next run starts from the initial lookback again");
            }
        } finally {
            running.compareAndSet(run, null);
        }
    }

    /**
     * After a read that succeeded on a retry: the retry bookkeeping of that read must not reach the page's bulk
     * calls (their sub-exchanges copy the run's properties), or their dead letters would count its attempts.
     */
    private static void forgetRetries(Exchange exchange) {
        exchange.removeProperty(RetryPolicy.ATTEMPTS);
        exchange.removeProperty(RetryPolicy.STOPPED_BECAUSE);
        exchange.removeProperty(ActionContext.FIRST_FAILURE);
        exchange.getMessage().removeHeaders("CamelRedeliver*");
    }

    private void deadLetter(Exchange exchange, JsonNode threat, String at, String code, String title, String detail) {
        JsonNode id = threat == null ? null : threat.get("id");
        String incidentId = id != null && id.isValueNode() && !id.asText().isBlank() ? id.asText() : null;
        String key = "SentinelOne:" + (incidentId != null ? incidentId : "(" + at + ")");
        ActionItem item = new ActionItem(incidentId, key, threat);
        // a copy: the run's own exchange keeps no incident in its action context
        Exchange copy = exchange.copy();
        ActionContext.begin(copy, ContraForceActions.VENDOR, ContraForceActions.BULK_UPDATE, "POST", BULK_PATH, null,
                List.of(item));
        bean(exchange, "outcomes", Outcomes.class).deadLetter(copy, item,
                ProblemDetails.of(null, code, title, at + ": " + detail));
    }

    private static String pages(int n) {
        return count(n, "page");
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private static SyncRun run(Exchange exchange) {
        SyncRun run = exchange.getProperty(RUN, SyncRun.class);
        if (run == null) {
            throw new IllegalStateException("no SentinelOne sync run on this exchange: call startRun first");
        }
        return run;
    }

    private static <T> T bean(Exchange exchange, String name, Class<T> type) {
        T bean = exchange.getContext().getRegistry().lookupByNameAndType(name, type);
        if (bean == null) {
            throw new IllegalStateException("no bean '" + name + "' in the engine");
        }
        return bean;
    }

    private static boolean stopping(Exchange exchange) {
        return stopping(exchange.getContext(), exchange.getFromRouteId());
    }

    private static boolean stopping(CamelContext context, String routeId) {
        if (context.isStopping() || context.isStopped()) {
            return true;
        }
        ServiceStatus status = routeId == null ? null : context.getRouteController().getRouteStatus(routeId);
        return status != null && (status.isStopping() || status.isStopped());
    }
}
