package org.soarplaybooks.vendor.adversarial;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
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
import org.soarplaybooks.audit.AuditRecord;
import org.soarplaybooks.http.OAuth2ClientCredentials;
import org.soarplaybooks.problem.VendorCallException;
import org.soarplaybooks.vendor.KameletRig;

/**
 * The Adversarial Kamelet against plain WireMock for the answers the simulator does not give: every documented error
 * status, malformed answers, and an access token the API refuses (one refresh, then success or failure).
 */
class AdversarialUpdateIncidentsFailuresTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    static final String PATH = "/api/v1/incidents";
    static final String TOKEN_PATH = "/api/v1/oauth/token";
    static final String ANSWER = """
            {"incidents": [{"comment_count": 0, "risk_associations": [], "tags": [], "threat_objectives": [],
              "incident": {"id": "INC-00001", "status": "Closed", "title": "t", "description": "d",
                           "created_date": "2025-04-28T08:20:31Z", "detected_date": "2025-04-28T08:14:00Z",
                           "updated_date": "2025-05-01T10:00:00Z",
                           "opened_by": {"id": "4a3b2c1d-0e9f-4a8b-b7c6-d5e4f3a2b1c0", "email": "a@example.com",
                                         "first_name": "A", "last_name": "B", "icon": null},
                           "updated_by": {"id": "4a3b2c1d-0e9f-4a8b-b7c6-d5e4f3a2b1c0", "email": "a@example.com",
                                          "first_name": "A", "last_name": "B"}}}]}""";

    @TempDir
    static Path work;
    static KameletRig rig;

    @BeforeAll
    static void start() {
        rig = KameletRig.start("adversarial-update-incidents-action", work, Map.of(
                "adversarial.base-url", wm.baseUrl(),
                "adversarial.client-id", "arm_sa_demo",
                "adversarial.client-secret", "arm_sk_demo"));
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

    static UpdateIncidentsRequest close(String... ids) {
        return new UpdateIncidentsRequest(List.of(ids), null, null, null, null, null, null, null, null, null,
                IncidentStatus.CLOSED, null, null, null);
    }

    static void token(String value) {
        wm.stubFor(post(urlPathEqualTo(TOKEN_PATH)).willReturn(okJson(
                "{\"access_token\": \"" + value + "\", \"refresh_token\": \"r\", \"token_type\": \"Bearer\", "
                        + "\"expires_in\": 900}")));
    }

    static void patchAnswers(ResponseDefinitionBuilder answer) {
        wm.stubFor(patch(urlPathEqualTo(PATH)).willReturn(answer));
    }

    static List<String> calls() {
        return wm.findAll(anyRequestedFor(anyUrl())).stream().map(r -> r.getMethod().value() + " " + r.getUrl()
                + (r.getHeader("Authorization") == null ? "" : " (" + r.getHeader("Authorization") + ")")).toList();
    }

    static VendorCallException failure(Exchange done) {
        VendorCallException e = KameletRig.vendorFailure(done);
        assertThat(e).as("a VendorCallException on the exchange, got " + done.getException()).isNotNull();
        return e;
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 403, 404, 429, 500, 503})
    void aRefusedUpdateIsAVendorFailureWithItsStatus(int status) {
        token("t1");
        patchAnswers(aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody("{\"message\": \"Validation failed (e.g. empty payload, unknown source, inactive assignee)\"}"));

        VendorCallException e = failure(rig.action(close("INC-00001")));

        assertThat(e.vendor()).isEqualTo("Adversarial");
        assertThat(e.operation()).isEqualTo("update-incidents");
        assertThat(e.problem().status()).isEqualTo(status);
        assertThat(e.problem().code()).isEqualTo("HTTP_" + status);
        assertThat(e.problem().detail()).contains("Validation failed");
        assertThat(calls()).containsExactly("POST " + TOKEN_PATH, "PATCH " + PATH + " (Bearer t1)");
    }

    @Test
    void inAPlaybookARefusedUpdateDeadLettersEveryIncidentItCarried() {
        token("t1");
        patchAnswers(aResponse().withStatus(404).withBody("Not found"));
        int auditBefore = rig.audit().size();

        assertThat(rig.playbook(close("INC-00001", "INC-00002")).getException()).isNull();

        assertThat(rig.audit().subList(auditBefore, rig.audit().size()))
                .extracting(AuditRecord::incidentKey, AuditRecord::result, AuditRecord::httpStatus)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("Adversarial:INC-00001", AuditRecord.DEAD_LETTERED, 404),
                        org.assertj.core.groups.Tuple.tuple("Adversarial:INC-00002", AuditRecord.DEAD_LETTERED, 404));
    }

    @Test
    void anExpiredTokenIsReplacedOnceAndTheSamePatchSentAgain() {
        wm.stubFor(post(urlPathEqualTo(TOKEN_PATH)).inScenario("tokens").whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("second").willReturn(okJson("{\"access_token\": \"t1\", \"expires_in\": 900}")));
        wm.stubFor(post(urlPathEqualTo(TOKEN_PATH)).inScenario("tokens").whenScenarioStateIs("second")
                .willReturn(okJson("{\"access_token\": \"t2\", \"expires_in\": 900}")));
        wm.stubFor(patch(urlPathEqualTo(PATH)).withHeader("Authorization", equalTo("Bearer t1"))
                .willReturn(aResponse().withStatus(401)));
        wm.stubFor(patch(urlPathEqualTo(PATH)).withHeader("Authorization", equalTo("Bearer t2"))
                .willReturn(okJson(ANSWER)));

        Exchange done = rig.action(close("INC-00001"));

        assertThat(done.getException()).isNull();
        assertThat(calls()).containsExactly("POST " + TOKEN_PATH, "PATCH " + PATH + " (Bearer t1)",
                "POST " + TOKEN_PATH, "PATCH " + PATH + " (Bearer t2)");
        List<LoggedRequest> patches = wm.findAll(patchRequestedFor(urlPathEqualTo(PATH)));
        assertThat(patches.get(1).getBodyAsString()).isEqualTo(patches.get(0).getBodyAsString())
                .isEqualTo("{\"ids\":[\"INC-00001\"],\"status\":\"Closed\"}");
        assertThat(patches.get(1).getHeader("Content-Type")).startsWith("application/json");
        assertThat(done.getMessage().getBody(UpdatedIncidents.class).incidents()).hasSize(1);
    }

    @Test
    void aSecond401IsAFailureAfterExactlyOneRefresh() {
        token("t1");
        patchAnswers(aResponse().withStatus(401).withBody("{\"error\": \"invalid_token\"}"));

        VendorCallException e = failure(rig.action(close("INC-00001")));

        assertThat(e.problem().status()).isEqualTo(401);
        assertThat(calls()).containsExactly("POST " + TOKEN_PATH, "PATCH " + PATH + " (Bearer t1)",
                "POST " + TOKEN_PATH, "PATCH " + PATH + " (Bearer t1)");
    }

    @Test
    void twoUpdatesUseOneToken() {
        token("t1");
        patchAnswers(okJson(ANSWER));

        assertThat(rig.action(close("INC-00001")).getException()).isNull();
        assertThat(rig.action(close("INC-00001")).getException()).isNull();

        assertThat(calls()).containsExactly("POST " + TOKEN_PATH, "PATCH " + PATH + " (Bearer t1)",
                "PATCH " + PATH + " (Bearer t1)");
    }

    @Test
    void malformedAnswersAreMalformedResponses() {
        token("t1");
        patchAnswers(aResponse().withStatus(200).withHeader("Content-Type", "text/html").withBody("<html></html>"));
        assertThat(failure(rig.action(close("INC-00001"))).problem()).satisfies(p -> {
            assertThat(p.code()).isEqualTo("MALFORMED_RESPONSE");
            assertThat(p.detail()).contains("cannot read");
        });

        patchAnswers(aResponse().withStatus(200));
        assertThat(failure(rig.action(close("INC-00001"))).problem().detail()).contains("empty");

        patchAnswers(okJson("{\"updated\": 1}"));
        assertThat(failure(rig.action(close("INC-00001"))).problem().detail()).contains("no 'incidents' array");

        patchAnswers(okJson("{\"incidents\": [{\"comment_count\": 0, \"incident\": {\"status\": \"Closed\"}}]}"));
        assertThat(failure(rig.action(close("INC-00001"))).problem().detail()).contains("no 'incident.id'");
    }

    @Test
    void anEmptyIncidentsListDeadLettersEveryRequestedId() {
        token("t1");
        patchAnswers(okJson("{\"incidents\": []}"));
        int auditBefore = rig.audit().size();

        assertThat(rig.action(close("INC-00001", "INC-00002")).getException()).isNull();

        assertThat(rig.audit().subList(auditBefore, rig.audit().size())).extracting(AuditRecord::result)
                .containsExactly(AuditRecord.DEAD_LETTERED, AuditRecord.DEAD_LETTERED);
        assertThat(rig.deadLetters()).filteredOn(d -> d.problem().code().equals(AdversarialActions.NOT_UPDATED))
                .extracting(d -> d.incidentKey()).contains("Adversarial:INC-00001", "Adversarial:INC-00002");
    }
}
