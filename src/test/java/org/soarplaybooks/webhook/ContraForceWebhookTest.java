package org.soarplaybooks.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.soarplaybooks.testkit.PlaybookHarness.json;
import static org.soarplaybooks.webhook.WebhookClient.CF_SECRET;
import static org.soarplaybooks.webhook.WebhookClient.contraForceHeaders;
import static org.soarplaybooks.webhook.WebhookClient.createdEvent;
import static org.soarplaybooks.webhook.WebhookClient.hmacHex;
import static org.soarplaybooks.webhook.WebhookClient.now;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.soarplaybooks.audit.AuditRecord;
import org.soarplaybooks.core.queue.IncidentMessage;
import org.soarplaybooks.testkit.PlaybookHarness;

/**
 * {@code POST /webhooks/contraforce} over real HTTP against the running engine (shipped routes and config, a
 * secret configured): every answer with its status, content type and body, and what lands on the broker. The two
 * fed playbooks are stopped here, so what the webhook queued waits on their queues and can be looked at; what the
 * playbooks then do is {@link WebhookEndToEndTest}'s and ContraForceTriageTest's subject.
 */
class ContraForceWebhookTest {

    static final String PATH = "/webhooks/contraforce";

    @TempDir
    static Path data;
    static PlaybookHarness harness;
    static WebhookClient client;

    @BeforeAll
    static void start() {
        int port = PlaybookHarness.freePort();
        harness = PlaybookHarness.start(data, Path.of("config"), Map.of(
                "camel.server.port", String.valueOf(port),
                "contraforce.webhook.secret", CF_SECRET));
        harness.stopPlaybook("contraforce-triage");
        harness.stopPlaybook("contraforce-closure-to-sentinelone");
        client = new WebhookClient(port);
    }

    @AfterAll
    static void stop() {
        harness.close();
    }

    static String newEventId() {
        return "evt_" + UUID.randomUUID();
    }

    /** What the webhook queued for a playbook for one event (the message's trigger names the event id). */
    static List<IncidentMessage> queuedFor(String playbook, String eventId) {
        return harness.queued(playbook).stream().filter(m -> m.trigger().equals("webhook:" + PATH + " " + eventId))
                .toList();
    }

