package org.soarplaybooks.vendor.adversarial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.soarplaybooks.vendor.KameletRig.json;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.soarplaybooks.audit.AuditRecord;
import org.soarplaybooks.http.OAuth2ClientCredentials;
import org.soarplaybooks.outcome.ActionItem;
import org.soarplaybooks.outcome.Batch;
import org.soarplaybooks.problem.VendorCallException;
import org.soarplaybooks.simulator.VendorSimulator;
import org.soarplaybooks.vendor.KameletRig;

/**
 * The {@code adversarial-update-incidents-action} Kamelet against the vendor simulator over real HTTP: token, PATCH,
 * what Adversarial received, and one outcome per requested incident.
 */
class AdversarialUpdateIncidentsActionTest {

    static final String TOKEN_FORM = "grant_type=client_credentials&client_id=arm_sa_demo&client_secret=arm_sk_demo";

    @TempDir
    static Path work;
    static VendorSimulator simulator;
    static KameletRig rig;

    @BeforeAll
    static void start() {
        simulator = VendorSimulator.start();
        rig = KameletRig.start("adversarial-update-incidents-action", work, Map.of(
                "adversarial.base-url", simulator.baseUrl(),
                "adversarial.client-id", "arm_sa_demo",
                "adversarial.client-secret", "arm_sk_demo"));
    }

    @AfterAll
    static void stop() {
        rig.close();
        simulator.close();
    }

    @BeforeEach
    void fresh() {
        simulator.resetRequests();
        OAuth2ClientCredentials.forgetAllTokens();
    }

    static UpdateIncidentsRequest statusUpdate(IncidentStatus status, String... ids) {
        return new UpdateIncidentsRequest(List.of(ids), null, null, null, null, null, null, null, null, null, status,
                null, null, null);
    }

    @Test
    void patchesTheIncidentsWithABearerTokenAndAuditsEachUpdatedOne() {
        UpdateIncidentsRequest request = new UpdateIncidentsRequest(List.of("INC-00002", "INC-00003"),
                "0e5f6a7b-8c9d-4e0f-a1b2-c3d4e5f6a7b8", Instant.parse("2025-04-26T11:15:00Z"), null, null, null,
                Instant.parse("2025-04-26T10:41:00.250Z"), Severity.SEV2, "Confirmed exposure of customer data",
                null, IncidentStatus.IN_PROGRESS, List.of("privacy", "breach"),
                List.of(new ThreatObjectiveRelation(ThreatObjective.DATA_DISCLOSURE)), null);
        int auditBefore = rig.audit().size();

        Exchange done = rig.action(request);

        assertThat(done.getException()).isNull();
        List<LoggedRequest> sent = simulator.requests();
        assertThat(sent).extracting(r -> r.getMethod().value() + " " + r.getUrl())
                .containsExactly("POST /api/v1/oauth/token", "PATCH /api/v1/incidents");
        assertThat(sent.get(0).getHeader("Content-Type")).startsWith("application/x-www-form-urlencoded");
        assertThat(sent.get(0).getBodyAsString()).isEqualTo(TOKEN_FORM);
        LoggedRequest patch = sent.get(1);
        assertThat(patch.getHeader("Authorization")).matches("Bearer sim\\.adversarial\\.\\d+\\..+");
        assertThat(patch.getHeader("Content-Type")).startsWith("application/json");
        assertThat(json(patch.getBodyAsString())).isEqualTo(json("""
                {"ids": ["INC-00002", "INC-00003"],
                 "assigned_to": "0e5f6a7b-8c9d-4e0f-a1b2-c3d4e5f6a7b8",
                 "contained_date": "2025-04-26T11:15:00Z",
                 "responded_date": "2025-04-26T10:41:00.250Z",
                 "severity": "SEV2",
                 "severity_reasoning": "Confirmed exposure of customer data",
                 "status": "In Progress",
                 "tags": ["privacy", "breach"],
                 "threat_objectives": [{"threat_objective": "Data Disclosure"}]}"""));

        UpdatedIncidents answer = done.getMessage().getBody(UpdatedIncidents.class);
        assertThat(answer.incidents()).extracting(r -> r.incident().id()).containsExactly("INC-00002", "INC-00003");
        assertThat(answer.incidents()).allSatisfy(r -> {
            assertThat(r.incident().status()).isEqualTo("In Progress");
            assertThat(r.incident().severity()).isEqualTo("SEV2");
            assertThat(r.incident().assigned_to().email()).isEqualTo("maya.okafor@example.com");
            assertThat(r.threat_objectives()).extracting(ThreatObjectiveInformation::threat_objective)
                    .containsExactly("Data Disclosure");
            assertThat(r.tags()).extracting(IncidentTag::content).containsExactly("privacy", "breach");
        });
        assertThat(done.getMessage().getHeader("Authorization")).isNull();
        assertThat(rig.audit().subList(auditBefore, rig.audit().size())).satisfiesExactly(
                a -> assertThat(a.incidentKey()).isEqualTo("Adversarial:INC-00002"),
                a -> assertThat(a.incidentKey()).isEqualTo("Adversarial:INC-00003"))
                .allSatisfy(a -> {
                    assertThat(a.result()).isEqualTo(AuditRecord.SENT);
                    assertThat(a.vendor()).isEqualTo("Adversarial");
                    assertThat(a.operation()).isEqualTo("update-incidents");
                    assertThat(a.httpStatus()).isEqualTo(200);
                });
    }

