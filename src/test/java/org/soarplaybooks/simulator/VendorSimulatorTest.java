package org.soarplaybooks.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real HTTP against the started {@link VendorSimulator}, checking the answers documented in
 * api-docs/contraforce-update-incident-status.md and api-docs/contraforce-bulk-update-incidents-across-workspaces.md.
 */
class VendorSimulatorTest {

    private static final String WS = KnownWorkspaces.IDS.get(0);
    private static final String WS2 = KnownWorkspaces.IDS.get(1);
    private static final String UNKNOWN_WS = "00000000-0000-4000-8000-000000000000";
    private static final String BASIC = "Basic " + Base64.getEncoder()
            .encodeToString("demo-client:demo-secret".getBytes(StandardCharsets.UTF_8));
    private static final String BULK = "/api/v2/incidents/across-workspaces/bulk-update";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static VendorSimulator simulator;

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

    private static String statusPath(String workspace, String source) {
        return "/api/v2/workspaces/" + workspace + "/incidents/" + source + "/INC-42/status";
    }

    private static HttpResponse<String> send(String method, String path, String auth, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(simulator.baseUrl() + path))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (auth != null) {
            request.header("Authorization", auth);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode problem(HttpResponse<String> response, int status, String code) throws Exception {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("code").asText()).isEqualTo(code);
        assertThat(problem.path("type").asText()).isEqualTo("https://docs.contraforce.com/api-reference/errors");
        assertThat(problem.path("requestId").asText()).isNotBlank();
        assertThat(problem.path("timestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        return problem;
    }

    @Test
    void startsOnLoopbackWithADynamicPort() {
        assertThat(simulator.port()).isPositive();
        assertThat(simulator.baseUrl()).isEqualTo("http://127.0.0.1:" + simulator.port());
    }

    @Test
    void validStatusUpdateIs204WithBasicOrBearer() throws Exception {
        String body = "{\"status\":\"Closed\",\"classification\":\"TruePositive\","
                + "\"classificationReason\":\"SuspiciousActivity\",\"comment\":\"done\",\"updateTicket\":false,"
                + "\"ticketId\":null}";
        HttpResponse<String> basic = send("PUT", statusPath(WS, "Sentinel"), BASIC, body);
        HttpResponse<String> bearer = send("PUT", statusPath(WS2, "SentinelOne"), "Bearer demo-secret",
                "{\"status\":\"Active\",\"classification\":null}");

        assertThat(basic.statusCode()).isEqualTo(204);
        assertThat(basic.body()).isEmpty();
        assertThat(bearer.statusCode()).isEqualTo(204);
        assertThat(simulator.requests()).hasSize(2);
        assertThat(simulator.requests().get(0).getHeader("Authorization")).isEqualTo(BASIC);
    }

    @Test
    void statusMissingIs400NamingTheField() throws Exception {
        JsonNode problem = problem(send("PUT", statusPath(WS, "Sentinel"), BASIC, "{\"comment\":\"x\"}"),
                400, "VALIDATION_ERROR");

        assertThat(problem.path("title").asText()).isEqualTo("One or more validation errors occurred.");
        assertThat(problem.path("instance").asText()).isEqualTo(statusPath(WS, "Sentinel"));
        assertThat(problem.path("errors").path("status").get(0).asText()).contains("required");
    }

    @Test
    void undocumentedStatusOrClassificationIs400() throws Exception {
        JsonNode open = problem(send("PUT", statusPath(WS, "QRadar"), BASIC, "{\"status\":\"Open\"}"),
                400, "VALIDATION_ERROR");
        JsonNode cls = problem(send("PUT", statusPath(WS, "QRadar"), BASIC,
                "{\"status\":\"Closed\",\"classification\":\"Nope\"}"), 400, "VALIDATION_ERROR");
        JsonNode notJson = problem(send("PUT", statusPath(WS, "QRadar"), BASIC, "status=Closed"),
                400, "VALIDATION_ERROR");
        JsonNode source = problem(send("PUT", statusPath(WS, "Jira"), BASIC, "{\"status\":\"Closed\"}"),
                400, "VALIDATION_ERROR");

        assertThat(open.path("errors").fieldNames()).toIterable().containsExactly("status");
        assertThat(open.path("errors").path("status").get(0).asText()).contains("\"Open\"", "Active, New, Closed");
        assertThat(cls.path("errors").fieldNames()).toIterable().containsExactly("classification");
        assertThat(notJson.path("errors").has("")).isTrue();
        assertThat(source.path("errors").fieldNames()).toIterable().containsExactly("source");
    }

    @Test
    void unknownWorkspaceIs404() throws Exception {
        String path = statusPath(UNKNOWN_WS, "Sentinel");
        JsonNode problem = problem(send("PUT", path, BASIC, "{\"status\":\"Closed\"}"), 404, "NOT_FOUND");

        assertThat(problem.path("title").asText()).isEqualTo("Resource not found");
        assertThat(problem.path("detail").asText()).isEqualTo("Workspace '" + UNKNOWN_WS + "' not found");
        assertThat(problem.path("instance").asText()).isEqualTo(path);
    }

    @Test
    void missingOrWrongCredentialsAre401() throws Exception {
        problem(send("PUT", statusPath(WS, "Sentinel"), null, "{\"status\":\"Closed\"}"), 401, "UNAUTHORIZED");
        problem(send("PUT", statusPath(WS, "Sentinel"), "Bearer wrong", "{\"status\":\"Closed\"}"), 401, "UNAUTHORIZED");
        String wrongBasic = "Basic " + Base64.getEncoder().encodeToString("demo-client:nope".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> bulk = send("POST", BULK, wrongBasic, "{\"items\":[]}");

        problem(bulk, 401, "UNAUTHORIZED");
        assertThat(bulk.headers().firstValue("WWW-Authenticate")).isPresent();
    }

    @Test
    void bulkUpdateAcceptsKnownWorkspacesAndForbidsTheRest() throws Exception {
        String body = "{\"items\":["
                + "{\"id\":\"a\",\"status\":\"Closed\",\"workspace\":\"" + WS + "\",\"classification\":\"FalsePositive\","
                + "\"classificationReason\":\"InaccurateData\",\"incidentSource\":\"Sentinel\",\"comment\":\"c\"},"
                + "{\"id\":\"b\",\"status\":\"Active\",\"workspace\":\"" + UNKNOWN_WS + "\",\"incidentSource\":\"QRadar\"},"
                + "{\"id\":\"c\",\"workspace\":\"" + WS2 + "\",\"user\":{\"id\":\"u1\",\"email\":null},\"removeAssignee\":false},"
                + "{\"id\":\"d\",\"status\":\"New\"}]}";
        HttpResponse<String> response = send("POST", BULK, BASIC, body);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode answer = JSON.readTree(response.body());
        assertThat(JSON.convertValue(answer.path("data").path("accepted"), List.class)).containsExactly("a", "c");
        assertThat(answer.path("data").path("forbidden")).isEqualTo(JSON.readTree("["
                + "{\"incidentId\":\"b\",\"workspaceId\":\"" + UNKNOWN_WS + "\",\"reason\":"
                + "\"INSUFFICIENT_WORKSPACE_ROLE: caller has no role in workspace " + UNKNOWN_WS + "\"},"
                + "{\"incidentId\":\"d\",\"workspaceId\":null,\"reason\":"
                + "\"INSUFFICIENT_WORKSPACE_ROLE: caller has no role in workspace (none)\"}]"));
        assertThat(answer.path("meta").path("requestId").asText()).isNotBlank();
        assertThat(answer.path("meta").path("timestamp").asText()).isNotBlank();
    }

    @Test
    void everyAnswerHasAFreshRequestId() throws Exception {
        JsonNode first = JSON.readTree(send("POST", BULK, BASIC, "{\"items\":[]}").body());
        JsonNode second = JSON.readTree(send("POST", BULK, BASIC, "{\"items\":[]}").body());

        assertThat(first.path("meta").path("requestId").asText())
                .isNotEqualTo(second.path("meta").path("requestId").asText());
    }

    @Test
    void bulkBodyBreakingTheSchemaIs400() throws Exception {
        JsonNode noItems = problem(send("POST", BULK, BASIC, "{\"things\":[]}"), 400, "VALIDATION_ERROR");
        JsonNode noId = problem(send("POST", BULK, BASIC,
                "{\"items\":[{\"id\":\"a\"},{\"status\":\"Closed\",\"workspace\":\"" + WS + "\"}]}"), 400, "VALIDATION_ERROR");
        JsonNode badEnum = problem(send("POST", BULK, BASIC,
                "{\"items\":[{\"id\":\"a\",\"incidentSource\":\"Jira\"}]}"), 400, "VALIDATION_ERROR");

        assertThat(noItems.path("errors").fieldNames()).toIterable().containsExactly("items");
        assertThat(noId.path("errors").fieldNames()).toIterable().containsExactly("items[1].id");
        assertThat(badEnum.path("errors").fieldNames()).toIterable().containsExactly("items[0].incidentSource");
    }

    @Test
    void anythingElseIs404Problem() throws Exception {
        JsonNode problem = problem(send("GET", "/api/v2/nothing-here", BASIC, null), 404, "NOT_FOUND");
        assertThat(problem.path("instance").asText()).isEqualTo("/api/v2/nothing-here");

        problem(send("GET", statusPath(WS, "Sentinel"), BASIC, null), 404, "NOT_FOUND");
        JsonNode quoted = problem(send("GET", "/a%22b", null, null), 404, "NOT_FOUND");
        assertThat(quoted.path("instance").asText()).isEqualTo("/a\"b");
        assertThat(send("GET", "/__admin/mappings", null, null).statusCode()).isEqualTo(401);
    }

    @Test
    void otherCredentialsAreHonouredAndNothingIsPrinted() throws Exception {
        PrintStream stdout = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try (VendorSimulator own = VendorSimulator.start(new SimulatorCredentials("id-2", "secret-2"))) {
            String basic = "Basic " + Base64.getEncoder().encodeToString("id-2:secret-2".getBytes(StandardCharsets.UTF_8));
            String path = own.baseUrl() + statusPath(WS, "Splunk");
            HttpResponse<String> ok = HTTP.send(HttpRequest.newBuilder(URI.create(path)).header("Authorization", basic)
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"status\":\"New\"}")).build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> demo = HTTP.send(HttpRequest.newBuilder(URI.create(path)).header("Authorization", BASIC)
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"status\":\"New\"}")).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(ok.statusCode()).isEqualTo(204);
            assertThat(demo.statusCode()).isEqualTo(401);
            assertThat(own.port()).isNotEqualTo(simulator.port());
        } finally {
            System.setOut(stdout);
        }
        assertThat(captured.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void countsCallsByEndpoint() throws Exception {
        send("PUT", statusPath(WS, "Sentinel"), BASIC, "{\"status\":\"Closed\"}");
        send("PUT", statusPath(WS, "Splunk"), BASIC, "{\"status\":\"Open\"}");
        send("PUT", statusPath(WS, "CrowdStrike"), null, "{\"status\":\"Closed\"}");
        send("POST", BULK, BASIC, "{\"items\":[{\"id\":\"x\",\"workspace\":\"" + WS + "\"}]}");
        send("GET", "/elsewhere", BASIC, null);

        assertThat(simulator.callsByEndpoint()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "PUT contraforce status", 3, "POST contraforce bulk-update", 1, "unmatched", 1));
    }
}
