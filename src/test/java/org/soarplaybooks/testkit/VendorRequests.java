package org.soarplaybooks.testkit;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.util.List;
import org.soarplaybooks.simulator.VendorSimulator;

/**
 * The requests one vendor (its own vendor simulator) received since the test began, with the kit's assertions:
 * {@code playbook.contraforce().received(PUT, "/api/v2/workspaces/*}{@code /incidents/Sentinel/1505/status")
 * .withJson("status", "Active")}.
 */
public final class VendorRequests {

    private final Playbook playbook;
    private final Vendor vendor;
    private final VendorSimulator simulator;

    VendorRequests(Playbook playbook, Vendor vendor, VendorSimulator simulator) {
        this.playbook = playbook;
        this.vendor = vendor;
        this.simulator = simulator;
    }

    /**
     * Asserts the vendor received at least one {@code method} request to {@code path} ({@code *} = any text within
     * one path segment); narrow it further with the returned {@link Received}.
     *
     * @throws AssertionError naming the playbook, the vendor, the expected request and what the vendor received
     */
    public Received received(HttpMethod method, String path) {
        return new Received(this, method, path);
    }

    /**
     * Asserts the vendor received no request at all.
     *
     * @throws AssertionError naming the playbook, the vendor and what it received
     */
    public void receivedNothing() {
        List<LoggedRequest> got = playbook.settled(() -> false, this::requests);
        if (!got.isEmpty()) {
            throw failure("received " + got.size() + (got.size() == 1 ? " request" : " requests")
                    + ", expected none");
        }
    }

    /** How many requests the vendor received. */
    public int count() {
        return requests().size();
    }

    /** The requests the vendor received, oldest first (WireMock's request journal). */
    public List<LoggedRequest> requests() {
        return simulator.requests();
    }

    public Vendor vendor() {
        return vendor;
    }

    Playbook playbook() {
        return playbook;
    }

    VendorSimulator simulator() {
        return simulator;
    }

    AssertionError failure(String what) {
        return playbook.failure(vendor, what);
    }
}
