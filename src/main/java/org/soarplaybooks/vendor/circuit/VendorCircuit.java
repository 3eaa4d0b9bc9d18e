package org.soarplaybooks.vendor.circuit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The circuit of one vendor (e.g. {@code SentinelOne}); thread-safe.
 *
 * <ul>
 *   <li>{@link State#CLOSED}: calls go; {@code failureThreshold} failed calls in a row open it.</li>
 *   <li>{@link State#OPEN}: for {@code openFor} after opening, no call goes ({@link #permit} returns the wait).</li>
 *   <li>{@link State#HALF_OPEN}: once {@code openFor} has passed, one trial call goes; the others wait until it
 *       is answered (or until {@code openFor} more has passed, should the trial never be answered). A success
 *       closes the circuit, a failure opens it again for {@code openFor}.</li>
 * </ul>
 * Any success (an answer that is not a retryable failure), from the trial or from a call already under way, closes
 * the circuit and clears the count.
 */
public final class VendorCircuit {

    private static final Logger LOG = LoggerFactory.getLogger("soar.circuit");

    /** Where the circuit stands; {@link #metricValue} is what {@code playbooks_circuit_state} shows. */
    public enum State {
        CLOSED(0), HALF_OPEN(1), OPEN(2);

        private final int metricValue;

        State(int metricValue) {
            this.metricValue = metricValue;
        }

        /** 0 closed, 1 half-open, 2 open. */
        public int metricValue() {
            return metricValue;
        }
    }

    private final String vendor;
    private final Clock clock;
    private volatile int failureThreshold;
    private volatile long openForMillis;
    private int failuresInARow;
    private Instant openedAt;
    private Instant trialStartedAt;

    /**
     * @param failureThreshold failed calls in a row that open the circuit (at least 1)
     * @param openForMillis    how long it stays open, milliseconds
     */
    public VendorCircuit(String vendor, int failureThreshold, long openForMillis, Clock clock) {
        this.vendor = vendor;
        this.clock = clock;
        configure(failureThreshold, openForMillis);
    }

    /**
     * Asks to make a call now.
     *
     * @return 0 when the call may go (in {@link State#HALF_OPEN}: it is the trial), else how long to wait before
     *         asking again, milliseconds (at least 1)
     */
    public synchronized long permit() {
        if (openedAt == null) {
            return 0;
        }
        Instant now = clock.instant();
        long openLeft = Duration.between(now, openedAt.plusMillis(openForMillis)).toMillis();
        if (openLeft > 0) {
            return openLeft;
        }
        if (trialStartedAt == null || !now.isBefore(trialStartedAt.plusMillis(openForMillis))) {
            trialStartedAt = now;
            LOG.info("circuit of {} half-open: one trial call", vendor);
            return 0;
        }
        return Math.max(1, Duration.between(now, trialStartedAt.plusMillis(openForMillis)).toMillis());
    }

    /** The vendor answered (anything but a retryable failure): the circuit closes. */
    public synchronized void succeeded() {
        if (openedAt != null) {
            LOG.info("circuit of {} closed: the vendor answered", vendor);
        }
        failuresInARow = 0;
        openedAt = null;
        trialStartedAt = null;
    }

    /** A call failed in a way worth retrying (no answer, 408, 425, 429, 5xx). */
    public synchronized void failed() {
        Instant now = clock.instant();
        if (openedAt != null) {
            if (trialStartedAt != null) {
                // the trial failed: open again
                openedAt = now;
                trialStartedAt = null;
                LOG.warn("circuit of {} open again: the trial call failed; no calls for {} ms", vendor, openForMillis);
            }
            return; // a call sent before the circuit opened: it is open already
        }
        failuresInARow++;
        if (failuresInARow >= failureThreshold) {
            openedAt = now;
            LOG.warn("circuit of {} open: {} failed calls in a row; no calls for {} ms", vendor, failuresInARow,
                    openForMillis);
        }
    }

    /** The state now. */
    public synchronized State state() {
        if (openedAt == null) {
            return State.CLOSED;
        }
        return clock.instant().isBefore(openedAt.plusMillis(openForMillis)) ? State.OPEN : State.HALF_OPEN;
    }

    /** How long the circuit stays open from now, milliseconds (0 when not {@link State#OPEN}). */
    public synchronized long openForMillisLeft() {
        if (openedAt == null) {
            return 0;
        }
        return Math.max(0, Duration.between(clock.instant(), openedAt.plusMillis(openForMillis)).toMillis());
    }

    /** Failed calls in a row so far (0 after a success). */
    public synchronized int failuresInARow() {
        return failuresInARow;
    }

    public String vendor() {
        return vendor;
    }

    /** Sets the threshold (at least 1) and the open time (milliseconds, at least 0). */
    void configure(int failureThreshold, long openForMillis) {
        check(failureThreshold, openForMillis);
        this.failureThreshold = failureThreshold;
        this.openForMillis = openForMillis;
    }

    /**
     * @throws IllegalArgumentException when the threshold is below 1 or the open time negative
     */
    static void check(int failureThreshold, long openForMillis) {
        if (failureThreshold < 1) {
            throw new IllegalArgumentException("playbooks.circuit.failure-threshold must be at least 1, not "
                    + failureThreshold);
        }
        if (openForMillis < 0) {
            throw new IllegalArgumentException("playbooks.circuit.open-for must not be negative: " + openForMillis);
        }
    }
}
