package org.soarplaybooks.simulator;

import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.matching.MatchResult;
import com.github.tomakehurst.wiremock.matching.RequestMatcherExtension;

/**
 * WireMock custom matcher {@code onetrust-adversarial-unauthenticated}: matches a request whose
 * {@code Authorization} is not {@code Bearer <token>} with a token the simulator's token endpoint issued for the
 * parameter {@code realm} ({@code onetrust} or {@code adversarial}) and that has not expired
 * ({@link OneTrustAdversarialTokens}). The {@code onetrust-*-401.json} and {@code adversarial-*-401.json} stubs use
 * it to answer 401.
 */
final class OneTrustAdversarialBearerMatcher extends RequestMatcherExtension {

    static final String NAME = "onetrust-adversarial-unauthenticated";

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public MatchResult match(Request request, Parameters parameters) {
        String header = request.getHeader("Authorization");
        boolean authorized = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
                && OneTrustAdversarialTokens.valid(parameters.getString("realm"), header.substring(7).trim());
        return MatchResult.of(!authorized);
    }
}
