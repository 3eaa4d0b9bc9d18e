package org.soarplaybooks.problem;

/**
 * A vendor call that did not succeed: a non-success HTTP answer, an unreadable answer, or no answer at all.
 * Carries the failure as {@link ProblemDetails}; the error-handler routes branch on it (retry or dead letter).
 */
public class VendorCallException extends RuntimeException {

    private final String vendor;
    private final String operation;
    private final ProblemDetails problem;

    /**
     * @param vendor    vendor name, e.g. {@code "ContraForce"}
     * @param operation operation name, e.g. {@code "update-incident-status"}
     * @param problem   what went wrong (never null)
     */
    public VendorCallException(String vendor, String operation, ProblemDetails problem) {
        super(vendor + " " + operation + " failed: " + problem.summary());
        this.vendor = vendor;
        this.operation = operation;
        this.problem = problem;
    }

    public String vendor() {
        return vendor;
    }

    public String operation() {
        return operation;
    }

    public ProblemDetails problem() {
        return problem;
    }
}
