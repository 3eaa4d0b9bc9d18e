package org.soarplaybooks.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.soarplaybooks.testkit.PlaybookHarness.json;
import static org.soarplaybooks.webhook.WebhookClient.CF_SECRET;
import static org.soarplaybooks.webhook.WebhookClient.SENTINEL_SECRET;
import static org.soarplaybooks.webhook.WebhookClient.contraForceHeaders;
import static org.soarplaybooks.webhook.WebhookClient.createdEvent;
import static org.soarplaybooks.webhook.WebhookClient.now;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.soarplaybooks.audit.AuditRecord;
import org.soarplaybooks.engine.StartupException;
import org.soarplaybooks.simulator.SimulatorCredentials;
import org.soarplaybooks.testkit.PlaybookHarness;

/**
 * Webhook deliveries all the way to the vendors (real HTTP in, real HTTP to the vendor simulator out): the 202
 * comes once the event is on disk and before any vendor call; nothing of the delivery (its {@code Camel*} headers
 * in any spelling, its {@code Authorization}, its query) reaches or steers a vendor call; event ids survive a
 * restart; no secret means 401; a webhook port in use stops the start.
 */
class WebhookEndToEndTest {

    static final String WORKSPACE = "6eca6a1f-2b3c-4d5e-8f90-a1b2c3d4e5f6";
    static final String S1_PATH = "/web/api/v2.1/threats/incident";

    static Map<String, String> secrets(int port) {
        return Map.of("camel.server.port", String.valueOf(port),
                "contraforce.webhook.secret", CF_SECRET,
                "sentinel.webhook.secret", SENTINEL_SECRET);
    }

    @Test
    void aSignedCreatedEventIsQueuedBeforeAnyVendorCallThenTriagedAndNothingOfTheDeliveryReachesTheVendors(
            @TempDir Path data) {
        int port = PlaybookHarness.freePort();
        try (PlaybookHarness h = PlaybookHarness.start(data, Path.of("config"), secrets(port))) {
            // the playbook is stopped while the delivery comes in: a vendor call meanwhile would have to come from
            // the webhook itself, and what the webhook queued stays on the queue to be looked at
            h.stopPlaybook("contraforce-triage");
            WebhookClient client = new WebhookClient(port);
            String id = "evt_created_123456";
            String body = createdEvent("sentinelone", "123456", WORKSPACE);
            Map<String, String> headers = new LinkedHashMap<>(contraForceHeaders(id, now(), body));
            headers.put("CamelHttpUri", "http://127.0.0.1:1/evil-uri");
            headers.put("CAMELHTTPPATH", "/evil-path");
            headers.put("camelHttpQuery", "evil=query");
            headers.put("cAmElHtTpMeThOd", "DELETE");
            headers.put("CamelHttpRawQuery", "evil=raw");
            headers.put("Authorization", "Bearer attacker");
            headers.put("Cookie", "session=attacker");
            headers.put("X-Forwarded-Host", "evil.example");

            HttpResponse<String> r = client.post("/webhooks/contraforce?CamelHttpUri=http://evil.example/"
                    + "&camelHttpPath=/evil&CAMELHTTPMETHOD=GET", headers, body);

            String trigger = "webhook:/webhooks/contraforce " + id;
            assertThat(r.statusCode()).isEqualTo(202);
            assertThat(h.queued("contraforce-triage")).as("on the broker when the 202 arrives")
                    .extracting(m -> m.trigger()).containsExactly(trigger);
            assertThat(h.queued("contraforce-closure-to-sentinelone")).as("a created event is not for the closure"
                    + " playbook").isEmpty();
            assertThat(h.requests()).as("no vendor call from the webhook").isEmpty();

            h.startPlaybook("contraforce-triage");
            h.awaitQuiet();
            List<LoggedRequest> calls = h.requests();
            assertThat(calls).extracting(c -> c.getMethod().getName() + " " + c.getUrl()).containsExactly(
                    "POST " + S1_PATH,
                    "PUT /api/v2/workspaces/" + WORKSPACE + "/incidents/SentinelOne/123456/status");
            assertThat(json(calls.get(0).getBodyAsString())).isEqualTo(json("""
                    {"data": {"incidentStatus": "in_progress"}, "filter": {"ids": ["123456"]}}"""));
            assertThat(json(calls.get(1).getBodyAsString())).isEqualTo(json("""
                    {"status": "Active", "comment": "Triaged by playbook contraforce-triage"}"""));
            assertThat(calls.get(0).getHeader("Authorization"))
                    .isEqualTo("ApiToken " + SimulatorCredentials.DEMO_SENTINELONE_API_TOKEN);
            assertThat(calls.get(1).getHeader("Authorization")).isEqualTo("Basic " + Base64.getEncoder().encodeToString(
                    (SimulatorCredentials.DEMO_CLIENT_ID + ":" + SimulatorCredentials.DEMO_CLIENT_SECRET)
                            .getBytes(StandardCharsets.UTF_8)));
            assertThat(calls).allSatisfy(WebhookEndToEndTest::carriesNothingOfTheDelivery);
            assertThat(h.audit()).filteredOn(a -> "contraforce-triage".equals(a.playbook()))
                    .extracting(AuditRecord::vendor, AuditRecord::incidentKey, AuditRecord::result, AuditRecord::trigger)
                    .containsExactlyInAnyOrder(
                            org.assertj.core.groups.Tuple.tuple("SentinelOne", "SentinelOne:123456", "sent",
                                    trigger),
                            org.assertj.core.groups.Tuple.tuple("ContraForce", "SentinelOne:123456", "sent",
                                    trigger));
            assertThat(h.deadLetters()).isEmpty();
        }
    }

