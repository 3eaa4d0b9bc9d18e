package org.soarplaybooks.progress;

import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Paces progress lines of long work and works out its rate: {@link #due()} says yes at most once per interval, so
 * a loop may ask after every item at no cost (one clock read). Thread-safe.
 *
 * <p>Numbers for people: {@link #count} ({@code 40,000}), {@link #rate} ({@code 13,400} or {@code 4.1}),
 * {@link #percent} ({@code 20}).
 */
public final class ProgressMeter {

    /** The default pace of progress lines ({@code playbooks.progress.interval}), milliseconds. */
    public static final long DEFAULT_INTERVAL_MILLIS = 5000;

    private final long intervalNanos;
    private final LongSupplier nanoClock;
    private final long startNanos;
    private long lastNanos;

    /**
     * Starts now.
     *
     * @param intervalMillis the least time between two lines, milliseconds; 0 makes every call of {@link #due()}
     *                       due (tests)
     * @throws IllegalArgumentException when {@code intervalMillis} is negative
     */
    public ProgressMeter(long intervalMillis) {
        this(intervalMillis, System::nanoTime);
    }

    /** As {@link #ProgressMeter(long)}, with a clock of nanoseconds ({@link System#nanoTime()} or a test's). */
    public ProgressMeter(long intervalMillis, LongSupplier nanoClock) {
        if (intervalMillis < 0) {
            throw new IllegalArgumentException("playbooks.progress.interval must be 0 or more milliseconds, not "
                    + intervalMillis);
        }
        this.intervalNanos = intervalMillis * 1_000_000L;
        this.nanoClock = nanoClock;
        this.startNanos = nanoClock.getAsLong();
        this.lastNanos = startNanos;
    }

    /** True when an interval has passed since the start or the last time this said true. */
    public synchronized boolean due() {
        long now = nanoClock.getAsLong();
        if (now - lastNanos < intervalNanos) {
            return false;
        }
        lastNanos = now;
        return true;
    }

    /** Milliseconds since the start. */
    public long elapsedMillis() {
        return (nanoClock.getAsLong() - startNanos) / 1_000_000L;
    }

    /** {@code done} per second since the start; 0 before any time has passed. */
    public double ratePerSecond(long done) {
        long nanos = nanoClock.getAsLong() - startNanos;
        return nanos <= 0 ? 0 : done * 1e9 / nanos;
    }

    /** {@code 40000} as {@code 40,000}. */
    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** A rate for people: whole numbers with grouping from 100 up ({@code 13,400}), one decimal below ({@code 4.1}). */
    public static String rate(double perSecond) {
        return perSecond >= 100 ? String.format(Locale.ROOT, "%,.0f", perSecond)
                : String.format(Locale.ROOT, "%.1f", perSecond);
    }

    /** {@code part} of {@code whole} in whole percent, 0 to 100 (0 when {@code whole} is not positive). */
    public static long percent(long part, long whole) {
        return whole <= 0 ? 0 : Math.max(0, Math.min(100, part * 100 / whole));
    }
}
