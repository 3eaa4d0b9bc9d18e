package org.soarplaybooks.observe;

import java.util.Map;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;
import org.soarplaybooks.vendor.circuit.VendorCircuit;

/**
 * Readiness check {@code soar/circuit-<vendor>} (e.g. {@code circuit-SentinelOne}): DOWN while the vendor's
 * circuit is open, with the time it stays open; UP when closed or half-open (a trial call may go). Details:
 * {@code vendor}, {@code state} ({@code CLOSED}, {@code HALF_OPEN}, {@code OPEN}), {@code failuresInARow}.
 */
public final class VendorCircuitCheck extends AbstractHealthCheck {

    private final VendorCircuit circuit;

    public VendorCircuitCheck(VendorCircuit circuit) {
        super("soar", "circuit-" + circuit.vendor());
        this.circuit = circuit;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        VendorCircuit.State state = circuit.state();
        builder.detail("vendor", circuit.vendor()).detail("state", state.name())
                .detail("failuresInARow", circuit.failuresInARow());
        if (state == VendorCircuit.State.OPEN) {
            builder.down().message("the circuit of " + circuit.vendor() + " is open: no calls for another "
                    + circuit.openForMillisLeft() + " ms");
        } else {
            builder.up();
        }
    }
}
