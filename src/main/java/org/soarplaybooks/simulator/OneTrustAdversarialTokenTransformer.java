package org.soarplaybooks.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder.responseDefinition;

/**
 * WireMock transformer {@code onetrust-adversarial-token}: the OAuth 2.0 client-credentials token endpoint of
 * OneTrust ({@code POST /api/access/v1/oauth/token}) and Adversarial ({@code POST /api/v1/oauth/token};
 * vendor-facts.md §1).
 *
 * <p>Transformer parameters: {@code realm} ({@code onetrust}|{@code adversarial}), {@code clientId},
 * {@code clientSecret} (the demo credentials), {@code expiresIn} (seconds), {@code refreshToken} (true: also answer a
 * {@code refresh_token}, as Adversarial does). The body must be form-encoded
 * {@code grant_type=client_credentials&client_id=…&client_secret=…}. Answers (RFC 6749 §5):
 * <ul>
 *   <li>200 {@code {"access_token", "token_type": "Bearer", "expires_in"[, "refresh_token"]}}, the token from
 *       {@link OneTrustAdversarialTokens#issue};</li>
 *   <li>400 {@code {"error": "invalid_request"}} for a body that is not form-encoded or lacks a member,
 *       400 {@code {"error": "unsupported_grant_type"}} for another grant type;</li>
 *   <li>401 {@code {"error": "invalid_client"}} for other credentials (compared in constant time).</li>
 * </ul>
 */
final class OneTrustAdversarialTokenTransformer implements ResponseDefinitionTransformerV2 {

    static final String NAME = "onetrust-adversarial-token";

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
        Parameters p = serveEvent.getTransformerParameters();
        String contentType = serveEvent.getRequest().getHeader("Content-Type");
        if (contentType == null || !contentType.toLowerCase().startsWith("application/x-www-form-urlencoded")) {
            return error(400, "invalid_request", "the body must be application/x-www-form-urlencoded");
        }
        Map<String, String> form = form(serveEvent.getRequest().getBodyAsString());
        if (!form.containsKey("grant_type") || !form.containsKey("client_id") || !form.containsKey("client_secret")) {
            return error(400, "invalid_request", "grant_type, client_id and client_secret are required");
        }
        if (!"client_credentials".equals(form.get("grant_type"))) {
            return error(400, "unsupported_grant_type", "only client_credentials is supported");
        }
        boolean idMatches = same(form.get("client_id"), p.getString("clientId"));
        boolean secretMatches = same(form.get("client_secret"), p.getString("clientSecret"));
        if (!idMatches || !secretMatches) {
            return error(401, "invalid_client", "client authentication failed");
        }
        long expiresIn = Long.parseLong(String.valueOf(p.getOrDefault("expiresIn", "3600")));
        ObjectNode answer = Problems.JSON.createObjectNode()
                .put("access_token", OneTrustAdversarialTokens.issue(p.getString("realm"), expiresIn))
                .put("token_type", "Bearer")
                .put("expires_in", expiresIn);
        if (Boolean.parseBoolean(String.valueOf(p.getOrDefault("refreshToken", "false")))) {
            answer.put("refresh_token", "sim-refresh-" + UUID.randomUUID());
        }
        return responseDefinition().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withHeader("Cache-Control", "no-store")
                .withBody(answer.toString())
                .build();
    }

    private static ResponseDefinition error(int status, String error, String description) {
        ObjectNode body = Problems.JSON.createObjectNode().put("error", error).put("error_description", description);
        return responseDefinition().withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withHeader("Cache-Control", "no-store")
                .withBody(body.toString())
                .build();
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new HashMap<>();
        if (body == null || body.isBlank()) {
            return form;
        }
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }

    private static boolean same(String given, String expected) {
        return given != null && expected != null && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
                expected.getBytes(StandardCharsets.UTF_8));
    }
}
