package org.soarplaybooks.vendor.circuit;

import org.soarplaybooks.problem.ProblemDetails;
import org.soarplaybooks.problem.VendorCallException;

/**
 * A call that was not made because the vendor's circuit is open: problem details with no HTTP status and code
 * {@code CIRCUIT_OPEN}. The retry policy retries it after {@link #waitMillis()} (within its Retry-After cap and
 * attempt budget); used up, it becomes a dead letter like any failed call.
 */
public final class CircuitOpenException extends VendorCallException {

    /** The problem code. */
    public static final String CODE = "CIRCUIT_OPEN";

    private final long waitMillis;

    /** @param waitMillis how long until the circuit lets a call through, milliseconds */
    public CircuitOpenException(String vendor, String operation, long waitMillis) {
        super(vendor, operation, ProblemDetails.of(null, CODE, "The vendor's circuit is open",
                vendor + " failed too many calls in a row; no call is made to it for another " + waitMillis
                        + " ms"));
        this.waitMillis = waitMillis;
    }

    /** How long until the circuit lets a call through, milliseconds. */
    public long waitMillis() {
        return waitMillis;
    }

    /** The circuit-open failure in {@code failure} or its causes, or null. */
    public static CircuitOpenException in(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof CircuitOpenException c) {
                return c;
            }
        }
        return null;
    }
}
