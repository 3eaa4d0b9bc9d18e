package org.soarplaybooks.vendor.circuit;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.apache.camel.Exchange;
import org.soarplaybooks.outcome.ActionContext;
import org.soarplaybooks.problem.ProblemDetails;

/**
 * The circuit of every vendor, by vendor name as actions name it ({@code ContraForce}, {@code SentinelOne},
 * {@code OneTrust}, {@code Adversarial}; others get one on first use). Registry name {@value #BEAN}.
 *
 * <p>Hooks: {@code vendor/HttpAction.prepare} asks {@link #beforeCall} (fail fast), {@code HttpAction.read} reports
 * the answer's status ({@link #answered}), and the retry policy reports calls that got no answer at all
 * ({@link #noAnswer}).
 */
public final class VendorCircuits {

    /** The registry name. */
    public static final String BEAN = "vendorCircuits";

    /** The vendors the shipped playbooks call: their circuits exist (closed) from the start. */
    public static final List<String> KNOWN_VENDORS = List.of("ContraForce", "SentinelOne", "OneTrust", "Adversarial");

    /** The statuses the retry policy retries; each counts as a failed call. */
    private static final Set<Integer> FAILED_STATUS = Set.of(408, 425, 429, 500, 502, 503, 504);

    private final Map<String, VendorCircuit> circuits = new ConcurrentHashMap<>();
    private final Clock clock;
    private final List<Consumer<VendorCircuit>> onNewCircuit = new CopyOnWriteArrayList<>();
    private volatile int failureThreshold;
    private volatile long openForMillis;

    /**
     * @param failureThreshold failed calls in a row that open a circuit (default 5)
     * @param openForMillis    how long a circuit stays open, milliseconds (default 30000)
     */
    public VendorCircuits(int failureThreshold, long openForMillis, Clock clock) {
        VendorCircuit.check(failureThreshold, openForMillis);
        this.clock = clock;
        this.failureThreshold = failureThreshold;
        this.openForMillis = openForMillis;
        KNOWN_VENDORS.forEach(this::of);
    }

    /** With the defaults: 5 failures, 30000 ms, the UTC clock. */
    public VendorCircuits() {
        this(5, 30_000, Clock.systemUTC());
    }

    /**
     * Sets the threshold and open time of every circuit (from {@code playbooks.circuit.*}).
     *
     * @throws IllegalArgumentException when the threshold is below 1 or the open time negative
     */
    public void configure(int failureThreshold, long openForMillis) {
        VendorCircuit.check(failureThreshold, openForMillis);
        this.failureThreshold = failureThreshold;
        this.openForMillis = openForMillis;
        circuits.values().forEach(c -> c.configure(failureThreshold, openForMillis));
    }

    /** The circuit of a vendor, created closed on first use. */
    public VendorCircuit of(String vendor) {
        return circuits.computeIfAbsent(vendor, v -> {
            VendorCircuit c = new VendorCircuit(v, failureThreshold, openForMillis, clock);
            onNewCircuit.forEach(l -> l.accept(c));
            return c;
        });
    }

    /** Every circuit so far, in no particular order. */
    public Collection<VendorCircuit> all() {
        return new ArrayList<>(circuits.values());
    }

    /** Calls {@code listener} for every circuit now and for each one created later (health checks, meters). */
    public void forEachCircuit(Consumer<VendorCircuit> listener) {
        onNewCircuit.add(listener);
        all().forEach(listener);
    }

    /**
     * Before a call to {@code vendor}.
     *
     * @throws CircuitOpenException when its circuit is open (or half-open with the trial under way)
     */
    public void beforeCall(String vendor, String operation) {
        long wait = of(vendor).permit();
        if (wait > 0) {
            throw new CircuitOpenException(vendor, operation, wait);
        }
    }

    /** The vendor answered with this HTTP status: 408, 425, 429 and 5xx count as failed calls, others as success. */
    public void answered(String vendor, int status) {
        if (vendor == null) {
            return;
        }
        if (status == 0 || FAILED_STATUS.contains(status)) {
            of(vendor).failed();
        } else {
            of(vendor).succeeded();
        }
    }

    /**
     * A failed attempt as the retry policy saw it: a connection fault (problem code {@code CONNECTION_FAILURE}, no
     * HTTP answer) counts as a failed call of the exchange's vendor; everything else was counted when it was read
     * (or never reached the vendor).
     */
    public void noAnswer(Exchange exchange, ProblemDetails problem) {
        String vendor = exchange.getProperty(ActionContext.VENDOR, String.class);
        if (vendor != null && problem.status() == null && "CONNECTION_FAILURE".equals(problem.code())) {
            of(vendor).failed();
        }
    }

    /** The circuits bound (as {@value #BEAN}) in the exchange's Camel registry, or null when none are. */
    public static VendorCircuits lookup(Exchange exchange) {
        return exchange.getContext().getRegistry().lookupByNameAndType(BEAN, VendorCircuits.class);
    }
}
