package org.soarplaybooks.webhook;

import org.soarplaybooks.incident.Incident;
import org.soarplaybooks.incident.ContraForceEventNormalizer;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.soarplaybooks.incident.IncidentSource;

/**
 * {@code POST /webhooks/contraforce}: ContraForce webhook deliveries (design/vendor-facts.md, "Webhooks";
 * ContraForce/integrations-examples servicenow-samples/README.md, "1. ContraForce webhook endpoint").
 *
 * <ul>
 *   <li>Authentication: {@code X-CF-Signature: sha256=<hex>} = HMAC-SHA256({@code CONTRAFORCE_WEBHOOK_SECRET},
 *       {@code "{X-CF-Timestamp}.{raw body}"}), {@code X-CF-Timestamp} in Unix seconds at most
 *       {@code toleranceSeconds} (300) from now ({@link HmacSignature}).</li>
 *   <li>Event id: header {@code X-CF-Event-Id} (deterministic per event; delivery is at least once).</li>
 *   <li>Test delivery: header {@code X-CF-Test: true}, or {@code "isTest": true} in the body.</li>
 *   <li>Body: the envelope {@code {type, timestamp, isTest, occurredAt, data{...}}}, schema
 *       {@code schemas/webhook-contraforce-event.request.json}. Events whose {@code type} is not {@code incident.*}
 *       are acknowledged and ignored: no shipped playbook reads them.</li>
 * </ul>
 * {@code X-CF-Schema} (the event type and version) is not needed: the body's {@code type} says the same.
 */
public final class ContraForceWebhook extends WebhookIntake {

    private static final ContraForceEventNormalizer NORMALIZER = new ContraForceEventNormalizer();

    public static final String SIGNATURE = "X-CF-Signature";
    public static final String TIMESTAMP = "X-CF-Timestamp";
    public static final String EVENT_ID = "X-CF-Event-Id";
    public static final String TEST = "X-CF-Test";

    private HmacSignature signature;

    public ContraForceWebhook() {
    }

    /** With a clock (tests). */
    public ContraForceWebhook(Clock clock) {
        super(clock);
    }

    @Override
    protected String name() {
        return "contraforce";
    }

    @Override
    protected String vendor() {
        return "ContraForce";
    }

    @Override
    protected String schema() {
        return "webhook-contraforce-event";
    }

    @Override
    protected String secretVariable() {
        return "CONTRAFORCE_WEBHOOK_SECRET";
    }

    @Override
    protected List<String> wantedHeaders() {
        return List.of(SIGNATURE, TIMESTAMP, EVENT_ID, TEST);
    }

    @Override
    protected void useSecret(byte[] secret, Duration tolerance) {
        signature = new HmacSignature(secret, tolerance);
    }

    @Override
    protected String describeAuthentication() {
        return "HMAC-SHA256 in " + SIGNATURE + " over " + TIMESTAMP + " and the body";
    }

    @Override
    protected String authenticationFailure(Delivery d, Instant now) {
        HmacSignature.Result r = signature.check(d.header(TIMESTAMP).orElse(null), d.header(SIGNATURE).orElse(null),
                d.body(), now);
        return r == HmacSignature.Result.OK ? null : r.name().toLowerCase().replace('_', ' ');
    }

    @Override
    protected String eventId(Delivery d, JsonNode event) {
        return d.header(EVENT_ID).map(String::strip).filter(s -> !s.isEmpty())
                .orElseThrow(() -> WebhookRejection.missingEventId(d.path(), "header " + EVENT_ID));
    }

    @Override
    protected boolean isTest(Delivery d, JsonNode event) {
        return d.header(TEST).map(v -> v.strip().equalsIgnoreCase("true")).orElse(false)
                || event.path("isTest").asBoolean(false);
    }

    @Override
    protected String ignoredBecause(JsonNode event) {
        String type = event.path("type").asText();
        return type.startsWith("incident.") ? null : "event type " + type + " is not an incident event";
    }

    @Override
    protected String incidentKey(JsonNode event) {
        JsonNode data = event.path("data");
        String id = data.path("incidentId").asText("");
        if (id.isEmpty()) {
            return null;
        }
        try {
            return IncidentSource.fromWireName(data.path("source").asText()).wireName() + ":" + id;
        } catch (IllegalArgumentException e) {
            return data.path("source").asText() + ":" + id;
        }
    }

    /** The event's incidents, read as the {@code ContraForceEventNormalizer} reads them. */
    @Override
    protected List<Incident> incidents(JsonNode event) {
        return NORMALIZER.normalizeParsed(event);
    }
}
