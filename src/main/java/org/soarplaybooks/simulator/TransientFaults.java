package org.soarplaybooks.simulator;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.Metadata;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.matching.MatchResult;
import com.github.tomakehurst.wiremock.matching.ValueMatcher;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The two passing faults the demo shows (opt-in, so tests of the plain behaviour are not affected): the first
 * ContraForce status update of any incident answers 429 with {@code Retry-After: 1}, and the first ContraForce
 * bulk update answers 503; every later call gets the normal answer. Each is a stub at a higher priority than the
 * normal stubs that matches only the first such request.
 */
final class TransientFaults {

    private TransientFaults() {
    }

    private static final String STATUS_PATH = "/api/v2/workspaces/[^/]+/incidents/[^/]+/[^/]+/status";
    private static final String BULK_PATH = "/api/v2/incidents/across-workspaces/bulk-update";

    static void install(WireMockServer server) {
        server.stubFor(put(urlPathMatching(STATUS_PATH))
                .atPriority(1)
                .andMatching(firstOnly("PUT", STATUS_PATH))
                .withMetadata(Metadata.metadata().attr(VendorSimulator.ENDPOINT_METADATA, "PUT contraforce status"))
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")
                        .withHeader("Content-Type", "application/problem+json")
                        .withBody("{\"type\":\"https://docs.contraforce.com/api-reference/errors\","
                                + "\"title\":\"Too many requests\",\"status\":429,\"code\":\"RATE_LIMITED\","
                                + "\"detail\":\"Rate limit reached; retry after 1 second\"}")));
        server.stubFor(post(urlPathEqualTo(BULK_PATH))
                .atPriority(1)
                .andMatching(firstOnly("POST", BULK_PATH))
                .withMetadata(Metadata.metadata().attr(VendorSimulator.ENDPOINT_METADATA,
                        "POST contraforce bulk-update"))
                .willReturn(aResponse().withStatus(503)
                        .withHeader("Content-Type", "application/problem+json")
                        .withBody("{\"type\":\"https://docs.contraforce.com/api-reference/errors\","
                                + "\"title\":\"Service unavailable\",\"status\":503,\"code\":\"UNAVAILABLE\","
                                + "\"detail\":\"Try again shortly\"}")));
    }

    /**
     * Matches the first request of that method and path, and only it, even when several arrive at once (the
     * playbooks run incidents side by side; a WireMock scenario would let two concurrent requests both see its first
     * state). A request is the first when it is the one that set the reference.
     */
    private static ValueMatcher<Request> firstOnly(String method, String pathRegex) {
        AtomicReference<Request> first = new AtomicReference<>();
        java.util.regex.Pattern path = java.util.regex.Pattern.compile(pathRegex);
        return request -> {
            String url = request.getUrl();
            int query = url.indexOf('?');
            boolean candidate = method.equals(request.getMethod().value())
                    && path.matcher(query < 0 ? url : url.substring(0, query)).matches();
            return MatchResult.of(candidate && (first.compareAndSet(null, request) || first.get() == request));
        };
    }
}