    @Test
    void anIdMissingFromTheAnswerIsADeadLetterAndTheOthersAreSent() {
        int auditBefore = rig.audit().size();

        Exchange done = rig.action(statusUpdate(IncidentStatus.CLOSED, "INC-00004", "INC-09999"));

        assertThat(done.getException()).isNull();
        assertThat(rig.audit().subList(auditBefore, rig.audit().size()))
                .extracting(AuditRecord::incidentKey, AuditRecord::result)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Adversarial:INC-00004", AuditRecord.SENT),
                        org.assertj.core.groups.Tuple.tuple("Adversarial:INC-09999", AuditRecord.DEAD_LETTERED));
        assertThat(rig.deadLetters()).filteredOn(d -> d.incidentKey().equals("Adversarial:INC-09999"))
                .singleElement().satisfies(d -> {
                    assertThat(d.problem().code()).isEqualTo(AdversarialActions.NOT_UPDATED);
                    assertThat(d.problem().status()).isEqualTo(200);
                    assertThat(d.reason()).contains("INC-09999").contains("missing from the answer");
                    assertThat(d.operation()).isEqualTo("update-incidents");
                    assertThat(d.request().path("method").asText()).isEqualTo("PATCH");
                    assertThat(d.request().path("body").path("ids").toString()).contains("INC-09999");
                });
    }

    @Test
    void aBatchKeepsItsItemsAndTwoUpdatesShareOneToken() {
        ActionItem item = new ActionItem("INC-00001", "Sentinel:77", json("{\"name\":\"77\"}"));
        int auditBefore = rig.audit().size();

        rig.action(new Batch<>(statusUpdate(IncidentStatus.REVIEW, "INC-00001"), List.of(item)));
        rig.playbook(statusUpdate(IncidentStatus.REVIEW, "INC-00005"));

        assertThat(simulator.callsByEndpoint()).containsOnly(Map.entry("POST adversarial token", 1),
                Map.entry("PATCH adversarial incidents", 2));
        assertThat(rig.audit().subList(auditBefore, rig.audit().size())).extracting(AuditRecord::incidentKey)
                .containsExactly("Sentinel:77", "Adversarial:INC-00005");
    }

    @Test
    void jsonInputWorksAndUnknownMembersOrValuesAreRefusedBeforeAnyCall() {
        assertThat(rig.action("{\"ids\": [\"INC-00001\"], \"status\": \"Review\"}").getException()).isNull();
        simulator.resetRequests();

        assertThat(rig.action("{\"ids\": [\"INC-00001\"], \"state\": \"Review\"}").getException())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("state");
        assertThat(rig.action("{\"ids\": [\"INC-00001\"], \"status\": \"Open\"}").getException())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Open");
        assertThat(rig.action("{\"ids\": [\"INC-00001\"]}").getException())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one field");
        assertThat(rig.action(statusUpdate(IncidentStatus.NEW)).getException())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one id");
        assertThat(rig.action(statusUpdate(IncidentStatus.NEW, "INC-00001", " ")).getException())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("blank");
        assertThat(simulator.requests()).isEmpty();
    }

    @Test
    void anInactiveAssigneeIsRefusedByTheVendorAsAValidationFailure() {
        UpdateIncidentsRequest request = new UpdateIncidentsRequest(List.of("INC-00001"),
                "11111111-2222-4333-8444-555555555555", null, null, null, null, null, null, null, null, null, null,
                null, null);

        VendorCallException e = KameletRig.vendorFailure(rig.action(request));

        assertThat(e.problem().status()).isEqualTo(400);
        assertThat(e.problem().detail()).contains("inactive assignee");
    }

    @Test
    void wrongCredentialsFailTheTokenRequest(@TempDir Path other) {
        try (KameletRig wrong = KameletRig.start("adversarial-update-incidents-action", other, Map.of(
                "adversarial.base-url", simulator.baseUrl(),
                "adversarial.client-id", "arm_sa_demo",
                "adversarial.client-secret", "arm_sk_wrong"))) {
            VendorCallException e = KameletRig.vendorFailure(wrong.action(statusUpdate(IncidentStatus.NEW, "INC-00001")));
            assertThat(e.problem().code()).isEqualTo(OAuth2ClientCredentials.TOKEN_REQUEST_FAILED);
            assertThat(e.problem().status()).isEqualTo(401);
            assertThat(e.getMessage()).doesNotContain("arm_sk_wrong");
            assertThat(simulator.callsByEndpoint()).containsOnly(Map.entry("POST adversarial token", 1));
        }
    }
}
