package org.soarplaybooks.webhook;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Sends real HTTP requests to an engine's webhook server, signing them the way ContraForce documents
 * ({@code X-CF-Signature: sha256=<hex>} = HMAC-SHA256(secret, {@code "{X-CF-Timestamp}.{raw body}"})), computed
 * here with {@code javax.crypto} directly, independently of the production code.
 */
public final class WebhookClient {

    public static final String CF_SECRET = "cf-webhook-secret-for-tests-0123456789abcdef";
    public static final String SENTINEL_SECRET = "sentinel-webhook-secret-for-tests-0123456789";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final int port;

    public WebhookClient(int port) {
        this.port = port;
    }

    URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + port + pathAndQuery);
    }

    /** HMAC-SHA256 hex of {@code timestamp + "." + body}. */
    static String hmacHex(String secret, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String now() {
        return String.valueOf(Instant.now().getEpochSecond());
    }

    /** The headers of a correctly signed ContraForce delivery. */
    public static Map<String, String> contraForceHeaders(String eventId, String timestamp, String body) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Content-Type", "application/json");
        h.put("X-CF-Event-Id", eventId);
        h.put("X-CF-Timestamp", timestamp);
        h.put("X-CF-Signature", "sha256=" + hmacHex(CF_SECRET, timestamp, body.getBytes(StandardCharsets.UTF_8)));
        h.put("X-CF-Schema", "incident.created.v1");
        return h;
    }

    /** POSTs a correctly signed ContraForce delivery. */
    HttpResponse<String> contraForce(String eventId, String body) {
        return post("/webhooks/contraforce", contraForceHeaders(eventId, now(), body), body);
    }

    public HttpResponse<String> post(String path, Map<String, String> headers, String body) {
        return send(path, "POST", headers, body.getBytes(StandardCharsets.UTF_8));
    }

    HttpResponse<String> send(String pathAndQuery, String method, Map<String, String> headers, byte[] body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(pathAndQuery)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(b::header);
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * A ContraForce {@code incident.created.v1} envelope in the documented shape (samples/contraforce/...jsonc)
     * for a SentinelOne threat, with an optional {@code data.workspaceId}.
     */
    public static String createdEvent(String source, String incidentId, String workspaceId) {
        return """
                {"type": "incident.created.v1", "timestamp": "2026-04-22T15:00:00Z", "isTest": false,
                 "occurredAt": "2026-04-22T14:55:00Z",
                 "data": {"accountId": "5b0d7c3e-1f2a-4b6c-9d8e-7f6a5b4c3d2e", "accountName": "Example MSP SOC",
                  %s"incidentId": "%s", "incidentNumber": 1234, "title": "Suspicious process", "description": "...",
                  "severity": "High", "source": "%s", "sourceDisplayName": "SentinelOne",
                  "owner": {"displayName": "Alex Analyst", "email": "alex@example.com"},
                  "createdAt": "2026-04-22T14:55:00Z", "lastActivityAt": "2026-04-22T14:55:00Z",
                  "occurredAt": "2026-04-22T14:55:00Z", "alertProductNames": ["SentinelOne"],
                  "alerts": [{"title": "Malicious file", "severity": "High", "productName": "SentinelOne",
                              "vendorName": "SentinelOne"}],
                  "entities": [{"type": "Host", "displayName": "laptop-17"}]}}
                """.formatted(workspaceId == null ? "" : "\"workspaceId\": \"" + workspaceId + "\", ", incidentId,
                source);
    }
}
