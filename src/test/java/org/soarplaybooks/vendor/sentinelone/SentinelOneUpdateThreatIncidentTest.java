package org.soarplaybooks.vendor.sentinelone;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.soarplaybooks.testkit.SecretScan;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.soarplaybooks.audit.AuditLog;
import org.soarplaybooks.audit.AuditRecord;
import org.soarplaybooks.deadletter.DeadLetter;
import org.soarplaybooks.engine.EngineOptions;
import org.soarplaybooks.engine.PlaybookBeans;
import org.soarplaybooks.engine.PlaybookEngine;
import org.soarplaybooks.problem.VendorCallException;
import org.soarplaybooks.simulator.SimulatorCredentials;
import org.soarplaybooks.simulator.VendorSimulator;

/**
 * The Kamelet {@code sentinelone-update-threat-incident-action} run by the engine, over real HTTP: against the
 * {@link VendorSimulator} and, for answers the simulator never gives, a plain WireMock server.
 *
 * <p>The test playbooks (written to a temporary routes folder next to the shipped {@code error-handlers}):
 * {@code direct:close} takes a list of threat ids, builds batches with {@code sentineloneRequests} (status
 * {@code resolved}, verdict {@code true_positive}, {@code sentinelone.incident.max-ids}) and sends each to the
 * Kamelet, with the shared error handling; {@code direct:raw} sends its body to its own instance of the Kamelet
 * (route id {@code test-raw-kamelet}) under an empty route configuration, so the caller sees the exception. (Both
 * routes sharing one Kamelet route gave that route {@code error-handlers}, which then handled the raw calls too.)
 */
class SentinelOneUpdateThreatIncidentTest {

    static final String PATH = "/web/api/v2.1/threats/incident";
    static final String PLAYBOOK = "test-sentinelone-close";
    static final String ROUTES = """
            - route:
                id: test-sentinelone-close
                routeConfigurationId: error-handlers
                from:
                  id: test-close-in
                  uri: direct:close
                  steps:
                    - bean:
                        id: test-build-requests
                        ref: sentineloneRequests
                        method: "threatIncidentUpdates(${body}, 'resolved', 'true_positive', {{sentinelone.incident.max-ids}})"
                    - split:
                        id: test-each-batch
                        expression:
                          simple:
                            expression: "${body}"
                        steps:
                          - to:
                              id: test-update-threat-incident
                              uri: kamelet:sentinelone-update-threat-incident-action
            - routeConfiguration:
                id: test-no-error-handling
                description: Routes that name this configuration get none of error-handlers.
            - route:
                id: test-sentinelone-raw
                routeConfigurationId: test-no-error-handling
                from:
                  id: test-raw-in
                  uri: direct:raw
                  steps:
                    - to:
                        id: test-raw-update
                        uri: kamelet:sentinelone-update-threat-incident-action/test-raw-kamelet
            """;

    static VendorSimulator simulator;

