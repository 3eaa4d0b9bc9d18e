package org.soarplaybooks.webhook;

import org.soarplaybooks.incident.Incident;
import org.soarplaybooks.incident.SentinelIncidentNormalizer;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code POST /webhooks/sentinel}: Microsoft Sentinel automation deliveries, posted by a Logic App's HTTP action
 * (playbook triggered by an automation rule). The body is the automation envelope {@code {eventUniqueId,
 * objectSchemaType, objectEventType, workspaceInfo, workspaceId, object}} (the incident under {@code object}), or a
 * bare incident resource {@code {id, name, etag, type, properties}} (design/vendor-facts.md, section 3); schema
 * {@code schemas/webhook-sentinel-event.request.json}. It feeds {@code sentinel-incident-sync} through
 * {@code inbox/sentinel/}, whose normalizer reads both shapes.
 *
 * <ul>
 *   <li>Authentication ({@code auth} property, {@code sentinel.webhook.auth}): {@code bearer} (default) =
 *       {@code Authorization: Bearer <SENTINEL_WEBHOOK_SECRET>}, compared in constant time ({@link BearerSecret});
 *       or {@code hmac} = the ContraForce scheme with its own secret and headers {@code X-Signature: sha256=<hex>}
 *       = HMAC-SHA256(secret, {@code "{X-Timestamp}.{raw body}"}), {@code X-Timestamp} in Unix seconds
 *       ({@link HmacSignature}).</li>
 *   <li>Event id: {@code eventUniqueId} of the envelope; for a bare incident (or an envelope without it)
 *       {@code incident-<name>-<first 16 hex of SHA-256(name | etag | properties.lastModifiedTimeUtc)>}, so the
 *       same incident state posted twice is one event and every change is a new one.</li>
 *   <li>Envelopes whose {@code objectSchemaType} is not {@code Incident} (e.g. {@code Alert}) are acknowledged and
 *       ignored.</li>
 * </ul>
 */
public final class SentinelWebhook extends WebhookIntake {

    private static final SentinelIncidentNormalizer NORMALIZER = new SentinelIncidentNormalizer();

    public static final String SIGNATURE = "X-Signature";
    public static final String TIMESTAMP = "X-Timestamp";
    public static final String AUTHORIZATION = "Authorization";

    private String auth = "bearer";
    private HmacSignature signature;
    private BearerSecret bearer;

    public SentinelWebhook() {
    }

    /** With a clock (tests). */
    public SentinelWebhook(Clock clock) {
        super(clock);
    }

    /**
     * {@code hmac} or {@code bearer} (any case).
     *
     * @throws IllegalArgumentException for anything else
     */
    public void setAuth(String auth) {
        String a = auth == null ? "" : auth.strip().toLowerCase(Locale.ROOT);
        if (!a.equals("hmac") && !a.equals("bearer")) {
            throw new IllegalArgumentException("sentinel.webhook.auth must be hmac or bearer, not '" + auth + "'");
        }
        this.auth = a;
    }

    @Override
    protected String name() {
        return "sentinel";
    }

    @Override
    protected String vendor() {
        return "Microsoft Sentinel";
    }

    @Override
    protected String schema() {
        return "webhook-sentinel-event";
    }

    @Override
    protected String secretVariable() {
        return "SENTINEL_WEBHOOK_SECRET";
    }

    @Override
    protected List<String> wantedHeaders() {
        return auth.equals("hmac") ? List.of(SIGNATURE, TIMESTAMP) : List.of(AUTHORIZATION);
    }

    @Override
    protected void useSecret(byte[] secret, Duration tolerance) {
        if (auth.equals("hmac")) {
            signature = new HmacSignature(secret, tolerance);
        } else {
            bearer = new BearerSecret(secret);
        }
    }

    @Override
    protected String describeAuthentication() {
        return auth.equals("hmac") ? "HMAC-SHA256 in " + SIGNATURE + " over " + TIMESTAMP + " and the body"
                : "Authorization: Bearer <shared secret>";
    }

    @Override
    protected String authenticationFailure(Delivery d, Instant now) {
        if (auth.equals("hmac")) {
            HmacSignature.Result r = signature.check(d.header(TIMESTAMP).orElse(null),
                    d.header(SIGNATURE).orElse(null), d.body(), now);
            return r == HmacSignature.Result.OK ? null : r.name().toLowerCase(Locale.ROOT).replace('_', ' ');
        }
        return bearer.verify(d.header(AUTHORIZATION).orElse(null)) ? null : "missing or wrong bearer secret";
    }

    @Override
    protected Map<String, String> unauthenticatedHeaders() {
        return auth.equals("bearer") ? Map.of("WWW-Authenticate", "Bearer realm=\"webhooks\"") : Map.of();
    }

    @Override
    protected String eventId(Delivery d, JsonNode event) {
        String unique = event.path("eventUniqueId").asText("").strip();
        if (!unique.isEmpty()) {
            return unique;
        }
        JsonNode incident = event.has("object") ? event.path("object") : event;
        String name = incident.path("name").asText("");
        String state = name + "|" + incident.path("etag").asText("") + "|"
                + incident.path("properties").path("lastModifiedTimeUtc").asText("");
        return "incident-" + name + "-" + sha256(state).substring(0, 16);
    }

    @Override
    protected String ignoredBecause(JsonNode event) {
        String type = event.path("objectSchemaType").asText("Incident");
        return type.equalsIgnoreCase("Incident") ? null : "objectSchemaType " + type + " is not an incident";
    }

    @Override
    protected String incidentKey(JsonNode event) {
        JsonNode incident = event.has("object") ? event.path("object") : event;
        String name = incident.path("name").asText("");
        return name.isEmpty() ? null : "Sentinel:" + name;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }

    /** The event's incidents, read as the {@code SentinelIncidentNormalizer} reads them. */
    @Override
    protected List<Incident> incidents(JsonNode event) {
        return NORMALIZER.normalizeParsed(event);
    }
}
