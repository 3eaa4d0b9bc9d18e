package org.soarplaybooks.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Real HTTP against the started {@link VendorSimulator}: the OneTrust and Adversarial token endpoints, the bearer
 * check, and the answers documented in api-docs/onetrust-update-incident.md and
 * api-docs/adversarial-bulk-update-incidents.md.
 */
class OneTrustAdversarialSimulatorTest {

    static final String OT_TOKEN = "/api/access/v1/oauth/token";
    static final String AD_TOKEN = "/api/v1/oauth/token";
    static final String OT_FORM =
            "grant_type=client_credentials&client_id=demo-onetrust-client&client_secret=demo-onetrust-secret";
    static final String AD_FORM = "grant_type=client_credentials&client_id=arm_sa_demo&client_secret=arm_sk_demo";
    static final String PAYROLL = "/api/incident/v1/incidents/f7114aef-b6b6-42d6-9249-56a467950aa7";
    static final String VALID_PUT = """
            {"name": "n", "incidentTypeName": "Misdirected Email", "orgGroupId": "6e1f3c2a-8b4d-4f6e-9a1c-2d3e4f5a6b7c",
             "notificationNeeded": "YES",
             "attributeValues": {"Data Subjects Affected": [{"value": "212"}]},
             "jurisdictions": [{"countryCode": "USA", "stateProvinceCode": "CA",
                                "jurisdictionId": "123e4567-e89b-12d3-a456-426614174000"}]}""";
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
    void forgetRequests() {
        simulator.resetRequests();
    }

