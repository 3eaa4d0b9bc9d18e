package org.soarplaybooks.simulator;

import java.util.Objects;

/**
 * The ContraForce service-account credentials the {@link VendorSimulator} accepts.
 *
 * <p>Requests to the ContraForce endpoints must carry {@code Authorization: Basic base64(clientId:clientSecret)}
 * or {@code Authorization: Bearer <clientSecret>} (the engine's scheme is configurable, see
 * design/architecture.md "Vendor operations"); anything else is answered 401 (api-docs/contraforce-*.md,
 * response {@code 401}).
 *
 * @param clientId     service account client id, never null
 * @param clientSecret service account client secret, never null
 */
public record SimulatorCredentials(String clientId, String clientSecret) {

    /** Demo client id used by {@code java -jar soar-playbooks.jar demo}. */
    public static final String DEMO_CLIENT_ID = "demo-client";
    /** Demo client secret used by {@code java -jar soar-playbooks.jar demo}. */
    public static final String DEMO_CLIENT_SECRET = "demo-secret";
    /** Demo SentinelOne API token: the simulator's SentinelOne endpoints want {@code Authorization: ApiToken demo-s1-token}. */
    public static final String DEMO_SENTINELONE_API_TOKEN = "demo-s1-token";

    /** Rejects null members. */
    public SimulatorCredentials {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(clientSecret, "clientSecret");
    }

    /** The demo credentials: {@code demo-client} / {@code demo-secret}. */
    public static SimulatorCredentials demo() {
        return new SimulatorCredentials(DEMO_CLIENT_ID, DEMO_CLIENT_SECRET);
    }

    /** Masks the secret so the record can be logged. */
    @Override
    public String toString() {
        return "SimulatorCredentials[clientId=" + clientId + ", clientSecret=***]";
    }
}
