package org.soarplaybooks.sync;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import org.soarplaybooks.incident.IsoInstants;
import org.soarplaybooks.progress.ProgressMeter;
import org.soarplaybooks.vendor.sentinelone.SentinelOneThreatsReader;
import org.soarplaybooks.vendor.sentinelone.ThreatsPage;
import org.soarplaybooks.vendor.sentinelone.ThreatsQuery;

/**
 * One run of the scheduled SentinelOne threat sync: its lower bound, the pages read so far and the highest
 * {@code updatedAt} among the threats of the pages whose every threat was accepted or dead-lettered. One run at a
 * time (the sync's lock); its steps run one after the other, possibly on different threads, so access is
 * synchronized.
 *
 * <p>Read-ahead: with an executor ({@link #open}), the call for page N+1 is made on that executor's thread while
 * page N is mapped and sent, so the work on a page no longer adds to the pacer's gap between two calls. At most one
 * page is read ahead (at most two pages in memory: the one being sent and the next); the next is asked for only once
 * the route takes the one read ahead. A page read ahead counts for nothing until the route has sent it and called
 * {@link #pageDone}: the watermark still moves only for pages done, and a run that ends early drops it unread.
 */
final class SyncRun {

    final long number;
    final Instant startedAt;
    private final ProgressMeter progress;
    private Instant since;
    private boolean fromWatermark;
    private String sinceFrom;
    private SentinelOneThreatsReader reader;
    private ThreatsQuery query;
    private ExecutorService readAhead;
    private BooleanSupplier mayReadAhead = () -> true;

    private Iterator<ThreatsPage> pages;
    private Future<ThreatsPage> ahead;
    private ThreatsPage current;
    private Instant currentHighest;
    private int pagesDone;
    private int threatsDone;
    private int rereads;
    private Instant highest;
    private boolean lastPageDone;
    private boolean finished;
    private boolean stopped;
    private String failure;

    SyncRun(long number, Instant startedAt) {
        this(number, startedAt, ProgressMeter.DEFAULT_INTERVAL_MILLIS);
    }

    /** @param progressIntervalMillis the least time between two progress lines of the run, milliseconds */
    SyncRun(long number, Instant startedAt, long progressIntervalMillis) {
        this.number = number;
        this.startedAt = startedAt;
        this.progress = new ProgressMeter(progressIntervalMillis);
    }

    /** The pace and rate of the run's progress lines (threats done per second since the run started). */
    ProgressMeter progress() {
        return progress;
    }

    /**
     * Sets what the run reads: threats updated after {@code since}, the stored watermark or (none stored yet) now
     * minus the initial lookback; {@code sinceFrom} says which, for the log.
     *
     * @param readAhead the single thread that reads the next page while the route sends the current one, or null
     *                  to read each page only when the route asks for it; the run's owner shuts it down
     * @param mayReadAhead asked right before a page is read ahead: false (e.g. the engine is stopping) leaves the
     *                  page unread until the route asks for it
     */
    synchronized void open(Instant since, boolean fromWatermark, String sinceFrom, SentinelOneThreatsReader reader,
                           ThreatsQuery query, ExecutorService readAhead, BooleanSupplier mayReadAhead) {
        this.since = since;
        this.fromWatermark = fromWatermark;
        this.sinceFrom = sinceFrom;
        this.reader = reader;
        this.query = query;
        this.readAhead = readAhead;
        this.mayReadAhead = mayReadAhead;
    }

    /**
     * Reads the next page: the one read ahead (waiting for it when its call is still going), else the call is made
     * now. After a failed read the reader cannot go on (its cursor is gone), so the next call follows the cursor
     * chain again from the first page, reading (not sending) the pages already done, and then reads the page that
     * failed. A page that is not the last has its successor read ahead (see the class comment).
     *
     * @throws RuntimeException whatever the reader threw (the vendor's failure), also when it threw while reading
     *                          ahead; the next call starts over as said
     * @throws IllegalStateException when the thread is interrupted while it waits for the page read ahead
     */
    ThreatsPage nextPage() {
        Future<ThreatsPage> waiting;
        synchronized (this) {
            waiting = ahead;
            ahead = null;
        }
        // outside the lock: the page's call may still wait for its pacer slot
        ThreatsPage read = waiting == null ? null : awaitAhead(waiting);
        if (read == null) { // none read ahead, or not read (see mayReadAhead): the iterator is where it was
            read = readNow();
        }
        synchronized (this) {
            page(read);
            if (!read.isLast() && readAhead != null && pages != null && pages.hasNext()
                    && mayReadAhead.getAsBoolean()) {
                Iterator<ThreatsPage> it = pages;
                BooleanSupplier may = mayReadAhead;
                // the iterator is used by one thread at a time: the route's thread waits for this task's end
                ahead = readAhead.submit(() -> may.getAsBoolean() ? it.next() : null);
            }
            return read;
        }
    }