    @RegisterExtension
    static WireMockExtension vendor = WireMockExtension.newInstance()
            .options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort()).build();

    @TempDir
    Path data;
    @TempDir
    Path routes;

    PlaybookEngine engine;

    @BeforeAll
    static void startSimulator() {
        simulator = VendorSimulator.start();
    }

    @AfterAll
    static void stopSimulator() {
        simulator.close();
    }

    @BeforeEach
    void writeRoutes() throws IOException {
        simulator.resetRequests();
        Files.copy(Path.of("routes/error-handlers.camel.yaml"), routes.resolve("error-handlers.camel.yaml"));
        Files.writeString(routes.resolve("test-sentinelone.camel.yaml"), ROUTES);
    }

    @AfterEach
    void stopEngine() {
        if (engine != null) {
            engine.close();
        }
    }

    /** Starts the engine against {@code baseUrl} with the demo token, plus overrides. */
    ProducerTemplate start(String baseUrl, Map<String, String> overrides) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("sentinelone.base-url", baseUrl);
        props.put("sentinelone.api-token", SimulatorCredentials.DEMO_SENTINELONE_API_TOKEN);
        props.put("camel.management.enabled", "false");
        props.put("camel.server.enabled", "false");
        props.putAll(overrides);
        engine = new PlaybookEngine(new EngineOptions(Path.of("config"), routes, data, props));
        engine.configure().start();
        return engine.context().createProducerTemplate();
    }

    ProducerTemplate startOnSimulator() {
        return start(simulator.baseUrl(), Map.of());
    }

    List<AuditRecord> audit() {
        return new AuditLog(data.resolve("audit"), PlaybookBeans.newMapper()).readAll();
    }

    List<DeadLetter> deadLetters() {
        return engine.beans().deadLetters().list();
    }

    static JsonNode json(String text) throws IOException {
        return PlaybookBeans.newMapper().readTree(text);
    }

    static String sample(String path) throws IOException {
        try (InputStream in = SentinelOneUpdateThreatIncidentTest.class.getClassLoader()
                .getResourceAsStream("samples/" + path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    void answer(int status, String body) {
        vendor.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json").withHeader("X-RQID", "rq-123").withBody(body)));
    }

    @Test
    void theVendorReceivesTheDocumentedRequestAndEveryThreatIsAuditedAsSent() throws IOException {
        ProducerTemplate template = startOnSimulator();

        template.sendBody("direct:close", List.of("123456", "valid_threat_id_1"));

        assertThat(simulator.requests()).singleElement().satisfies(r -> {
            assertThat(r.getMethod().getName()).isEqualTo("POST");
            assertThat(r.getUrl()).isEqualTo(PATH);
            assertThat(r.getHeader("Authorization")).isEqualTo("ApiToken demo-s1-token");
            assertThat(r.getHeader("Content-Type")).startsWith("application/json");
            assertThat(json(r.getBodyAsString())).isEqualTo(json("""
                    {"data": {"incidentStatus": "resolved", "analystVerdict": "true_positive"},
                     "filter": {"ids": ["123456", "valid_threat_id_1"]}}"""));
        });
        assertThat(audit()).hasSize(2).allSatisfy(a -> {
            assertThat(a.result()).isEqualTo(AuditRecord.SENT);
            assertThat(a.playbook()).isEqualTo(PLAYBOOK);
            assertThat(a.vendor()).isEqualTo("SentinelOne");
            assertThat(a.operation()).isEqualTo("update-threat-incident");
            assertThat(a.httpStatus()).isEqualTo(200);
            assertThat(a.requestId()).isNotBlank();
        }).extracting(AuditRecord::incidentKey)
                .containsExactly("SentinelOne:123456", "SentinelOne:valid_threat_id_1");
        assertThat(deadLetters()).isEmpty();
    }

    @Test
    void idsAreSentInChunksOfMaxIds() throws IOException {
        ProducerTemplate template = start(simulator.baseUrl(), Map.of("sentinelone.incident.max-ids", "2"));

        template.sendBody("direct:close", List.of("123456", "11111111111111", "same_status_threat_id_1",
                "valid_threat_id_1", "unknown-5"));

        List<LoggedRequest> calls = simulator.requests();
        assertThat(calls).hasSize(3);
        assertThat(calls).extracting(r -> json(r.getBodyAsString()).path("filter").path("ids").toString())
                .containsExactly("[\"123456\",\"11111111111111\"]",
                        "[\"same_status_threat_id_1\",\"valid_threat_id_1\"]", "[\"unknown-5\"]");
        assertThat(audit()).extracting(AuditRecord::incidentKey, AuditRecord::result).containsExactly(
                org.assertj.core.groups.Tuple.tuple("SentinelOne:123456", AuditRecord.SENT),
                org.assertj.core.groups.Tuple.tuple("SentinelOne:11111111111111", AuditRecord.SENT),
                org.assertj.core.groups.Tuple.tuple("SentinelOne:same_status_threat_id_1", AuditRecord.SENT),
                org.assertj.core.groups.Tuple.tuple("SentinelOne:valid_threat_id_1", AuditRecord.SENT),
                org.assertj.core.groups.Tuple.tuple("SentinelOne:unknown-5", AuditRecord.DEAD_LETTERED));
    }

    @Test
    void whenFewerThreatsAreAffectedThanSentEveryIdOfTheCallIsADeadLetter() {
        ProducerTemplate template = startOnSimulator();

        template.sendBody("direct:close", List.of("123456", "unknown-a"));

        assertThat(deadLetters()).hasSize(2).allSatisfy(d -> {
            assertThat(d.playbook()).isEqualTo(PLAYBOOK);
            assertThat(d.vendor()).isEqualTo("SentinelOne");
            assertThat(d.operation()).isEqualTo("update-threat-incident");
            assertThat(d.problem().code()).isEqualTo("NOT_MATCHED");
            assertThat(d.problem().status()).isEqualTo(200);
            assertThat(d.problem().requestId()).isNotBlank();
            assertThat(d.reason()).contains("SentinelOne affected 1 of 2 threats; this id may not have matched the filter");
            assertThat(d.request().path("path").asText()).isEqualTo(PATH);
            assertThat(d.request().path("body").path("filter").path("ids")).hasSize(2);
            assertThat(d.request().toString()).doesNotContain("demo-s1-token");
        }).extracting(DeadLetter::incidentKey).containsExactlyInAnyOrder("SentinelOne:123456", "SentinelOne:unknown-a");
        assertThat(audit()).hasSize(2).allSatisfy(a -> assertThat(a.result()).isEqualTo(AuditRecord.DEAD_LETTERED));
    }

    @Test
    void aWrongTokenIs401WithTheVendorsErrorAndTheTokenIsWrittenNowhere() throws IOException {
        String token = "wrong-token-5d1e7a";
        ProducerTemplate template = start(simulator.baseUrl(), Map.of("sentinelone.api-token", token));

        template.sendBody("direct:close", List.of("123456"));

        assertThat(simulator.requests()).singleElement()
                .satisfies(r -> assertThat(r.getHeader("Authorization")).isEqualTo("ApiToken " + token));
        assertThat(deadLetters()).singleElement().satisfies(d -> {
            assertThat(d.problem().status()).isEqualTo(401);
            assertThat(d.problem().code()).isEqualTo("4010010");
            assertThat(d.problem().title()).isEqualTo("Authentication Failed");
        });
        SecretScan.assertNowhereIn(data, token);
    }

    @Test
    void theEmptyErrorObjectQuirkNextToDataIsASuccess() {
        answer(200, "{\"errors\": [{}], \"data\": {\"affected\": 1}}");
        ProducerTemplate template = start(vendor.baseUrl(), Map.of());

        template.sendBody("direct:close", List.of("42"));

        assertThat(deadLetters()).isEmpty();
        assertThat(audit()).singleElement().satisfies(a -> {
            assertThat(a.result()).isEqualTo(AuditRecord.SENT);
            assertThat(a.requestId()).isEqualTo("rq-123");
        });
    }

    @Test
    void theRealAffected1AnswerIsReadIntoTheTypedAnswer() throws IOException {
        answer(200, sample("sentinelone/threats-incident-update-response-affected-1.json"));
        ProducerTemplate template = start(vendor.baseUrl(), Map.of());

        Object answer = template.requestBody("direct:raw",
                "{\"data\": {\"incidentStatus\": \"in_progress\"}, \"filter\": {\"ids\": [\"42\"]}}");

        assertThat(answer).isEqualTo(new UpdateThreatIncidentResponse(new UpdateThreatIncidentResult(1, null),
                List.of()));
        assertThat(audit()).singleElement().satisfies(a -> {
            assertThat(a.incidentKey()).isEqualTo("SentinelOne:42");
            assertThat(a.playbook()).isEqualTo("test-sentinelone-raw");
        });
    }

    @Test
    void anErrorItemInA200IsAFailure() {
        answer(200, "{\"errors\": [{\"code\": 5000000, \"title\": \"Server Error\", \"detail\": \"partial\"}], "
                + "\"data\": {\"affected\": 1}}");
        ProducerTemplate template = start(vendor.baseUrl(), Map.of());

        template.sendBody("direct:close", List.of("42"));

        assertThat(deadLetters()).singleElement().satisfies(d -> {
            assertThat(d.problem().status()).isEqualTo(200);
            assertThat(d.problem().code()).isEqualTo("5000000");
            assertThat(d.problem().detail()).isEqualTo("partial");
            assertThat(d.problem().requestId()).isEqualTo("rq-123");
        });
    }

    @Test
    void theVendorsValidationErrorBecomesProblemDetails() throws IOException {
        answer(400, sample("sentinelone/sentinelone-400-validation-error-demisto.json"));
        ProducerTemplate template = start(vendor.baseUrl(), Map.of());

        template.sendBody("direct:close", List.of("42", "43"));

        assertThat(deadLetters()).hasSize(2).allSatisfy(d -> {
            assertThat(d.problem().status()).isEqualTo(400);
            assertThat(d.problem().title()).isEqualTo("Validation Error");
            assertThat(d.problem().code()).isEqualTo("4000010");
            assertThat(d.problem().detail()).isEqualTo("siteIds: 0: Must be greater than or equal to 100000000000000000.");
            assertThat(d.problem().requestId()).isEqualTo("rq-123");
        });
        assertThatThrownBy(() -> template.requestBody("direct:raw",
                "{\"data\": {\"incidentStatus\": \"resolved\"}, \"filter\": {\"ids\": [\"42\"]}}"))
                .isInstanceOf(CamelExecutionException.class)
                .cause().isInstanceOfSatisfying(VendorCallException.class, e -> {
                    assertThat(e.vendor()).isEqualTo("SentinelOne");
                    assertThat(e.operation()).isEqualTo("update-threat-incident");
                    assertThat(e.problem().code()).isEqualTo("4000010");
                });
    }

    @Test
    void aServerErrorIsAFailureOfTheWholeCall() {
        vendor.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(500).withBody("upstream down")));
        ProducerTemplate template = start(vendor.baseUrl(), Map.of());

        template.sendBody("direct:close", List.of("42"));

        assertThat(deadLetters()).singleElement().satisfies(d -> {
            assertThat(d.problem().status()).isEqualTo(500);
            assertThat(d.problem().code()).isEqualTo("HTTP_500");
            assertThat(d.problem().detail()).isEqualTo("upstream down");
        });
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "not JSON|<html>ok</html>|not JSON",
            "no data.affected|{\"data\": {}, \"errors\": []}|no whole number data.affected",
            "affected as text|{\"data\": {\"affected\": \"1\"}}|no whole number data.affected",
            "negative affected|{\"data\": {\"affected\": -1}}|no whole number data.affected",
            "a JSON list|[]|not a JSON object",
            "empty body|''|empty body"})
    void anAnswerThatIsNotAsDocumentedIsMalformed(String what, String body, String why) {
        answer(200, body);
        ProducerTemplate template = start(vendor.baseUrl(), Map.of());

        assertThatThrownBy(() -> template.requestBody("direct:raw",
                "{\"data\": {\"incidentStatus\": \"resolved\"}, \"filter\": {\"ids\": [\"42\"]}}"))
                .cause().isInstanceOfSatisfying(VendorCallException.class, e -> {
                    assertThat(e.problem().code()).isEqualTo("MALFORMED_RESPONSE");
                    assertThat(e.problem().status()).isEqualTo(200);
                    assertThat(e.problem().detail()).contains(why);
                });
        template.sendBody("direct:close", List.of("42"));
        assertThat(deadLetters()).singleElement()
                .satisfies(d -> assertThat(d.problem().code()).isEqualTo("MALFORMED_RESPONSE"));
    }

    @Test
    void aPlaybookMayPassFurtherDocumentedFilterKeys() throws IOException {
        answer(200, "{\"data\": {\"affected\": 1}, \"errors\": []}");
        ProducerTemplate template = start(vendor.baseUrl(), Map.of());

        template.requestBody("direct:raw", """
                {"data": {"incidentStatus": "resolved", "analystVerdict": "false_positive"},
                 "filter": {"ids": ["42", "42"], "siteIds": ["225494730938493804"], "agentIsActive": true}}""");

        LoggedRequest r = vendor.getAllServeEvents().get(0).getRequest();
        assertThat(json(r.getBodyAsString())).isEqualTo(json("""
                {"data": {"incidentStatus": "resolved", "analystVerdict": "false_positive"},
                 "filter": {"ids": ["42"], "siteIds": ["225494730938493804"], "agentIsActive": true}}"""));
        assertThat(audit()).singleElement().satisfies(a -> assertThat(a.result()).isEqualTo(AuditRecord.SENT));
    }

    @Test
    void withoutATokenTheEngineStartsAndTheCallFailsBeforeReachingTheVendor() {
        ProducerTemplate template = start(vendor.baseUrl(), Map.of("sentinelone.api-token", ""));

        assertThatThrownBy(() -> template.requestBody("direct:raw",
                "{\"data\": {\"incidentStatus\": \"resolved\"}, \"filter\": {\"ids\": [\"1\"]}}"))
                .cause().isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("SentinelOne API token is not set");
        assertThat(vendor.getAllServeEvents()).isEmpty();
    }

    @Test
    void aRequestWithoutIdsOrStatusIsNeverSent() {
        ProducerTemplate template = start(vendor.baseUrl(), Map.of());

        assertThatThrownBy(() -> template.requestBody("direct:raw",
                "{\"data\": {\"incidentStatus\": \"resolved\"}, \"filter\": {\"siteIds\": [\"1\"]}}"))
                .cause().isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs filter.ids");
        assertThatThrownBy(() -> template.requestBody("direct:raw",
                "{\"data\": {\"analystVerdict\": \"suspicious\"}, \"filter\": {\"ids\": [\"1\"]}}"))
                .cause().isInstanceOf(IllegalArgumentException.class).hasMessageContaining("data.incidentStatus");
        assertThatThrownBy(() -> template.requestBody("direct:raw",
                "{\"data\": {\"incidentStatus\": \"closed\"}, \"filter\": {\"ids\": [\"1\"]}}"))
                .cause().isInstanceOf(IllegalArgumentException.class).hasMessageContaining("incidentStatus");
        assertThat(vendor.getAllServeEvents()).isEmpty();
    }
}
