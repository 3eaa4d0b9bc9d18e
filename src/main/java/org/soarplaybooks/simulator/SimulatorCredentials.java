package org.soarplaybooks.simulator;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The ContraForce service-account credentials the {@link VendorSimulator} accepts.
 *
 * <p>Requests to the ContraForce endpoints must carry {@code Authorization: Basic base64(clientId:clientSecret)}
 * or {@code Authorization: Bearer <clientSecret>} (the engine's scheme is configurable, see
 * design/architecture.md "Vendor operations"); anything else is answered 401 (api-docs/contraforce-*.md,
 * response {@code 401}).
 *
 * <p>The other vendors' demo credentials are fixed in the simulator's stubs and listed here as constants
 * (SentinelOne API token; OneTrust and Adversarial OAuth clients); {@link #demoVendorProperties} points every
 * vendor action of the engine at a simulator with all of them.
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
    /** Demo OneTrust OAuth client id: the simulator's token endpoint grants it (mappings/onetrust-token.json). */
    public static final String DEMO_ONETRUST_CLIENT_ID = "demo-onetrust-client";
    /** Demo OneTrust OAuth client secret (mappings/onetrust-token.json). */
    public static final String DEMO_ONETRUST_CLIENT_SECRET = "demo-onetrust-secret";
    /** Demo Adversarial service account client id (mappings/adversarial-token.json). */
    public static final String DEMO_ADVERSARIAL_CLIENT_ID = "arm_sa_demo";
    /** Demo Adversarial service account client secret (mappings/adversarial-token.json). */
    public static final String DEMO_ADVERSARIAL_CLIENT_SECRET = "arm_sk_demo";

    /** Rejects null members. */
    public SimulatorCredentials {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(clientSecret, "clientSecret");
    }

    /** The demo credentials: {@code demo-client} / {@code demo-secret}. */
    public static SimulatorCredentials demo() {
        return new SimulatorCredentials(DEMO_CLIENT_ID, DEMO_CLIENT_SECRET);
    }

    /**
     * The engine properties that point every vendor action at a simulator with the demo credentials:
     * {@code contraforce.*} (Basic scheme), {@code sentinelone.base-url} and {@code sentinelone.api-token},
     * {@code onetrust.*} and {@code adversarial.*} (base URL, client id, client secret). Used by the demo and the
     * playbook tests.
     *
     * @param simulatorBaseUrl the simulator's origin, e.g. {@code http://127.0.0.1:41234}
     * @return a new modifiable map, in that order
     */
    public static Map<String, String> demoVendorProperties(String simulatorBaseUrl) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("contraforce.base-url", simulatorBaseUrl);
        props.put("contraforce.client-id", DEMO_CLIENT_ID);
        props.put("contraforce.client-secret", DEMO_CLIENT_SECRET);
        props.put("contraforce.auth-scheme", "Basic");
        props.put("sentinelone.base-url", simulatorBaseUrl);
        props.put("sentinelone.api-token", DEMO_SENTINELONE_API_TOKEN);
        props.put("onetrust.base-url", simulatorBaseUrl);
        props.put("onetrust.client-id", DEMO_ONETRUST_CLIENT_ID);
        props.put("onetrust.client-secret", DEMO_ONETRUST_CLIENT_SECRET);
        props.put("adversarial.base-url", simulatorBaseUrl);
        props.put("adversarial.client-id", DEMO_ADVERSARIAL_CLIENT_ID);
        props.put("adversarial.client-secret", DEMO_ADVERSARIAL_CLIENT_SECRET);
        return props;
    }

    /** Masks the secret so the record can be logged. */
    @Override
    public String toString() {
        return "SimulatorCredentials[clientId=" + clientId + ", clientSecret=***]";
    }
}
