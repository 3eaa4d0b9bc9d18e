package org.soarplaybooks.simulator;

import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.matching.MatchResult;
import com.github.tomakehurst.wiremock.matching.RequestMatcherExtension;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * WireMock custom matcher {@code sentinelone-unauthenticated}: matches a request whose {@code Authorization} is not
 * exactly {@code ApiToken <token>} (design/vendor-facts.md, "SentinelOne", Auth). The {@code sentinelone-*-401.json}
 * stubs use it to answer 401 with SentinelOne's error envelope. The comparison takes constant time.
 */
final class SentinelOneAuthMatcher extends RequestMatcherExtension {

    static final String NAME = "sentinelone-unauthenticated";

    private final byte[] expected;

    /** @param apiToken the token requests must carry (the demo's is {@link SimulatorCredentials#DEMO_SENTINELONE_API_TOKEN}) */
    SentinelOneAuthMatcher(String apiToken) {
        this.expected = ("ApiToken " + apiToken).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public MatchResult match(Request request, Parameters parameters) {
        String header = request.getHeader("Authorization");
        boolean authorized = header != null
                && MessageDigest.isEqual(header.getBytes(StandardCharsets.UTF_8), expected);
        return MatchResult.of(!authorized);
    }
}
