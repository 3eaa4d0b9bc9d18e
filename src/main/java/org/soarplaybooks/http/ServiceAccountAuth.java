package org.soarplaybooks.http;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Sets the {@code Authorization} header of a vendor call from a service account (client id and secret).
 *
 * <ul>
 *   <li>{@code Basic} (default): {@code Authorization: Basic base64(clientId:clientSecret)} — ContraForce
 *       service accounts (vendor-facts.md, "ContraForce API v2", Auth).</li>
 *   <li>{@code Bearer}: {@code Authorization: Bearer <clientSecret>} — for deployments whose gateway takes the
 *       secret as a bearer token (the ContraForce OpenAPI 401 text mentions a Bearer token).</li>
 * </ul>
 * The secret never appears in {@link #toString()}.
 */
public class ServiceAccountAuth implements Processor {

    private String scheme = "Basic";
    private String clientId;
    private String clientSecret;

    public ServiceAccountAuth() {
    }

    public ServiceAccountAuth(String scheme, String clientId, String clientSecret) {
        setScheme(scheme);
        this.clientId = clientId;
        this.clientSecret = clientSecret;
    }

    /**
     * The header value.
     *
     * @throws IllegalStateException when the client id (Basic) or the secret is missing, naming which
     */
    public String headerValue() {
        if (clientSecret == null || clientSecret.isBlank()) {
            throw new IllegalStateException("service account secret is not set (clientSecret)");
        }
        if ("Bearer".equals(scheme)) {
            return "Bearer " + clientSecret;
        }
        if (clientId == null || clientId.isBlank()) {
            throw new IllegalStateException("service account id is not set (clientId)");
        }
        String pair = clientId + ":" + clientSecret;
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void process(Exchange exchange) {
        exchange.getMessage().setHeader("Authorization", headerValue());
    }

    /**
     * @param scheme {@code Basic} or {@code Bearer}, case-insensitive
     * @throws IllegalArgumentException for any other value
     */
    public void setScheme(String scheme) {
        String s = scheme == null || scheme.isBlank() ? "basic" : scheme.trim().toLowerCase(Locale.ROOT);
        switch (s) {
            case "basic" -> this.scheme = "Basic";
            case "bearer" -> this.scheme = "Bearer";
            default -> throw new IllegalArgumentException("authScheme must be Basic or Bearer, not '" + scheme + "'");
        }
    }

    public String getScheme() {
        return scheme;
    }

    public void setClientId(String clientId) {
        this.clientId = clientId;
    }

    public void setClientSecret(String clientSecret) {
        this.clientSecret = clientSecret;
    }

    @Override
    public String toString() {
        return "ServiceAccountAuth[scheme=" + scheme + ", clientId=" + clientId + ", clientSecret=***]";
    }
}
