package org.soarplaybooks.contract;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.soarplaybooks.problem.ProblemDetails;

/**
 * A vendor request that breaks the vendor's documented contract (its request-body JSON Schema in
 * {@code src/main/resources/schemas/}), or for which no contract exists. It is thrown before the request is sent,
 * so nothing reached the vendor; the shared error handler ({@code vendor-call-failed} in
 * {@code routes/error-handlers.camel.yaml}) turns it into one dead letter per incident the request carried, with
 * {@link #problem()} as the reason.
 *
 * <p>Message: {@code ContraForce update-incident-status request breaks the contract: /status: "Open" is not one
 * of [Active, New, Closed] (enum)}; every violation is listed, separated by {@code "; "}. {@link #field()},
 * {@link #rule()} and {@link #value()} are those of the first violation. The message names field values of the
 * request body (never headers, so no credential).
 */
public class ContractViolationException extends RuntimeException {

    /** Problem details {@code code} of a refused request. */
    public static final String CODE = "CONTRACT_VIOLATION";
    /** Problem details {@code title} of a refused request. */
    public static final String TITLE = "The request breaks the vendor's documented contract; it was not sent";

    private final String vendor;
    private final String operation;
    private final List<ContractViolation> violations;

    /**
     * @param vendor     vendor name, e.g. {@code "ContraForce"}
     * @param operation  operation name, e.g. {@code "update-incident-status"}
     * @param violations what is wrong; at least one
     * @throws IllegalArgumentException when {@code violations} is empty
     */
    public ContractViolationException(String vendor, String operation, List<ContractViolation> violations) {
        super(message(vendor, operation, violations));
        this.vendor = vendor;
        this.operation = operation;
        this.violations = List.copyOf(violations);
    }

    private static String message(String vendor, String operation, List<ContractViolation> violations) {
        if (violations == null || violations.isEmpty()) {
            throw new IllegalArgumentException("a contract violation needs at least one violation");
        }
        return vendor + " " + operation + " request breaks the contract: "
                + violations.stream().map(ContractViolation::describe).collect(Collectors.joining("; "));
    }

    public String vendor() {
        return vendor;
    }

    public String operation() {
        return operation;
    }

    /** Every violation, in the order of the body (by field, then rule). */
    public List<ContractViolation> violations() {
        return violations;
    }

    /** JSON Pointer of the first offending field ({@code ""} = the body as a whole). */
    public String field() {
        return violations.get(0).field();
    }

    /** The JSON Schema keyword of the first violation, e.g. {@code enum}; {@code schema} when none exists. */
    public String rule() {
        return violations.get(0).rule();
    }

    /** The first offending value as JSON text, at most 200 characters; null when the field is absent. */
    public String value() {
        return violations.get(0).value();
    }

    /**
     * The failure as problem details: {@code code} {@value #CODE}, {@code status} null (no HTTP call was made),
     * {@code title} {@value #TITLE}, {@code detail} the message, {@code errors} each field's reasons
     * ({@code {"/status": ["\"Open\" is not one of [Active, New, Closed] (enum)"]}}, key {@code ""} = the body).
     */
    public ProblemDetails problem() {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        for (ContractViolation v : violations) {
            errors.computeIfAbsent(v.field(), k -> new ArrayList<>()).add(v.reason() + " (" + v.rule() + ")");
        }
        return new ProblemDetails(null, TITLE, null, getMessage(), null, CODE, null, null, null, errors);
    }
}