    private synchronized ThreatsPage readNow() {
        try {
            if (pages == null) {
                pages = reader.pages(query);
                for (int i = 0; i < pagesDone; i++) {
                    if (!pages.hasNext()) {
                        return new ThreatsPage(pagesDone + 1, List.of(), null, null); // fewer pages now
                    }
                    pages.next();
                    rereads++;
                }
            }
            if (!pages.hasNext()) {
                return new ThreatsPage(pagesDone + 1, List.of(), null, null);
            }
            return pages.next();
        } catch (RuntimeException e) {
            pages = null;
            throw e;
        }
    }

    private ThreatsPage awaitAhead(Future<ThreatsPage> waiting) {
        try {
            return waiting.get();
        } catch (ExecutionException e) {
            forgetPages();
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException("reading SentinelOne threats ahead failed: " + cause, cause);
        } catch (CancellationException e) {
            forgetPages();
            throw new IllegalStateException("reading SentinelOne threats ahead was cancelled: the run is ending", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            waiting.cancel(true);
            forgetPages();
            throw new IllegalStateException("interrupted while waiting for a SentinelOne threats page", e);
        }
    }

    private synchronized void forgetPages() {
        pages = null;
    }

    /** Drops the page read ahead, if any (its call is interrupted when still going): the run is ending. */
    void dropReadAhead() {
        Future<ThreatsPage> waiting;
        synchronized (this) {
            waiting = ahead;
            ahead = null;
            pages = null;
        }
        if (waiting != null) {
            waiting.cancel(true);
        }
    }

    /** The executor reading ahead, as given to {@link #open}, or null. */
    synchronized ExecutorService readAhead() {
        return readAhead;
    }

    private void page(ThreatsPage page) {
        current = page;
        currentHighest = null;
        for (JsonNode threat : page.threats()) {
            Instant t = updatedAtOf(threat);
            if (t != null && (currentHighest == null || t.isAfter(currentHighest))) {
                currentHighest = t;
            }
        }
    }

    /** The page just read: every threat on it is now accepted or dead-lettered. */
    synchronized void pageDone() {
        if (current == null) {
            throw new IllegalStateException("no SentinelOne threats page is being processed");
        }
        pagesDone++;
        threatsDone += current.threats().size();
        if (currentHighest != null && (highest == null || currentHighest.isAfter(highest))) {
            highest = currentHighest;
        }
        lastPageDone = current.isLast();
        current = null;
    }

    /**
     * The watermark this run earned: the highest {@code updatedAt} it saw, if later than its lower bound; empty
     * when it saw no threat (the stored watermark stays as it is).
     */
    synchronized Optional<Instant> newMark() {
        return highest != null && highest.isAfter(since) ? Optional.of(highest) : Optional.empty();
    }

    /**
     * A threat's {@code updatedAt}: {@code threatInfo.updatedAt} (v2.1) or the flat v2.0 {@code updatedAt}, ISO-8601;
     * null when absent or unreadable (such a threat does not move the watermark).
     */
    static Instant updatedAtOf(JsonNode threat) {
        JsonNode info = threat == null ? null : threat.get("threatInfo");
        JsonNode value = info != null && info.isObject() ? info.get("updatedAt") : threat == null ? null
                : threat.get("updatedAt");
        if (value == null || !value.isTextual()) {
            return null;
        }
        try {
            return IsoInstants.parse(value.asText());
        } catch (DateTimeParseException unreadable) {
            return null;
        }
    }

    synchronized ThreatsPage current() {
        return current;
    }

    synchronized boolean lastPageDone() {
        return lastPageDone;
    }

    synchronized int pagesDone() {
        return pagesDone;
    }

    synchronized int threatsDone() {
        return threatsDone;
    }

    synchronized int rereads() {
        return rereads;
    }

    synchronized Instant since() {
        return since;
    }

    synchronized boolean fromWatermark() {
        return fromWatermark;
    }

    synchronized String sinceFrom() {
        return sinceFrom;
    }

    synchronized void finished() {
        finished = true;
    }

    synchronized boolean isFinished() {
        return finished;
    }

    /** The run ends early, not because of a failure: the engine or the route is stopping. */
    synchronized void stop(String reason) {
        fail(reason);
        stopped = true;
    }

    synchronized boolean isStopped() {
        return stopped;
    }

    /** Why the run ends without a new watermark (the first reason given wins). */
    synchronized void fail(String reason) {
        if (failure == null) {
            failure = reason;
        }
    }

    synchronized String failure() {
        return failure;
    }

    synchronized SentinelOneThreatsReader reader() {
        return reader;
    }
}
