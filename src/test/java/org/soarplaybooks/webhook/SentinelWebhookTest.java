package org.soarplaybooks.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.soarplaybooks.testkit.PlaybookHarness.json;
import static org.soarplaybooks.webhook.WebhookClient.SENTINEL_SECRET;
import static org.soarplaybooks.webhook.WebhookClient.hmacHex;
import static org.soarplaybooks.webhook.WebhookClient.now;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.soarplaybooks.core.queue.IncidentMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.soarplaybooks.testkit.PlaybookHarness;

/**
 * {@code POST /webhooks/sentinel} over real HTTP against the running engine, in both authentication modes:
 * {@code bearer} (the default, what a Logic App HTTP action sends) and {@code hmac}. Inbox files are left
 * unprocessed here; {@link WebhookEndToEndTest} follows one into {@code sentinel-incident-sync}.
 */
class SentinelWebhookTest {

    static final String PATH = "/webhooks/sentinel";
    static final Map<String, String> JSON = Map.of("Content-Type", "application/json");

    static String sample(String name) {
        try (InputStream in = SentinelWebhookTest.class.getClassLoader()
                .getResourceAsStream("samples/microsoft-sentinel/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String envelope(String eventUniqueId, String schemaType, String object) {
        return """
                {"eventUniqueId": "%s", "objectSchemaType": "%s", "objectEventType": "Create",
                 "workspaceInfo": {"SubscriptionId": "d0cfe6b2-9ac0-4464-9919-dccaee2e48c0",
                                   "ResourceGroupName": "myRg", "WorkspaceName": "myWorkspace"},
                 "workspaceId": "d0cfe6b2-0000-0000-0000-000000000000", "object": %s}"""
                .formatted(eventUniqueId, schemaType, object);
    }

    static Map<String, String> bearer(String secret) {
        return Map.of("Content-Type", "application/json", "Authorization", "Bearer " + secret);
    }

    /** An engine whose sentinel-incident-sync is stopped: what the webhook queues waits on its queue. */
    static PlaybookHarness start(Path data, int port, String auth) {
        PlaybookHarness h = PlaybookHarness.start(data, Path.of("config"), Map.of(
                "camel.server.port", String.valueOf(port),
                "sentinel.webhook.secret", SENTINEL_SECRET,
                "sentinel.webhook.auth", auth));
        h.stopPlaybook("sentinel-incident-sync");
        return h;
    }

    /** The incidents queued for sentinel-incident-sync for one event. */
    static List<IncidentMessage> queuedFor(PlaybookHarness h, String eventId) {
        return h.queued("sentinel-incident-sync").stream()
                .filter(m -> m.trigger().equals("webhook:" + PATH + " " + eventId)).toList();
    }

    @Test
    void bearerMode(@TempDir Path data) throws IOException {
        int port = PlaybookHarness.freePort();
        try (PlaybookHarness h = start(data, port, "bearer")) {
            WebhookClient client = new WebhookClient(port);
            String closed = sample("incident-73e01a99-closed-falsepositive-azure-rest-api-specs.json");

            // the automation envelope: its eventUniqueId is the event id
            String env = envelope("7e0b3c2a-1d4f-4a8e-9b6c-5f2e1d0c9b8a", "Incident", closed);
            HttpResponse<String> r = client.post(PATH, bearer(SENTINEL_SECRET), env);
            assertThat(r.statusCode()).isEqualTo(202);
            assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
            assertThat(json(r.body())).isEqualTo(json(
                    "{\"accepted\": true, \"eventId\": \"7e0b3c2a-1d4f-4a8e-9b6c-5f2e1d0c9b8a\"}"));
            assertThat(queuedFor(h, "7e0b3c2a-1d4f-4a8e-9b6c-5f2e1d0c9b8a")).singleElement().satisfies(m -> {
                assertThat(m.key()).isEqualTo("Sentinel:73e01a99-5cd7-4139-a149-9f2736ff2ab5");
                assertThat(m.incident().status()).isEqualTo("Closed");
                assertThat(m.incident().raw()).as("the envelope's incident").isEqualTo(json(closed));
            });

            // a bare incident: the id comes from its name and state; the same state again is a duplicate
            HttpResponse<String> bare = client.post(PATH, bearer(SENTINEL_SECRET), closed);
            String bareId = json(bare.body()).path("eventId").asText();
            assertThat(bare.statusCode()).isEqualTo(202);
            assertThat(bareId).matches("incident-73e01a99-5cd7-4139-a149-9f2736ff2ab5-[0-9a-f]{16}");
            assertThat(queuedFor(h, bareId)).hasSize(1);
            HttpResponse<String> again = client.post(PATH, bearer(SENTINEL_SECRET), closed);
            assertThat(again.statusCode()).isEqualTo(200);
            assertThat(json(again.body())).isEqualTo(json("{\"duplicate\": true, \"eventId\": \"" + bareId + "\"}"));
            // a change (new etag) is a new event
            HttpResponse<String> changed = client.post(PATH, bearer(SENTINEL_SECRET),
                    closed.replace("0300bf09-0000-0000-0000-5c37296e0000", "0300bf09-0000-0000-0000-5c37296e0001"));
            assertThat(changed.statusCode()).isEqualTo(202);
            assertThat(json(changed.body()).path("eventId").asText()).isNotEqualTo(bareId);

            // anything but the exact bearer secret: the same 401, with the scheme to use
            Set<String> bodies = new HashSet<>();
            for (Map<String, String> headers : List.of(JSON, bearer("wrong"), bearer(SENTINEL_SECRET + "x"),
                    bearer(SENTINEL_SECRET.substring(1)), Map.of("Content-Type", "application/json",
                            "Authorization", "Basic " + SENTINEL_SECRET))) {
                HttpResponse<String> refused = client.post(PATH, headers, envelope("e-" + headers.hashCode(),
                        "Incident", closed));
                assertThat(refused.statusCode()).isEqualTo(401);
                assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"webhooks\"");
                assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
                bodies.add(refused.body());
            }
            assertThat(bodies).singleElement().satisfies(b -> assertThat(json(b).path("code").asText())
                    .isEqualTo("UNAUTHENTICATED"));

            // an alert, not an incident: acknowledged, written nowhere
            HttpResponse<String> alert = client.post(PATH, bearer(SENTINEL_SECRET),
                    envelope("alert-1", "Alert", "{\"name\": \"alert-1\", \"properties\": {\"severity\": \"High\"}}"));
            assertThat(alert.statusCode()).isEqualTo(200);
            assertThat(json(alert.body()).path("ignored").asText())
                    .isEqualTo("objectSchemaType Alert is not an incident");
            assertThat(queuedFor(h, "alert-1")).isEmpty();

            // schema: the incident of an envelope needs properties.status
            String noStatus = envelope("e-no-status", "Incident",
                    "{\"name\": \"1505\", \"properties\": {\"title\": \"t\"}}");
            HttpResponse<String> bad = client.post(PATH, bearer(SENTINEL_SECRET), noStatus);
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(json(bad.body()).path("code").asText()).isEqualTo("SCHEMA_VIOLATION");
            assertThat(json(bad.body()).path("errors").has("/object/properties/status")).isTrue();
        }
    }

    @Test
    void hmacMode(@TempDir Path data) {
        int port = PlaybookHarness.freePort();
        try (PlaybookHarness h = start(data, port, "hmac")) {
            WebhookClient client = new WebhookClient(port);
            String body = envelope("hmac-event-1", "Incident", sample("incident-1505-active-rapid7.json"));
            String ts = now();
            String signature = "sha256=" + hmacHex(SENTINEL_SECRET, ts, body.getBytes(StandardCharsets.UTF_8));

            HttpResponse<String> signed = client.post(PATH, Map.of("Content-Type", "application/json",
                    "X-Timestamp", ts, "X-Signature", signature), body);
            HttpResponse<String> bearerOnly = client.post(PATH, bearer(SENTINEL_SECRET),
                    body.replace("hmac-event-1", "hmac-event-2"));
            HttpResponse<String> otherBody = client.post(PATH, Map.of("Content-Type", "application/json",
                    "X-Timestamp", ts, "X-Signature", signature), body.replace("hmac-event-1", "hmac-event-3"));

            assertThat(signed.statusCode()).isEqualTo(202);
            assertThat(queuedFor(h, "hmac-event-1")).hasSize(1);
            for (HttpResponse<String> r : List.of(bearerOnly, otherBody)) {
                assertThat(r.statusCode()).isEqualTo(401);
                assertThat(r.headers().firstValue("WWW-Authenticate")).isEmpty();
            }
            assertThat(queuedFor(h, "hmac-event-2")).isEmpty();
            assertThat(queuedFor(h, "hmac-event-3")).isEmpty();
        }
    }
}
