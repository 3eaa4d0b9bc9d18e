package org.soarplaybooks.simulator;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.Metadata;
import com.github.tomakehurst.wiremock.stubbing.Scenario;

/**
 * The two passing faults the demo shows (opt-in, so tests of the plain behaviour are not affected): the first
 * ContraForce status update of any incident answers 429 with {@code Retry-After: 1}, and the first ContraForce
 * bulk update answers 503; every later call gets the normal answer. Each is a WireMock scenario that moves to
 * "passed" after its one fault, at a higher priority than the normal stubs.
 */
final class TransientFaults {

    private TransientFaults() {
    }

    static void install(WireMockServer server) {
        server.stubFor(put(urlPathMatching("/api/v2/workspaces/[^/]+/incidents/[^/]+/[^/]+/status"))
                .atPriority(1)
                .inScenario("demo-rate-limit").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("passed")
                .withMetadata(Metadata.metadata().attr(VendorSimulator.ENDPOINT_METADATA, "PUT contraforce status"))
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")
                        .withHeader("Content-Type", "application/problem+json")
                        .withBody("{\"type\":\"https://docs.contraforce.com/api-reference/errors\","
                                + "\"title\":\"Too many requests\",\"status\":429,\"code\":\"RATE_LIMITED\","
                                + "\"detail\":\"Rate limit reached; retry after 1 second\"}")));
        server.stubFor(post(urlPathEqualTo("/api/v2/incidents/across-workspaces/bulk-update"))
                .atPriority(1)
                .inScenario("demo-unavailable").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("passed")
                .withMetadata(Metadata.metadata().attr(VendorSimulator.ENDPOINT_METADATA,
                        "POST contraforce bulk-update"))
                .willReturn(aResponse().withStatus(503)
                        .withHeader("Content-Type", "application/problem+json")
                        .withBody("{\"type\":\"https://docs.contraforce.com/api-reference/errors\","
                                + "\"title\":\"Service unavailable\",\"status\":503,\"code\":\"UNAVAILABLE\","
                                + "\"detail\":\"Try again shortly\"}")));
    }
}
