package org.soarplaybooks.http;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Client-side pacing of calls to a rate-limited vendor endpoint, so the engine stays under the vendor's published
 * limit instead of collecting {@code 429 Too Many Requests} (e.g. SentinelOne {@code GET /web/api/v2.1/threats}:
 * 10 requests/s per token, design/vendor-facts.md "Rate limits"). Call {@link #acquire()} right before each call:
 * it returns at once when the previous call started at least {@code 1 / perSecond} s ago, else it sleeps until
 * then. Starts are spaced evenly (no bursts), on the monotonic clock ({@link System#nanoTime()}), so a change of
 * the wall clock never shortens a gap. Thread-safe: concurrent callers are spaced one after another.
 */
public final class RequestPacer {

    /** Sleeps for a number of nanoseconds (tests replace it). */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(long nanos) throws InterruptedException;
    }

    private final double perSecond;
    private final long intervalNanos;
    private final LongSupplier nanoTime;
    private final Sleeper sleeper;
    private boolean started;
    private long nextStart;

    /**
     * @param perSecond the most calls started per second (e.g. 10); must be positive
     * @throws IllegalArgumentException when {@code perSecond} is not a positive finite number
     */
    public RequestPacer(double perSecond) {
        this(perSecond, System::nanoTime, nanos -> TimeUnit.NANOSECONDS.sleep(nanos));
    }

    /** With a clock and a sleeper of the caller's (tests). */
    public RequestPacer(double perSecond, LongSupplier nanoTime, Sleeper sleeper) {
        if (!(perSecond > 0) || Double.isInfinite(perSecond)) {
            throw new IllegalArgumentException("a rate limit must be a positive number of requests per second, not "
                    + perSecond);
        }
        this.perSecond = perSecond;
        this.intervalNanos = Math.max(1, Math.round(1_000_000_000d / perSecond));
        this.nanoTime = nanoTime;
        this.sleeper = sleeper;
    }

    /**
     * Waits until the next call may start, and books that start.
     *
     * @return how long it waited, in nanoseconds (0 when the call may start at once)
     * @throws IllegalStateException when the thread is interrupted while waiting (the interrupt flag is set again;
     *                               the engine is stopping)
     */
    public synchronized long acquire() {
        long now = nanoTime.getAsLong();
        long start = started && nextStart - now > 0 ? nextStart : now;
        long waited = 0;
        try {
            for (long left = start - now; left > 0; left = start - nanoTime.getAsLong()) {
                sleeper.sleep(left);
                waited = start - now;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while pacing calls to " + perSecond + " per second", e);
        }
        started = true;
        nextStart = start + intervalNanos;
        return waited;
    }

    @Override
    public String toString() {
        return "RequestPacer[" + perSecond + "/s]";
    }
}
