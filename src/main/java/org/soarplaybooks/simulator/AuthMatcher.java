package org.soarplaybooks.simulator;

import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.matching.MatchResult;
import com.github.tomakehurst.wiremock.matching.RequestMatcherExtension;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * WireMock custom matcher {@code contraforce-unauthenticated}: matches a request whose {@code Authorization} is
 * missing or is neither {@code Basic base64(clientId:clientSecret)} nor {@code Bearer clientSecret}. The
 * {@code *-401.json} stubs use it to answer 401 {@code UNAUTHORIZED} problems (api-docs/contraforce-*.md,
 * response {@code 401} "missing or invalid Bearer token").
 */
final class AuthMatcher extends RequestMatcherExtension {

    static final String NAME = "contraforce-unauthenticated";

    private final byte[] basic;
    private final byte[] bearer;

    AuthMatcher(SimulatorCredentials creds) {
        String pair = creds.clientId() + ":" + creds.clientSecret();
        this.basic = Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.UTF_8);
        this.bearer = creds.clientSecret().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public MatchResult match(Request request, Parameters parameters) {
        return MatchResult.of(!authorized(request.getHeader("Authorization")));
    }

    private boolean authorized(String header) {
        if (header == null) {
            return false;
        }
        int space = header.indexOf(' ');
        if (space < 0) {
            return false;
        }
        String scheme = header.substring(0, space);
        byte[] given = header.substring(space + 1).trim().getBytes(StandardCharsets.UTF_8);
        if (scheme.equalsIgnoreCase("Basic")) {
            return MessageDigest.isEqual(given, basic);
        }
        return scheme.equalsIgnoreCase("Bearer") && MessageDigest.isEqual(given, bearer);
    }
}