    static void assertProblem(HttpResponse<String> r, int status, String code) {
        assertThat(r.statusCode()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode p = json(r.body());
        assertThat(p.path("type").asText()).isEqualTo("about:blank");
        assertThat(p.path("status").asInt()).isEqualTo(status);
        assertThat(p.path("code").asText()).isEqualTo(code);
        assertThat(p.path("instance").asText()).isEqualTo(PATH);
        assertThat(p.path("title").asText()).isNotBlank();
    }

    // ---- 202 ------------------------------------------------------------------------------------------------

    @Test
    void aWellSignedDeliveryIsOnDiskInEveryFedInboxWhenTheAnswerIs202() throws IOException {
        String id = newEventId();
        String body = createdEvent("sentinelone", "123456", null);

        HttpResponse<String> r = client.contraForce(id, body);

        assertThat(r.statusCode()).isEqualTo(202);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(json(r.body())).isEqualTo(json("{\"accepted\": true, \"eventId\": \"" + id + "\"}"));
        // the event as its incident, on the queue of each playbook the webhook feeds that acts on it: a created event
        // is not for contraforce-closure-to-sentinelone (feedOnly /data/status:Closed)
        assertThat(queuedFor("contraforce-triage", id)).singleElement().satisfies(m -> {
            assertThat(m.incident().raw()).isEqualTo(json(body));
            assertThat(m.key()).isEqualTo("SentinelOne:123456");
            assertThat(m.incident().status()).isEqualTo("New");
        });
        assertThat(queuedFor("contraforce-closure-to-sentinelone", id)).isEmpty();
        assertThat(harness.audit()).filteredOn(a -> id.equals(a.requestId())).singleElement().satisfies(a -> {
            assertThat(a.playbook()).isEqualTo("webhooks");
            assertThat(a.trigger()).isEqualTo("webhook:" + PATH);
            assertThat(a.incidentKey()).isEqualTo("SentinelOne:123456");
            assertThat(a.vendor()).isEqualTo("ContraForce");
            assertThat(a.operation()).isEqualTo("receive-webhook");
            assertThat(a.httpStatus()).isEqualTo(202);
            assertThat(a.result()).isEqualTo("queued");
            assertThat(a.reason()).isEqualTo("queued for contraforce-triage; not for contraforce-closure-to-sentinelone:"
                    + " /data/status is missing, not Closed");
        });
    }

    @Test
    void aClosedIncidentEventIsQueuedForTheClosurePlaybookToo() throws IOException {
        String id = newEventId();
        String body = createdEvent("sentinelone", "123456", null).replace("incident.created.v1", "incident.updated.v1")
                .replace("\"severity\": \"High\", \"source\"", "\"severity\": \"High\", \"status\": \"Closed\", \"source\"");

        HttpResponse<String> r = client.contraForce(id, body);

        assertThat(r.statusCode()).isEqualTo(202);
        assertThat(queuedFor("contraforce-triage", id)).singleElement()
                .satisfies(m -> assertThat(m.incident().raw()).isEqualTo(json(body)));
        assertThat(queuedFor("contraforce-closure-to-sentinelone", id)).singleElement()
                .satisfies(m -> assertThat(m.incident().status()).isEqualTo("Closed"));
        assertThat(harness.audit()).filteredOn(a -> id.equals(a.requestId())).singleElement()
                .satisfies(a -> assertThat(a.reason())
                        .isEqualTo("queued for contraforce-triage, contraforce-closure-to-sentinelone"));
    }

    @Test
    void aUtf8CharsetParameterIsAccepted() {
        String id = newEventId();
        String body = createdEvent("sentinelone", "123456", null);
        Map<String, String> h = contraForceHeaders(id, now(), body);
        h.put("Content-Type", "application/json; charset=UTF-8");

        assertThat(client.post(PATH, h, body).statusCode()).isEqualTo(202);
    }

    // ---- 200 duplicate ----------------------------------------------------------------------------------------

    @Test
    void aReplayedEventIdIsAnswered200DuplicateAndQueuesNothingAgain() throws IOException {
        String id = newEventId();
        String body = createdEvent("sentinelone", "123456", null);
        assertThat(client.contraForce(id, body).statusCode()).isEqualTo(202);

        HttpResponse<String> again = client.contraForce(id, body);
        HttpResponse<String> changedBody = client.contraForce(id, createdEvent("sentinelone", "11111111111111", null));

        for (HttpResponse<String> r : List.of(again, changedBody)) {
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
            assertThat(json(r.body())).isEqualTo(json("{\"duplicate\": true, \"eventId\": \"" + id + "\"}"));
        }
        assertThat(queuedFor("contraforce-triage", id)).as("the first delivery's only").hasSize(1);
        assertThat(queuedFor("contraforce-closure-to-sentinelone", id)).isEmpty();
        assertThat(harness.audit()).filteredOn(a -> id.equals(a.requestId())).extracting(AuditRecord::result)
                .containsExactly("queued", "duplicate", "duplicate");
    }

    // ---- 401 --------------------------------------------------------------------------------------------------

    @Test
    void everyAuthenticationFailureGetsTheSame401WithNoHintOfWhichPartFailed() {
        String body = createdEvent("sentinelone", "123456", null);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String now = now();
        String stale = String.valueOf(Instant.now().getEpochSecond() - 330);
        String future = String.valueOf(Instant.now().getEpochSecond() + 330);
        String good = "sha256=" + hmacHex(CF_SECRET, now, bytes);
        Map<String, Map<String, String>> cases = new LinkedHashMap<>();
        cases.put("no signature", without(contraForceHeaders(newEventId(), now, body), "X-CF-Signature"));
        cases.put("no timestamp", without(contraForceHeaders(newEventId(), now, body), "X-CF-Timestamp"));
        cases.put("wrong secret", with(contraForceHeaders(newEventId(), now, body), "X-CF-Signature",
                "sha256=" + hmacHex("another-secret", now, bytes)));
        cases.put("signature of another body", with(contraForceHeaders(newEventId(), now, body), "X-CF-Signature",
                "sha256=" + hmacHex(CF_SECRET, now, (body + " ").getBytes(StandardCharsets.UTF_8))));
        cases.put("other timestamp than signed", with(contraForceHeaders(newEventId(), now, body), "X-CF-Timestamp",
                String.valueOf(Long.parseLong(now) - 1)));
        cases.put("stale (330 s old), correctly signed", contraForceHeaders(newEventId(), stale, body));
        cases.put("330 s ahead, correctly signed", contraForceHeaders(newEventId(), future, body));
        cases.put("timestamp in milliseconds", contraForceHeaders(newEventId(),
                String.valueOf(Instant.now().toEpochMilli()), body));
        cases.put("no sha256= prefix", with(contraForceHeaders(newEventId(), now, body), "X-CF-Signature",
                good.substring("sha256=".length())));
        cases.put("not hex", with(contraForceHeaders(newEventId(), now, body), "X-CF-Signature",
                "sha256=" + "z".repeat(64)));
        cases.put("truncated", with(contraForceHeaders(newEventId(), now, body), "X-CF-Signature",
                good.substring(0, good.length() - 2)));

        Set<String> bodies = new java.util.HashSet<>();
        cases.forEach((name, headers) -> {
            HttpResponse<String> r = client.post(PATH, headers, body);
            assertThat(r.statusCode()).as(name).isEqualTo(401);
            assertProblem(r, 401, "UNAUTHENTICATED");
            bodies.add(r.body());
        });
        assertThat(bodies).singleElement().satisfies(b -> assertThat(json(b)).isEqualTo(json("""
                {"type": "about:blank", "title": "Unauthorized", "status": 401,
                 "detail": "the delivery is not authenticated", "instance": "/webhooks/contraforce",
                 "code": "UNAUTHENTICATED"}""")));
        assertThat(cases.values()).allSatisfy(h -> assertThat(queuedFor("contraforce-triage", h.get("X-CF-Event-Id")))
                .isEmpty());
    }

    @Test
    void aTimestamp270SecondsOldIsStillAccepted() {
        String id = newEventId();
        String body = createdEvent("sentinelone", "123456", null);
        String ts = String.valueOf(Instant.now().getEpochSecond() - 270);

        assertThat(client.post(PATH, contraForceHeaders(id, ts, body), body).statusCode()).isEqualTo(202);
    }

    @Test
    void headerNamesAreMatchedInAnyCase() {
        String id = newEventId();
        String body = createdEvent("sentinelone", "123456", null);
        Map<String, String> h = new LinkedHashMap<>();
        contraForceHeaders(id, now(), body).forEach((k, v) -> h.put(k.toLowerCase(), v));

        assertThat(client.post(PATH, h, body).statusCode()).isEqualTo(202);
    }

    @Test
    void aSignatureInUpperCaseHexIsAccepted() {
        String id = newEventId();
        String body = createdEvent("sentinelone", "123456", null);
        Map<String, String> h = contraForceHeaders(id, now(), body);
        h.put("X-CF-Signature", "sha256=" + h.get("X-CF-Signature").substring(7).toUpperCase());

        assertThat(client.post(PATH, h, body).statusCode()).isEqualTo(202);
    }

    // ---- 400 --------------------------------------------------------------------------------------------------

    @Test
    void invalidJsonIs400NamingWhere() {
        String body = "{\"type\": \"incident.created.v1\", \"data\": {";

        HttpResponse<String> r = client.post(PATH, contraForceHeaders(newEventId(), now(), body), body);

        assertProblem(r, 400, "INVALID_JSON");
        assertThat(json(r.body()).path("detail").asText()).startsWith("the body is not valid JSON: ")
                .contains("line 1");
    }

    @Test
    void duplicateMemberNamesAreInvalidJson() {
        String body = "{\"type\": \"incident.created.v1\", \"type\": \"other\", \"data\": {}}";

        assertProblem(client.post(PATH, contraForceHeaders(newEventId(), now(), body), body), 400, "INVALID_JSON");
    }

    @Test
    void aSchemaViolationIs400NamingTheField() {
        String noIncidentId = createdEvent("sentinelone", "123456", null).replace("\"incidentId\": \"123456\", ", "");
        String badSeverity = createdEvent("sentinelone", "123456", null).replace("\"High\", \"source\"",
                "\"Critical\", \"source\"");

        HttpResponse<String> r1 = client.post(PATH, contraForceHeaders(newEventId(), now(), noIncidentId),
                noIncidentId);
        HttpResponse<String> r2 = client.post(PATH, contraForceHeaders(newEventId(), now(), badSeverity), badSeverity);

        assertProblem(r1, 400, "SCHEMA_VIOLATION");
        assertThat(json(r1.body()).path("errors").has("/data/incidentId")).isTrue();
        assertThat(json(r1.body()).path("detail").asText()).contains("/data/incidentId: is required but missing");
        assertProblem(r2, 400, "SCHEMA_VIOLATION");
        assertThat(json(r2.body()).path("errors").path("/data/severity").get(0).asText())
                .startsWith("\"Critical\" is not one of [Informational, Low, Medium, High, null]");
    }

    @Test
    void aDeliveryWithoutEventIdIs400NamingTheHeader() {
        String body = createdEvent("sentinelone", "123456", null);

        HttpResponse<String> r = client.post(PATH, without(contraForceHeaders("x", now(), body), "X-CF-Event-Id"), body);

        assertProblem(r, 400, "MISSING_EVENT_ID");
        assertThat(json(r.body()).path("detail").asText()).startsWith("header X-CF-Event-Id is missing");
    }

    // ---- 413, 415, 405 ----------------------------------------------------------------------------------------

    @Test
    void aBodyAboveOneMebibyteIs413() {
        String pad = "x".repeat(1024 * 1024);
        String body = createdEvent("sentinelone", "123456", null).replace("\"description\": \"...\"",
                "\"description\": \"" + pad + "\"");

        HttpResponse<String> r = client.post(PATH, contraForceHeaders(newEventId(), now(), body), body);

        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json(r.body())).isEqualTo(json("""
                {"type": "about:blank", "title": "Content Too Large", "status": 413,
                 "detail": "the body is larger than 1048576 bytes", "instance": "/webhooks/contraforce",
                 "code": "PAYLOAD_TOO_LARGE"}"""));
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/plain", "application/x-www-form-urlencoded", "application/xml",
            "application/json; charset=ISO-8859-1", "multipart/form-data; boundary=x"})
    void aNonJsonContentTypeIs415(String contentType) {
        String body = createdEvent("sentinelone", "123456", null);
        Map<String, String> h = contraForceHeaders(newEventId(), now(), body);
        h.put("Content-Type", contentType);

        HttpResponse<String> r = client.post(PATH, h, body);

        assertProblem(r, 415, "UNSUPPORTED_MEDIA_TYPE");
    }

    @Test
    void noContentTypeIs415() {
        String body = createdEvent("sentinelone", "123456", null);

        assertProblem(client.post(PATH, without(contraForceHeaders(newEventId(), now(), body), "Content-Type"), body),
                415, "UNSUPPORTED_MEDIA_TYPE");
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET", "PUT", "PATCH", "DELETE", "HEAD"})
    void otherMethodsAre405WithAllowPost(String method) {
        HttpResponse<String> r = client.send(PATH, method, Map.of("Content-Type", "application/json"),
                method.equals("GET") || method.equals("HEAD") ? null : "{}".getBytes(StandardCharsets.UTF_8));

        assertThat(r.statusCode()).isEqualTo(405);
        assertThat(r.headers().firstValue("Allow")).hasValue("POST");
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        if (!method.equals("HEAD")) {
            assertProblem(r, 405, "METHOD_NOT_ALLOWED");
        }
    }

    @Test
    void aCorsPreflightGetsNoCorsHeaders() {
        HttpResponse<String> r = client.send(PATH, "OPTIONS", Map.of("Origin", "https://attacker.example",
                "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "x-cf-signature"), null);

        assertProblem(r, 405, "METHOD_NOT_ALLOWED");
        assertThat(r.headers().map().keySet()).noneMatch(h -> h.toLowerCase().startsWith("access-control-"));
    }

    // ---- test deliveries and events no playbook reads ---------------------------------------------------------

    @Test
    void aTestDeliveryIsAcknowledgedAndAuditedButChangesNothing() {
        String id = newEventId();
        String body = createdEvent("sentinelone", "123456", null);
        Map<String, String> h = contraForceHeaders(id, now(), body);
        h.put("X-CF-Test", "true");

        HttpResponse<String> r = client.post(PATH, h, body);

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json(r.body())).isEqualTo(json("{\"accepted\": true, \"eventId\": \"" + id + "\", \"test\": true}"));
        assertThat(queuedFor("contraforce-triage", id)).isEmpty();
        assertThat(queuedFor("contraforce-closure-to-sentinelone", id)).isEmpty();
        assertThat(harness.audit()).filteredOn(a -> id.equals(a.requestId())).singleElement().satisfies(a -> {
            assertThat(a.result()).isEqualTo("test-delivery");
            assertThat(a.httpStatus()).isEqualTo(200);
        });
        // the test did not use up the event id
        assertThat(client.contraForce(id, body).statusCode()).isEqualTo(202);
    }

    @Test
    void isTestTrueInTheBodyIsATestDeliveryToo() {
        String id = newEventId();
        String body = createdEvent("sentinelone", "123456", null).replace("\"isTest\": false", "\"isTest\": true");

        HttpResponse<String> r = client.contraForce(id, body);

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json(r.body()).path("test").asBoolean()).isTrue();
        assertThat(queuedFor("contraforce-triage", id)).isEmpty();
    }

    @Test
    void anEventThatIsNotAboutAnIncidentIsAcknowledgedAndIgnored() {
        String id = newEventId();
        String body = "{\"type\": \"workspace.updated.v1\", \"data\": {\"accountId\": \"a\"}}";

        HttpResponse<String> r = client.contraForce(id, body);

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json(r.body())).isEqualTo(json("{\"accepted\": true, \"eventId\": \"" + id
                + "\", \"ignored\": \"event type workspace.updated.v1 is not an incident event\"}"));
        assertThat(queuedFor("contraforce-triage", id)).isEmpty();
        assertThat(harness.audit()).filteredOn(a -> id.equals(a.requestId())).extracting(AuditRecord::result)
                .containsExactly("ignored");
    }

    // ---- the answer carries nothing of the request --------------------------------------------------------------

    @Test
    void noInboundHeaderComesBackInTheAnswer() {
        String id = newEventId();
        String body = createdEvent("sentinelone", "123456", null);
        Map<String, String> h = contraForceHeaders(id, now(), body);
        h.put("Authorization", "Bearer attacker");
        h.put("X-Forwarded-For", "203.0.113.9");
        h.put("Cookie", "session=attacker");
        h.put("camelhttpresponsecode", "299");
        h.put("X-Echo-Me", "please");

        for (HttpResponse<String> r : List.of(client.post(PATH + "?CamelHttpResponseCode=201&x=1", h, body),
                client.post(PATH, with(h, "X-CF-Signature", "sha256=" + "0".repeat(64)), body))) {
            Set<String> names = r.headers().map().keySet().stream().map(String::toLowerCase)
                    .collect(Collectors.toSet());
            assertThat(names).isSubsetOf("content-type", "content-length", ":status");
            assertThat(r.body()).doesNotContain("attacker", "please", "203.0.113.9");
        }
    }

    static Map<String, String> without(Map<String, String> headers, String name) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.remove(name);
        return copy;
    }

    static Map<String, String> with(Map<String, String> headers, String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return copy;
    }
}
