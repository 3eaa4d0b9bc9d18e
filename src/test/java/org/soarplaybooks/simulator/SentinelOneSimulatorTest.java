package org.soarplaybooks.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Real HTTP against the {@link VendorSimulator}'s SentinelOne endpoints: {@code POST /web/api/v2.1/threats/incident}
 * (api-docs/sentinelone-update-threat-incident.md) and {@code GET /web/api/v2.1/threats} (design/vendor-facts.md).
 */
class SentinelOneSimulatorTest {

    static final String INCIDENT = "/web/api/v2.1/threats/incident";
    static final String THREATS = "/web/api/v2.1/threats";
    static final String TOKEN = "ApiToken " + SimulatorCredentials.DEMO_SENTINELONE_API_TOKEN;
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    static VendorSimulator simulator;

    @BeforeAll
    static void start() {
        simulator = VendorSimulator.start();
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @BeforeEach
    void forget() {
        simulator.resetRequests();
    }

    static HttpResponse<String> send(String method, String pathAndQuery, String auth, String body) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(simulator.baseUrl() + pathAndQuery))
                .timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            r.header("Content-Type", "application/json");
        }
        if (auth != null) {
            r.header("Authorization", auth);
        }
        return HTTP.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    static String sample(String path) throws Exception {
        try (InputStream in = SentinelOneSimulatorTest.class.getClassLoader().getResourceAsStream("samples/" + path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void affectedCountsTheKnownThreatIdsOfTheFilter() throws Exception {
        HttpResponse<String> r = send("POST", INCIDENT, TOKEN, """
                {"data": {"incidentStatus": "resolved", "analystVerdict": "true_positive"},
                 "filter": {"ids": ["123456", "valid_threat_id_1", "123456", "unknown-1"]}}""");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(r.headers().firstValue("X-RQID")).isPresent();
        assertThat(json(r.body())).isEqualTo(json("{\"data\": {\"affected\": 2}, \"errors\": []}"));
        assertThat(simulator.callsByEndpoint()).containsEntry("POST sentinelone threats/incident", 1);
    }

    @Test
    void unknownIdsAffectNothing() throws Exception {
        HttpResponse<String> r = send("POST", INCIDENT, TOKEN,
                "{\"data\": {\"incidentStatus\": \"in_progress\"}, \"filter\": {\"ids\": [\"nope\"]}}");

        assertThat(json(r.body())).isEqualTo(json(sample("sentinelone/threats-incident-update-response-affected-0.json")));
    }

    @Test
    void aMissingOrWrongTokenIsAnswered401WithTheErrorEnvelope() throws Exception {
        String body = "{\"data\": {\"incidentStatus\": \"resolved\"}, \"filter\": {\"ids\": [\"123456\"]}}";
        for (String auth : new String[] {null, "ApiToken wrong", "Bearer demo-s1-token", "apitoken demo-s1-token"}) {
            HttpResponse<String> r = send("POST", INCIDENT, auth, body);
            assertThat(r.statusCode()).as(String.valueOf(auth)).isEqualTo(401);
            assertThat(json(r.body()).path("errors").path(0).path("title").asText()).isEqualTo("Authentication Failed");
        }
        assertThat(send("GET", THREATS + "?limit=10", "ApiToken wrong", null).statusCode()).isEqualTo(401);
    }

    @Test
    void aMissingIncidentStatusIsAValidationErrorNamingTheField() throws Exception {
        HttpResponse<String> r = send("POST", INCIDENT, TOKEN,
                "{\"data\": {\"analystVerdict\": \"suspicious\"}, \"filter\": {\"ids\": [\"123456\"]}}");

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r.body())).isEqualTo(json("""
                {"errors": [{"code": 4000010, "detail": "data.incidentStatus: The incidentStatus field is required.",
                             "title": "Validation Error"}]}"""));
    }

    @Test
    void aValueOutsideTheEnumsIsAValidationError() throws Exception {
        HttpResponse<String> r = send("POST", INCIDENT, TOKEN,
                "{\"data\": {\"incidentStatus\": \"Closed\"}, \"filter\": {\"ids\": [\"123456\"]}}");

        assertThat(r.statusCode()).isEqualTo(400);
        JsonNode error = json(r.body()).path("errors").path(0);
        assertThat(error.path("code").asInt()).isEqualTo(4000010);
        assertThat(error.path("detail").asText()).startsWith("data.incidentStatus: The value \"Closed\" is not valid")
                .contains("unresolved, in_progress, resolved");
        assertThat(send("POST", INCIDENT, TOKEN, "{\"data\": {\"incidentStatus\": \"resolved\"}}").statusCode())
                .isEqualTo(400);
    }

    @Test
    void threatsArePagedWithTheRealSamplesAndTheirCursors() throws Exception {
        HttpResponse<String> first = send("GET", THREATS + "?limit=100&sortBy=updatedAt&sortOrder=asc", TOKEN, null);
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).isEqualTo(sample("sentinelone/threats-list-v2_0-flat-rapid7.json"));

        String cursor = json(first.body()).path("pagination").path("nextCursor").asText();
        HttpResponse<String> second = send("GET", THREATS + "?limit=100&cursor="
                + URLEncoder.encode(cursor, StandardCharsets.UTF_8), TOKEN, null);
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(second.body()).isEqualTo(sample("sentinelone/threats-list-v2_1-demisto.json"));

        HttpResponse<String> bad = send("GET", THREATS + "?cursor=abc", TOKEN, null);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(json(bad.body()).path("errors").path(0).path("detail").asText())
                .isEqualTo("Invalid cursor value received");
        assertThat(simulator.callsByEndpoint()).containsEntry("GET sentinelone threats", 3);
    }

    @Test
    void aLimitOutside1To1000IsAValidationError() throws Exception {
        for (String limit : new String[] {"0", "1001", "x"}) {
            HttpResponse<String> r = send("GET", THREATS + "?limit=" + limit, TOKEN, null);
            assertThat(r.statusCode()).as(limit).isEqualTo(400);
            assertThat(json(r.body()).path("errors").path(0).path("detail").asText())
                    .isEqualTo("limit: Must be between 1 and 1000.");
        }
        assertThat(send("GET", THREATS + "?limit=1000", TOKEN, null).statusCode()).isEqualTo(200);
    }
}
