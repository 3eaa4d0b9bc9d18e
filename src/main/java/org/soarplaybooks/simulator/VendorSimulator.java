package org.soarplaybooks.simulator;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.ClasspathFileSource;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * The demo's in-process vendor simulator: WireMock on {@code 127.0.0.1}, a free port, answering the ContraForce
 * API as documented in {@code api-docs/}. Stubs are the JSON files in the classpath folder
 * {@code simulator/mappings/} (bodies in {@code simulator/__files/}), which tests reuse through this class.
 *
 * <p>ContraForce behaviour (all errors are {@code application/problem+json} {@code ApiProblemDetails} with a fresh
 * {@code requestId} and a {@code timestamp}):
 * <ul>
 *   <li>{@code PUT /api/v2/workspaces/{workspaceId}/incidents/{source}/{incidentId}/status}
 *       (api-docs/contraforce-update-incident-status.md): 204 for a body matching {@code UpdateIncidentStatusRequest};
 *       400 {@code VALIDATION_ERROR} with a field-keyed {@code errors} map for a bad body or {@code source};
 *       404 {@code NOT_FOUND} for a workspace not in {@link KnownWorkspaces} (checked before the body).</li>
 *   <li>{@code POST /api/v2/incidents/across-workspaces/bulk-update}
 *       (api-docs/contraforce-bulk-update-incidents-across-workspaces.md): 200
 *       {@code {"data":{"accepted":[...],"forbidden":[...]},"meta":{...}}}, see {@link BulkUpdateTransformer};
 *       400 {@code VALIDATION_ERROR} for a body breaking {@code BulkUpdateIncidentsRequest}.</li>
 *   <li>Both: 401 {@code UNAUTHORIZED} unless {@code Authorization} is {@code Basic base64(clientId:clientSecret)}
 *       or {@code Bearer clientSecret} (see {@link SimulatorCredentials}).</li>
 *   <li>Anything else: 404 {@code NOT_FOUND}. WireMock's admin API ({@code /__admin}) is locked (401).</li>
 * </ul>
 * WireMock's console output is off (see {@link QuietNotifier}).
 */
public final class VendorSimulator implements AutoCloseable {

    /** Classpath folder holding {@code mappings/} and {@code __files/}. */
    public static final String CLASSPATH_ROOT = "simulator";
    /** Stub metadata key whose value labels the endpoint in {@link #callsByEndpoint()}. */
    public static final String ENDPOINT_METADATA = "endpoint";

    private final WireMockServer server;

    private VendorSimulator(WireMockServer server) {
        this.server = server;
    }

    /** Starts the simulator with {@link SimulatorCredentials#demo()}. */
    public static VendorSimulator start() {
        return start(SimulatorCredentials.demo());
    }

    /**
     * Starts WireMock on {@code 127.0.0.1} on a free port with the classpath stubs and the simulator's extensions.
     *
     * @param creds the service-account credentials requests must carry
     * @throws IllegalStateException when no stub mapping is found on the classpath
     */
    public static VendorSimulator start(SimulatorCredentials creds) {
        WireMockServer server = new WireMockServer(options()
                .bindAddress("127.0.0.1")
                .dynamicPort()
                // WireMock's classpath source reads folders and jar entries alike (checked against the shaded jar)
                .fileSource(new ClasspathFileSource(VendorSimulator.class.getClassLoader(), CLASSPATH_ROOT))
                .notifier(new QuietNotifier())
                .adminAuthenticator(request -> false)
                .extensions(new AuthMatcher(creds), new UnknownWorkspaceMatcher(),
                        new BulkUpdateTransformer(), new ValidationProblemTransformer(),
                        new SentinelOneAuthMatcher(SimulatorCredentials.DEMO_SENTINELONE_API_TOKEN),
                        new SentinelOneThreatIncidentTransformer(), new SentinelOneValidationErrorTransformer(),
                        new SentinelOneSampleTransformer(),
                        new OneTrustAdversarialTokenTransformer(), new OneTrustAdversarialBearerMatcher(), new OneTrustIncidentUpdateTransformer(), new AdversarialIncidentsTransformer(), new OneTrustAdversarialValidationTransformer()));
        server.start();
        if (server.getStubMappings().isEmpty()) {
            server.stop();
            throw new IllegalStateException("no stub mappings found under classpath:" + CLASSPATH_ROOT + "/mappings");
        }
        return new VendorSimulator(server);
    }

    /** The vendor origin, e.g. {@code http://127.0.0.1:41234}; ContraForce paths start with {@code /api/v2/}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    /** The port WireMock bound on {@code 127.0.0.1}. */
    public int port() {
        return server.port();
    }

    /**
     * Requests served so far per endpoint label (stub metadata {@value #ENDPOINT_METADATA}), whatever the answer
     * (a 401 or 400 on an endpoint counts for that endpoint), e.g.
     * {@code {"POST contraforce bulk-update"=1, "PUT contraforce status"=3}}; {@code "unmatched"} counts the rest.
     * Sorted by label.
     */
    public Map<String, Integer> callsByEndpoint() {
        Map<String, Integer> calls = new TreeMap<>();
        for (ServeEvent event : server.getAllServeEvents()) {
            calls.merge(label(event.getStubMapping()), 1, Integer::sum);
        }
        return Collections.unmodifiableMap(calls);
    }

    /** Every request received so far, oldest first (WireMock's request journal). */
    public List<LoggedRequest> requests() {
        List<LoggedRequest> requests = new ArrayList<>();
        for (ServeEvent event : server.getAllServeEvents()) {
            requests.add(event.getRequest());
        }
        Collections.reverse(requests);
        return List.copyOf(requests);
    }

    /**
     * Adds the demo's two passing faults (see {@link TransientFaults}): the first ContraForce status update
     * answers 429 with {@code Retry-After: 1}, the first ContraForce bulk update 503.
     *
     * @return this simulator
     */
    public VendorSimulator withTransientFaults() {
        TransientFaults.install(server);
        return this;
    }

    /** Forgets the requests received so far (the counts of {@link #callsByEndpoint()} restart at zero). */
    public void resetRequests() {
        server.resetRequests();
    }

    /** Stops WireMock; safe to call twice. */
    @Override
    public void close() {
        server.stop();
    }

    private static String label(StubMapping stub) {
        if (stub == null || stub.getMetadata() == null || !stub.getMetadata().containsKey(ENDPOINT_METADATA)) {
            return "unmatched";
        }
        return stub.getMetadata().getString(ENDPOINT_METADATA);
    }
}
