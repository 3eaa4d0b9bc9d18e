package org.soarplaybooks.vendor.onetrust;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.soarplaybooks.http.OAuth2ClientCredentials;
import org.soarplaybooks.problem.VendorCallException;
import org.soarplaybooks.vendor.KameletRig;

/**
 * The OneTrust Kamelet against plain WireMock for the answers the simulator does not give: every documented error
 * status, malformed answers, and an access token the API refuses (one refresh, then success or failure).
 */
class OneTrustUpdateIncidentFailuresTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    static final String ID = "f7114aef-b6b6-42d6-9249-56a467950aa7";
    static final String PATH = "/api/incident/v1/incidents/" + ID;
    static final String TOKEN_PATH = "/api/access/v1/oauth/token";
    static final String INCIDENT = """
            {"id": "%s", "name": "Payroll export e-mailed to the wrong client", "incidentTypeName": "Misdirected Email",
             "orgGroupId": "6e1f3c2a-8b4d-4f6e-9a1c-2d3e4f5a6b7c", "sourceType": "MANUAL", "notificationNeeded": "UNKNOWN",
             "attributeValues": {"Breach Confirmed": [{"attributeName": "Breach Confirmed", "value": "No"}]}}"""
            .formatted(ID);

    @TempDir
    static Path work;
    static KameletRig rig;

    @BeforeAll
    static void start() {
        rig = KameletRig.start("onetrust-update-incident-action", work, Map.of(
                "onetrust.base-url", wm.baseUrl(),
                "onetrust.client-id", "demo-onetrust-client",
                "onetrust.client-secret", "demo-onetrust-secret"));
    }

    @AfterAll
    static void stop() {
        rig.close();
    }

    @BeforeEach
    void fresh() {
        wm.resetAll();
        OAuth2ClientCredentials.forgetAllTokens();
    }

    static OneTrustIncidentChange change() {
        return new OneTrustIncidentChange(ID,
                new IncidentChanges(null, null, null, null, null, null, null, NotificationNeededType.YES, null));
    }

    static void token(String value) {
        wm.stubFor(post(urlPathEqualTo(TOKEN_PATH)).willReturn(okJson(
                "{\"access_token\": \"" + value + "\", \"token_type\": \"Bearer\", \"expires_in\": 3600}")));
    }

    static void getAnswers(ResponseDefinitionBuilder answer) {
        wm.stubFor(get(urlPathEqualTo(PATH)).willReturn(answer));
    }

    static void putAnswers(ResponseDefinitionBuilder answer) {
        wm.stubFor(put(urlPathEqualTo(PATH)).willReturn(answer));
    }

    static List<String> calls() {
        return wm.findAll(anyRequestedFor(anyUrl())).stream()
                .map(r -> r.getMethod().value() + " " + r.getUrl() + bearer(r)).toList();
    }

    static String bearer(LoggedRequest r) {
        String auth = r.getHeader("Authorization");
        return auth == null ? "" : " (" + auth + ")";
    }

    static VendorCallException failure(Exchange done) {
        VendorCallException e = KameletRig.vendorFailure(done);
        assertThat(e).as("a VendorCallException on the exchange, got " + done.getException()).isNotNull();
        return e;
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 403, 404, 429, 500})
    void aRefusedUpdateIsAVendorFailureWithItsStatus(int status) {
        token("t1");
        getAnswers(okJson(INCIDENT));
        putAnswers(aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody("{\"status\": " + status + ", \"error\": \"refused\", \"message\": \"nope\"}"));

        VendorCallException e = failure(rig.action(change()));

        assertThat(e.vendor()).isEqualTo("OneTrust");
        assertThat(e.operation()).isEqualTo("update-incident");
        assertThat(e.problem().status()).isEqualTo(status);
        assertThat(e.problem().code()).isEqualTo("HTTP_" + status);
        assertThat(e.problem().detail()).contains("nope");
        assertThat(calls()).containsExactly("POST " + TOKEN_PATH, "GET " + PATH + " (Bearer t1)",
                "PUT " + PATH + " (Bearer t1)");
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 403, 404, 500})
    void aRefusedReadIsAVendorFailureAndNothingIsWritten(int status) {
        token("t1");
        getAnswers(aResponse().withStatus(status));

        VendorCallException e = failure(rig.action(change()));

        assertThat(e.operation()).isEqualTo("get-incident");
        assertThat(e.problem().status()).isEqualTo(status);
        assertThat(calls()).containsExactly("POST " + TOKEN_PATH, "GET " + PATH + " (Bearer t1)");
    }

    @Test
    void anExpiredTokenIsReplacedOnceAndTheCallSentAgain() {
        wm.stubFor(post(urlPathEqualTo(TOKEN_PATH)).inScenario("tokens").whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("second").willReturn(okJson("{\"access_token\": \"t1\", \"expires_in\": 3600}")));
        wm.stubFor(post(urlPathEqualTo(TOKEN_PATH)).inScenario("tokens").whenScenarioStateIs("second")
                .willReturn(okJson("{\"access_token\": \"t2\", \"expires_in\": 3600}")));
        wm.stubFor(get(urlPathEqualTo(PATH)).withHeader("Authorization", equalTo("Bearer t1"))
                .willReturn(aResponse().withStatus(401).withBody("{\"error\": \"invalid_token\"}")));
        wm.stubFor(get(urlPathEqualTo(PATH)).withHeader("Authorization", equalTo("Bearer t2"))
                .willReturn(okJson(INCIDENT)));
        wm.stubFor(put(urlPathEqualTo(PATH)).withHeader("Authorization", equalTo("Bearer t2"))
                .willReturn(okJson(INCIDENT.replace("\"UNKNOWN\"", "\"YES\""))));

        Exchange done = rig.action(change());

        assertThat(done.getException()).isNull();
        assertThat(calls()).containsExactly(
                "POST " + TOKEN_PATH,
                "GET " + PATH + " (Bearer t1)",
                "POST " + TOKEN_PATH,
                "GET " + PATH + " (Bearer t2)",
                "PUT " + PATH + " (Bearer t2)");
        List<LoggedRequest> gets = wm.findAll(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
                urlPathEqualTo(PATH)));
        assertThat(gets).hasSize(2).allSatisfy(g -> {
            assertThat(g.getHeader("Accept")).isEqualTo("application/json, application/problem+json");
            assertThat(g.getBodyAsString()).isEmpty();
        });
        assertThat(done.getMessage().getBody(IncidentInformation.class).notificationNeeded()).isEqualTo("YES");
    }

    @Test
    void aTokenRefusedOnTheWriteIsAlsoReplacedAndTheSameBodySentAgain() {
        wm.stubFor(post(urlPathEqualTo(TOKEN_PATH)).inScenario("tokens").whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("second").willReturn(okJson("{\"access_token\": \"t1\", \"expires_in\": 3600}")));
        wm.stubFor(post(urlPathEqualTo(TOKEN_PATH)).inScenario("tokens").whenScenarioStateIs("second")
                .willReturn(okJson("{\"access_token\": \"t2\", \"expires_in\": 3600}")));
        getAnswers(okJson(INCIDENT));
        wm.stubFor(put(urlPathEqualTo(PATH)).withHeader("Authorization", equalTo("Bearer t1"))
                .willReturn(aResponse().withStatus(401)));
        wm.stubFor(put(urlPathEqualTo(PATH)).withHeader("Authorization", equalTo("Bearer t2"))
                .willReturn(okJson(INCIDENT)));

        assertThat(rig.action(change()).getException()).isNull();

        assertThat(calls()).containsExactly("POST " + TOKEN_PATH, "GET " + PATH + " (Bearer t1)",
                "PUT " + PATH + " (Bearer t1)", "POST " + TOKEN_PATH, "PUT " + PATH + " (Bearer t2)");
        List<LoggedRequest> puts = wm.findAll(com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor(
                urlPathEqualTo(PATH)));
        assertThat(puts.get(1).getBodyAsString()).isEqualTo(puts.get(0).getBodyAsString());
        assertThat(KameletRig.json(puts.get(1).getBodyAsString()).path("notificationNeeded").asText()).isEqualTo("YES");
        assertThat(puts.get(1).getHeader("Content-Type")).startsWith("application/json");
    }

    @Test
    void aSecond401IsAFailureAfterExactlyOneRefresh() {
        token("t1");
        getAnswers(aResponse().withStatus(401).withBody("{\"error\": \"invalid_token\"}"));

        VendorCallException e = failure(rig.action(change()));

        assertThat(e.problem().status()).isEqualTo(401);
        assertThat(e.operation()).isEqualTo("get-incident");
        assertThat(calls()).containsExactly("POST " + TOKEN_PATH, "GET " + PATH + " (Bearer t1)",
                "POST " + TOKEN_PATH, "GET " + PATH + " (Bearer t1)");
    }

    @Test
    void twoUpdatesUseOneToken() {
        token("t1");
        getAnswers(okJson(INCIDENT));
        putAnswers(okJson(INCIDENT));

        assertThat(rig.action(change()).getException()).isNull();
        assertThat(rig.action(change()).getException()).isNull();

        assertThat(calls()).filteredOn(c -> c.startsWith("POST")).hasSize(1);
        assertThat(calls()).filteredOn(c -> c.startsWith("PUT")).hasSize(2);
    }

    @Test
    void aReadThatIsNotJsonIsMalformedAndNothingIsWritten() {
        token("t1");
        getAnswers(aResponse().withStatus(200).withHeader("Content-Type", "text/html").withBody("<html>login</html>"));

        VendorCallException e = failure(rig.action(change()));

        assertThat(e.problem().code()).isEqualTo("MALFORMED_RESPONSE");
        assertThat(e.operation()).isEqualTo("get-incident");
        assertThat(calls()).noneMatch(c -> c.startsWith("PUT"));
    }

    @Test
    void aReadWithoutTheMembersThePutNeedsIsMalformed() {
        token("t1");
        getAnswers(okJson("{\"id\": \"" + ID + "\", \"name\": \"x\", \"incidentTypeName\": \"Misdirected Email\"}"));
        assertThat(failure(rig.action(change())).problem().detail()).contains("orgGroupId");

        getAnswers(okJson(INCIDENT.replace(ID, "3b8e2c6a-5d1f-4e7a-9c2b-8f4d6a1e0b57")));
        assertThat(failure(rig.action(change())).problem().detail()).contains("the answer is incident 3b8e2c6a");

        getAnswers(aResponse().withStatus(200));
        assertThat(failure(rig.action(change())).problem().detail()).contains("answer is empty");

        getAnswers(okJson("[]"));
        assertThat(failure(rig.action(change())).problem().code()).isEqualTo("MALFORMED_RESPONSE");
        assertThat(calls()).noneMatch(c -> c.startsWith("PUT"));
    }

    @Test
    void anUpdateAnswerThatIsEmptyOrHasNoIdIsMalformed() {
        token("t1");
        getAnswers(okJson(INCIDENT));
        putAnswers(aResponse().withStatus(200));
        VendorCallException empty = failure(rig.action(change()));
        assertThat(empty.operation()).isEqualTo("update-incident");
        assertThat(empty.problem().code()).isEqualTo("MALFORMED_RESPONSE");
        assertThat(empty.problem().detail()).contains("empty");

        putAnswers(okJson("{\"name\": \"no id\"}"));
        assertThat(failure(rig.action(change())).problem().detail()).contains("no 'id'");

        putAnswers(aResponse().withStatus(200).withBody("not json"));
        assertThat(failure(rig.action(change())).problem().detail()).contains("cannot read");
    }
}
