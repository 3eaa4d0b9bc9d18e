package org.soarplaybooks.sync;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
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

    private Iterator<ThreatsPage> pages;
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
     */
    synchronized void open(Instant since, boolean fromWatermark, String sinceFrom, SentinelOneThreatsReader reader,
                           ThreatsQuery query) {
        this.since = since;
        this.fromWatermark = fromWatermark;
        this.sinceFrom = sinceFrom;
        this.reader = reader;
        this.query = query;
    }

    /**
     * Reads the next page. After a failed read the reader cannot go on (its cursor is gone), so the next call
     * follows the cursor chain again from the first page, reading (not sending) the pages already done, and then
     * reads the page that failed.
     *
     * @throws RuntimeException whatever the reader threw (the vendor's failure); the next call starts over as said
     */
    synchronized ThreatsPage nextPage() {
        try {
            if (pages == null) {
                pages = reader.pages(query);
                for (int i = 0; i < pagesDone; i++) {
                    if (!pages.hasNext()) {
                        return page(new ThreatsPage(pagesDone + 1, List.of(), null, null)); // fewer pages now
                    }
                    pages.next();
                    rereads++;
                }
            }
            if (!pages.hasNext()) {
                return page(new ThreatsPage(pagesDone + 1, List.of(), null, null));
            }
            return page(pages.next());
        } catch (RuntimeException e) {
            pages = null;
            throw e;
        }
    }

    private ThreatsPage page(ThreatsPage page) {
        current = page;
        currentHighest = null;
        for (JsonNode threat : page.threats()) {
            Instant t = updatedAtOf(threat);
            if (t != null && (currentHighest == null || t.isAfter(currentHighest))) {
                currentHighest = t;
            }
        }
        return page;
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