    static void carriesNothingOfTheDelivery(LoggedRequest call) {
        for (HttpHeader header : call.getHeaders().all()) {
            assertThat(header.key().toLowerCase()).doesNotStartWith("camel").isNotIn("cookie", "x-forwarded-host",
                    "x-cf-signature", "x-cf-timestamp", "x-cf-event-id", "x-cf-schema");
            assertThat(header.values()).noneMatch(v -> v.contains("attacker") || v.contains("evil"));
        }
        assertThat(call.getUrl()).doesNotContain("evil").doesNotContainIgnoringCase("camel");
        assertThat(call.getBodyAsString()).doesNotContain("evil", "attacker");
    }

    @Test
    void aSentinelAutomationEnvelopeReachesSentinelIncidentSync(@TempDir Path data) throws IOException {
        int port = PlaybookHarness.freePort();
        try (PlaybookHarness h = PlaybookHarness.start(data, Path.of("config"), secrets(port));
             InputStream sample = getClass().getClassLoader()
                     .getResourceAsStream("samples/microsoft-sentinel/incident-1505-active-rapid7.json")) {
            String incident = new String(sample.readAllBytes(), StandardCharsets.UTF_8);
            String envelope = """
                    {"eventUniqueId": "4b1d6c1e-8a0f-4f43-9d55-2c6c3f1e9a10", "objectSchemaType": "Incident",
                     "objectEventType": "Update",
                     "workspaceInfo": {"SubscriptionId": "0ce65e6b-a780-44ca-9e51-df965e27aefe",
                                       "ResourceGroupName": "integrationLab", "WorkspaceName": "sentinel"},
                     "workspaceId": "0ce65e6b-0000-0000-0000-000000000000",
                     "object": %s}""".formatted(incident);
            WebhookClient client = new WebhookClient(port);

            HttpResponse<String> r = client.post("/webhooks/sentinel", Map.of("Content-Type", "application/json",
                    "Authorization", "Bearer " + SENTINEL_SECRET), envelope);

            assertThat(r.statusCode()).isEqualTo(202);
            assertThat(json(r.body())).isEqualTo(json(
                    "{\"accepted\": true, \"eventId\": \"4b1d6c1e-8a0f-4f43-9d55-2c6c3f1e9a10\"}"));
            h.awaitQuiet();
            assertThat(h.requests()).singleElement().satisfies(call -> {
                assertThat(call.getMethod().getName() + " " + call.getUrl()).isEqualTo(
                        "PUT /api/v2/workspaces/3f2a4b1c-7d5e-4c8a-9b6f-1e2d3c4b5a61/incidents/Sentinel/1505/status");
                assertThat(json(call.getBodyAsString())).isEqualTo(json("{\"status\": \"Active\"}"));
                assertThat(call.getHeader("Authorization")).startsWith("Basic ").doesNotContain(SENTINEL_SECRET);
            });
            assertThat(h.audit()).filteredOn(a -> "sentinel-incident-sync".equals(a.playbook()))
                    .singleElement().satisfies(a -> {
                        assertThat(a.incidentKey()).isEqualTo("Sentinel:1505");
                        assertThat(a.result()).isEqualTo("sent");
                    });
        }
    }

    @Test
    void eventIdsSurviveARestart(@TempDir Path data) {
        String id = "evt_survives_restart";
        String body = "{\"type\": \"incident.updated.v1\", \"data\": {\"incidentId\": \"123456\", \"source\":"
                + " \"sentinelone\", \"status\": \"Active\"}}";
        int port = PlaybookHarness.freePort();
        try (PlaybookHarness h = PlaybookHarness.start(data, Path.of("config"), secrets(port))) {
            assertThat(new WebhookClient(port).contraForce(id, body).statusCode()).isEqualTo(202);
            h.awaitQuiet();
        }
        int port2 = PlaybookHarness.freePort();
        try (PlaybookHarness h = PlaybookHarness.start(data, Path.of("config"), secrets(port2))) {
            HttpResponse<String> again = new WebhookClient(port2).contraForce(id, body);

            assertThat(again.statusCode()).isEqualTo(200);
            assertThat(json(again.body()).path("duplicate").asBoolean()).isTrue();
            assertThat(h.audit()).filteredOn(a -> id.equals(a.requestId())).extracting(AuditRecord::result)
                    .as("queued before the restart, refused after it").containsExactly("queued", "duplicate");
        }
    }