    static HttpResponse<String> send(String method, String path, String contentType, String auth, String body)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(simulator.baseUrl() + path))
                .timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        if (auth != null) {
            b.header("Authorization", auth);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String token(String path, String form) throws Exception {
        HttpResponse<String> r = send("POST", path, "application/x-www-form-urlencoded", null, form);
        assertThat(r.statusCode()).isEqualTo(200);
        return "Bearer " + JSON.readTree(r.body()).path("access_token").asText();
    }

    static JsonNode json(HttpResponse<String> r) throws Exception {
        return JSON.readTree(r.body());
    }

    @Test
    void theTokenEndpointsIssueBearerTokensForTheDemoServiceAccounts() throws Exception {
        HttpResponse<String> ot = send("POST", OT_TOKEN, "application/x-www-form-urlencoded", null, OT_FORM);
        assertThat(ot.statusCode()).isEqualTo(200);
        assertThat(json(ot).path("token_type").asText()).isEqualTo("Bearer");
        assertThat(json(ot).path("expires_in").asInt()).isEqualTo(3600);
        assertThat(json(ot).has("refresh_token")).isFalse();

        HttpResponse<String> ad = send("POST", AD_TOKEN, "application/x-www-form-urlencoded", null, AD_FORM);
        assertThat(json(ad).path("expires_in").asInt()).isEqualTo(900);
        assertThat(json(ad).path("refresh_token").asText()).isNotBlank();
        assertThat(json(ad).path("access_token").asText()).isNotEqualTo(json(ot).path("access_token").asText());
    }

    @Test
    void theTokenEndpointsRefuseOtherCredentialsGrantsAndBodies() throws Exception {
        HttpResponse<String> wrong = send("POST", AD_TOKEN, "application/x-www-form-urlencoded", null,
                AD_FORM.replace("arm_sk_demo", "arm_sk_nope"));
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(json(wrong).path("error").asText()).isEqualTo("invalid_client");

        HttpResponse<String> grant = send("POST", OT_TOKEN, "application/x-www-form-urlencoded", null,
                OT_FORM.replace("client_credentials", "password"));
        assertThat(grant.statusCode()).isEqualTo(400);
        assertThat(json(grant).path("error").asText()).isEqualTo("unsupported_grant_type");

        HttpResponse<String> asJson = send("POST", OT_TOKEN, "application/json", null, "{\"grant_type\": \"x\"}");
        assertThat(asJson.statusCode()).isEqualTo(400);
        assertThat(json(asJson).path("error").asText()).isEqualTo("invalid_request");
        assertThat(simulator.callsByEndpoint()).containsOnly(Map.entry("POST onetrust token", 2),
                Map.entry("POST adversarial token", 1));
    }

    @Test
    void apiCallsNeedABearerTokenIssuedForThatVendor() throws Exception {
        assertThat(send("GET", PAYROLL, null, null, null).statusCode()).isEqualTo(401);
        assertThat(send("GET", PAYROLL, null, "Bearer made-up", null).statusCode()).isEqualTo(401);
        String adversarial = token(AD_TOKEN, AD_FORM);
        HttpResponse<String> crossed = send("GET", PAYROLL, null, adversarial, null);
        assertThat(crossed.statusCode()).isEqualTo(401);
        assertThat(crossed.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                v -> assertThat(v).startsWith("Bearer"));
        assertThat(send("PATCH", "/api/v1/incidents", "application/json", token(OT_TOKEN, OT_FORM),
                "{\"ids\": [\"INC-00001\"], \"status\": \"Closed\"}").statusCode()).isEqualTo(401);
        assertThat(send("GET", PAYROLL, null, token(OT_TOKEN, OT_FORM), null).statusCode()).isEqualTo(200);
    }

    @Test
    void oneTrustAnswersStoredIncidentsAndNotFoundForOthers() throws Exception {
        String bearer = token(OT_TOKEN, OT_FORM);
        HttpResponse<String> found = send("GET", PAYROLL, null, bearer, null);
        assertThat(found.statusCode()).isEqualTo(200);
        JsonNode incident = json(found);
        assertThat(incident.path("id").asText()).isEqualTo("f7114aef-b6b6-42d6-9249-56a467950aa7");
        assertThat(incident.path("incidentTypeName").asText()).isEqualTo("Misdirected Email");
        assertThat(incident.path("jurisdictions").get(0).path("stateProvinceCode").asText()).isEqualTo("CA");

        String unknown = "/api/incident/v1/incidents/00000000-0000-4000-8000-000000000001";
        assertThat(send("GET", unknown, null, bearer, null).statusCode()).isEqualTo(404);
        // an unknown incident is not found before its body is looked at
        assertThat(send("PUT", unknown, "application/json", bearer, "{}").statusCode()).isEqualTo(404);
        assertThat(simulator.callsByEndpoint()).containsEntry("GET onetrust incident", 2)
                .containsEntry("PUT onetrust incident", 1);
    }

    @Test
    void oneTrustReplacesTheIncidentWithAValidBodyAndEmptiesAttributesLeftOut() throws Exception {
        HttpResponse<String> r = send("PUT", PAYROLL, "application/json", token(OT_TOKEN, OT_FORM), VALID_PUT);

        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode updated = json(r);
        assertThat(updated.path("name").asText()).isEqualTo("n");
        assertThat(updated.path("notificationNeeded").asText()).isEqualTo("YES");
        assertThat(updated.path("sourceType").asText()).isEqualTo("MANUAL");
        assertThat(updated.has("description")).isFalse();
        assertThat(updated.path("attributeValues").path("Data Subjects Affected").get(0).path("attributeName").asText())
                .isEqualTo("Data Subjects Affected");
        assertThat(updated.path("attributeValues").path("Data Categories").isEmpty()).isTrue();
        assertThat(updated.path("jurisdictions").get(0).path("stateProvinceName").asText()).isEqualTo("California");
        assertThat(updated.path("number").asLong()).isEqualTo(1042);
    }

    @Test
    void oneTrustRefusesABodyBreakingIncidentUpdateRequestNamingTheField() throws Exception {
        String bearer = token(OT_TOKEN, OT_FORM);
        HttpResponse<String> noName = send("PUT", PAYROLL, "application/json", bearer,
                VALID_PUT.replace("\"name\": \"n\",", ""));
        assertThat(noName.statusCode()).isEqualTo(400);
        assertThat(json(noName).path("errors").toString()).contains("name");

        HttpResponse<String> badEnum = send("PUT", PAYROLL, "application/json", bearer,
                VALID_PUT.replace("\"YES\"", "\"MAYBE\""));
        assertThat(badEnum.statusCode()).isEqualTo(400);
        assertThat(json(badEnum).path("errors").has("notificationNeeded")).isTrue();

        HttpResponse<String> noState = send("PUT", PAYROLL, "application/json", bearer,
                VALID_PUT.replace("\"stateProvinceCode\": \"CA\",", ""));
        assertThat(noState.statusCode()).isEqualTo(400);
    }

    @Test
    void adversarialAnswersTheKnownIncidentsAndLeavesUnknownOnesOut() throws Exception {
        HttpResponse<String> r = send("PATCH", "/api/v1/incidents", "application/json", token(AD_TOKEN, AD_FORM),
                "{\"ids\": [\"INC-00005\", \"INC-00404\", \"INC-00001\"], \"status\": \"Review\", \"severity\": \"SEV4\","
                        + " \"threat_objectives\": [{\"threat_objective\": \"Fraud\"}]}");

        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode incidents = json(r).path("incidents");
        assertThat(incidents).hasSize(2);
        assertThat(incidents.get(0).path("incident").path("id").asText()).isEqualTo("INC-00005");
        assertThat(incidents.get(1).path("incident").path("id").asText()).isEqualTo("INC-00001");
        for (JsonNode row : incidents) {
            assertThat(row.path("incident").path("status").asText()).isEqualTo("Review");
            assertThat(row.path("incident").path("severity").asText()).isEqualTo("SEV4");
            assertThat(row.path("threat_objectives").get(0).path("threat_objective").asText()).isEqualTo("Fraud");
            assertThat(row.path("incident").path("updated_by").path("first_name").asText()).isEqualTo("SOAR");
            assertThat(row.has("comment_count")).isTrue();
            assertThat(row.path("risk_associations").isArray()).isTrue();
        }
        assertThat(simulator.callsByEndpoint()).containsEntry("PATCH adversarial incidents", 1);
    }

    @Test
    void adversarialRefusesBadEnumsAndEmptyPayloads() throws Exception {
        String bearer = token(AD_TOKEN, AD_FORM);
        HttpResponse<String> status = send("PATCH", "/api/v1/incidents", "application/json", bearer,
                "{\"ids\": [\"INC-00001\"], \"status\": \"Open\"}");
        assertThat(status.statusCode()).isEqualTo(400);
        assertThat(json(status).path("errors").has("status")).isTrue();

        HttpResponse<String> objective = send("PATCH", "/api/v1/incidents", "application/json", bearer,
                "{\"ids\": [\"INC-00001\"], \"threat_objectives\": [{\"threat_objective\": \"Espionage\"}]}");
        assertThat(objective.statusCode()).isEqualTo(400);
        assertThat(json(objective).path("errors").toString()).contains("threat_objective");

        assertThat(send("PATCH", "/api/v1/incidents", "application/json", bearer,
                "{\"ids\": [\"INC-00001\"], \"severity\": \"SEV6\"}").statusCode()).isEqualTo(400);
        assertThat(send("PATCH", "/api/v1/incidents", "application/json", bearer,
                "{\"ids\": [\"INC-00001\"]}").statusCode()).isEqualTo(400);
        assertThat(send("PATCH", "/api/v1/incidents", "application/json", bearer,
                "{\"ids\": [\"INC-00001\"], \"detected_date\": \"yesterday\"}").statusCode()).isEqualTo(400);
    }
}