    @Test
    void theIntakeEnforcesItsSizeLimitEvenWhenTheServerAllowsMore(@TempDir Path data) {
        int port = PlaybookHarness.freePort();
        Map<String, String> props = new LinkedHashMap<>(secrets(port));
        props.put("camel.server.maxBodySize", "2000000");
        props.put("playbooks.webhook.max-body-bytes", "500");
        try (PlaybookHarness h = PlaybookHarness.start(data, Path.of("config"), props)) {
            String body = createdEvent("sentinelone", "123456", null);
            assertThat(body.length()).isGreaterThan(500);

            HttpResponse<String> r = new WebhookClient(port).contraForce("evt_too_large", body);

            assertThat(r.statusCode()).isEqualTo(413);
            assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(json(r.body()).path("detail").asText()).isEqualTo("the body is larger than 500 bytes");
            assertThat(json(r.body()).path("code").asText()).isEqualTo("PAYLOAD_TOO_LARGE");
        }
    }

    @Test
    void withoutASecretEveryDeliveryIs401AndTheStartSaysSo(@TempDir Path data) {
        Logger logger = (Logger) LoggerFactory.getLogger("soar.webhook");
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        logger.addAppender(log);
        int port = PlaybookHarness.freePort();
        try (PlaybookHarness h = PlaybookHarness.start(data, Path.of("config"),
                Map.of("camel.server.port", String.valueOf(port)))) {
            WebhookClient client = new WebhookClient(port);
            String body = createdEvent("sentinelone", "123456", null);

            HttpResponse<String> cf = client.contraForce("evt_no_secret", body);
            HttpResponse<String> sentinel = client.post("/webhooks/sentinel", Map.of("Content-Type",
                    "application/json", "Authorization", "Bearer "), "{\"name\": \"1\", \"properties\": {}}");

            assertThat(cf.statusCode()).isEqualTo(401);
            assertThat(json(cf.body()).path("code").asText()).isEqualTo("UNAUTHENTICATED");
            assertThat(sentinel.statusCode()).isEqualTo(401);
            h.awaitQuiet();
            assertThat(h.requests()).as("nothing queued, nothing sent").isEmpty();
            // each line once: the webhook beans are made once per start (engine/PlaybookYamlLoader)
            assertThat(log.list).filteredOn(e -> e.getFormattedMessage().contains("is disabled"))
                    .extracting(ILoggingEvent::getFormattedMessage).containsExactlyInAnyOrder(
                            "webhook /webhooks/contraforce is disabled: CONTRAFORCE_WEBHOOK_SECRET is not set, so every"
                                    + " delivery is answered 401",
                            "webhook /webhooks/sentinel is disabled: SENTINEL_WEBHOOK_SECRET is not set, so every"
                                    + " delivery is answered 401");
        } finally {
            logger.detachAppender(log);
        }
    }

    @Test
    void healthStaysOnLoopbackByDefaultWhileTheWebhooksListenWhereConfigured(@TempDir Path data) {
        int port = PlaybookHarness.freePort();
        try (PlaybookHarness h = PlaybookHarness.start(data, Path.of("config"),
                Map.of("camel.server.port", String.valueOf(port)))) {
            var routers = h.engine().context().getRegistry()
                    .findByType(org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter.class);

            assertThat(routers).filteredOn(r -> r.isManagementServer()).isNotEmpty()
                    .allSatisfy(r -> assertThat(r.getServer().getHost()).as("management (shipped default)")
                            .isEqualTo("127.0.0.1"));
            assertThat(routers).filteredOn(r -> r.isMainServer()).singleElement()
                    .satisfies(r -> assertThat(r.getServer().getServer().actualPort()).isEqualTo(port));
            assertThat(WebhookServer.port(h.engine().context())).isEqualTo(port);
        }
    }

    @Test
    void aWebhookPortInUseStopsTheStartWithOneLine(@TempDir Path data) throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();

            assertThatThrownBy(() -> PlaybookHarness.start(data, Path.of("config"),
                    Map.of("camel.server.port", String.valueOf(port))))
                    .isInstanceOf(StartupException.class)
                    .hasMessage("webhooks: the HTTP server cannot listen on 127.0.0.1:" + port
                            + " (is the port in use? set PLAYBOOKS_HTTP_PORT or PLAYBOOKS_HTTP_HOST)");
        }
        // the failed engine let go of the data folder
        try (PlaybookHarness h = PlaybookHarness.start(data)) {
            assertThat(h.engine().context().isStarted()).isTrue();
        }
    }
}
