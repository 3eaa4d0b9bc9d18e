package org.soarplaybooks.vendor.onetrust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.soarplaybooks.vendor.KameletRig.json;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.soarplaybooks.testkit.SecretScan;
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
 * The {@code onetrust-update-incident-action} Kamelet against the vendor simulator over real HTTP: token, GET, merged
 * full PUT, and what OneTrust received.
 */
class OneTrustUpdateIncidentActionTest {

    static final String PAYROLL = "f7114aef-b6b6-42d6-9249-56a467950aa7";
    static final String PATIENT_LETTERS = "3b8e2c6a-5d1f-4e7a-9c2b-8f4d6a1e0b57";
    static final String HR_MAILBOX = "9c0d4e21-7a6b-4f3c-8e5d-2b1a0c9f8e63";
    static final String UNKNOWN = "00000000-0000-4000-8000-000000000001";
    static final String TOKEN_FORM =
            "grant_type=client_credentials&client_id=demo-onetrust-client&client_secret=demo-onetrust-secret";

    @TempDir
    static Path work;
    static VendorSimulator simulator;
    static KameletRig rig;

    @BeforeAll
    static void start() {
        simulator = VendorSimulator.start();
        rig = KameletRig.start("onetrust-update-incident-action", work, Map.of(
                "onetrust.base-url", simulator.baseUrl(),
                "onetrust.client-id", "demo-onetrust-client",
                "onetrust.client-secret", "demo-onetrust-secret"));
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

    static OneTrustIncidentChange change(String id, IncidentChanges changes) {
        return new OneTrustIncidentChange(id, changes);
    }

    static IncidentChanges notification(NotificationNeededType value) {
        return new IncidentChanges(null, null, null, null, null, null, null, value, null);
    }

    @Test
    void readsTheIncidentThenWritesItBackWholeWithTheChanges() {
        IncidentChanges changes = new IncidentChanges(null, null, null, null, null,
                Instant.parse("2025-04-25T17:00:00Z"), "Recipient auto-complete picked a similarly named client",
                NotificationNeededType.YES,
                Map.of("Breach Confirmed", List.of(new AttributeValueInformation(
                        "c0ffee00-1d2e-4f3a-8b4c-5d6e7f8a9b0c", "Yes", null, null, null, null, null, null))));
        int auditBefore = rig.audit().size();

        Exchange done = rig.action(change(PAYROLL, changes));

        assertThat(done.getException()).isNull();
        List<LoggedRequest> sent = simulator.requests();
        assertThat(sent).extracting(r -> r.getMethod().value() + " " + r.getUrl()).containsExactly(
                "POST /api/access/v1/oauth/token",
                "GET /api/incident/v1/incidents/" + PAYROLL,
                "PUT /api/incident/v1/incidents/" + PAYROLL);
        LoggedRequest token = sent.get(0);
        assertThat(token.getHeader("Content-Type")).startsWith("application/x-www-form-urlencoded");
        assertThat(token.getBodyAsString()).isEqualTo(TOKEN_FORM);
        String bearer = sent.get(1).getHeader("Authorization");
        assertThat(bearer).matches("Bearer sim\\.onetrust\\.\\d+\\..+");
        assertThat(sent.get(2).getHeader("Authorization")).isEqualTo(bearer);
        assertThat(sent.get(1).getBodyAsString()).isEmpty();
        assertThat(sent.get(2).getHeader("Content-Type")).startsWith("application/json");
        assertThat(json(sent.get(2).getBodyAsString())).isEqualTo(json("""
                {"name": "Payroll export e-mailed to the wrong client",
                 "description": "An employee sent the March payroll export to an external client with a similar name.\\nThe recipient confirmed deletion by phone; written confirmation is pending.",
                 "incidentTypeName": "Misdirected Email",
                 "orgGroupId": "6e1f3c2a-8b4d-4f6e-9a1c-2d3e4f5a6b7c",
                 "dateOccurred": "2025-04-21T05:22:40.187Z",
                 "dateDiscovered": "2025-04-21T12:22:40.187Z",
                 "deadline": "2025-04-25T17:00:00Z",
                 "sourceType": "INTEGRATION",
                 "rootCause": "Recipient auto-complete picked a similarly named client",
                 "notificationNeeded": "YES",
                 "attributeValues": {
                   "Data Subjects Affected": [{"value": "212", "disabled": false}],
                   "Data Categories": [
                     {"id": "0f5afc29-7fe1-4145-b541-ac33158312b6", "value": "Financial Information", "disabled": false},
                     {"id": "736a8cb4-4e0e-4938-a43f-74edbaf46c0a", "value": "Contact Details", "disabled": false}],
                   "Breach Confirmed": [{"id": "c0ffee00-1d2e-4f3a-8b4c-5d6e7f8a9b0c", "value": "Yes"}]},
                 "incidentAssigneeRequests": [{"assigneeId": "2c4e6a8b-1d3f-4b5a-8c7e-9f0a1b2c3d4e", "type": "USER"}],
                 "jurisdictions": [{"jurisdictionId": "123e4567-e89b-12d3-a456-426614174000", "countryCode": "USA",
                                    "stateProvinceCode": "CA"}]}"""));

        IncidentInformation updated = done.getMessage().getBody(IncidentInformation.class);
        assertThat(updated.id()).isEqualTo(PAYROLL);
        assertThat(updated.notificationNeeded()).isEqualTo("YES");
        assertThat(updated.attributeValues().get("Data Subjects Affected")).extracting(
                NamedAttributeValueInformation::value).containsExactly("212");
        assertThat(done.getMessage().getHeader("Authorization")).isNull();
        assertThat(rig.audit()).hasSize(auditBefore + 1).last().satisfies(a -> {
            assertThat(a.result()).isEqualTo(AuditRecord.SENT);
            assertThat(a.incidentKey()).isEqualTo("OneTrust:" + PAYROLL);
            assertThat(a.vendor()).isEqualTo("OneTrust");
            assertThat(a.operation()).isEqualTo("update-incident");
            assertThat(a.httpStatus()).isEqualTo(200);
        });
    }

    @Test
    void sourceTypeNoneIsLeftOutAndGroupAssigneesAndJurisdictionsAreKept() {
        Exchange done = rig.action(change(PATIENT_LETTERS, notification(NotificationNeededType.NO)));

        assertThat(done.getException()).isNull();
        LoggedRequest put = simulator.requests().get(2);
        assertThat(json(put.getBodyAsString())).isEqualTo(json("""
                {"name": "Patient letters sent to previous addresses",
                 "description": "A mail-merge used an outdated address table; 38 appointment letters went to previous addresses.",
                 "incidentTypeName": "Misdirected Email",
                 "orgGroupId": "c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f",
                 "dateOccurred": "2025-04-18T09:00:00.000Z",
                 "dateDiscovered": "2025-04-19T16:45:00.000Z",
                 "rootCause": "Address table not refreshed after the CRM migration.",
                 "notificationNeeded": "NO",
                 "attributeValues": {
                   "Data Subjects Affected": [{"value": "38", "disabled": false}],
                   "Data Categories": [{"id": "e2f3a4b5-c6d7-4e8f-9a0b-1c2d3e4f5a6b", "value": "Health Information",
                                        "disabled": false}]},
                 "incidentAssigneeRequests": [{"assigneeId": "5d6e7f80-91a2-4b3c-8d4e-5f6a7b8c9d0e", "type": "GROUP"}],
                 "jurisdictions": [{"jurisdictionId": "2f1e0d9c-8b7a-4659-a4b3-c2d1e0f9a8b7", "countryCode": "USA",
                                    "stateProvinceCode": "NY"}]}"""));
        // OneTrust applied its default for the omitted creation source
        assertThat(done.getMessage().getBody(IncidentInformation.class).sourceType()).isEqualTo("MANUAL");
    }

    @Test
    void anIncidentWithoutAttributesAssigneesOrJurisdictionsSendsEmptyOnes() {
        IncidentChanges changes = new IncidentChanges("Suspicious sign-ins to the HR mailbox (confirmed)", null,
                "Unauthorized Access", null, null, null, null, null,
                Map.of("Breach Confirmed", List.of(AttributeValueInformation.ofValue("Yes"))));

        Exchange done = rig.action(change(HR_MAILBOX, changes));

        assertThat(done.getException()).isNull();
        assertThat(json(simulator.requests().get(2).getBodyAsString())).isEqualTo(json("""
                {"name": "Suspicious sign-ins to the HR mailbox (confirmed)",
                 "description": "Security operations reported impossible-travel sign-ins to the shared HR mailbox.",
                 "incidentTypeName": "Unauthorized Access",
                 "orgGroupId": "6e1f3c2a-8b4d-4f6e-9a1c-2d3e4f5a6b7c",
                 "dateDiscovered": "2025-04-25T07:30:00.000Z",
                 "sourceType": "MANUAL",
                 "notificationNeeded": "UNKNOWN",
                 "attributeValues": {"Breach Confirmed": [{"value": "Yes"}]},
                 "jurisdictions": []}"""));
    }

    @Test
    void aBatchOfOneKeepsItsItemsAndTwoUpdatesShareOneToken() {
        ActionItem item = new ActionItem(PAYROLL, "Sentinel:1505", json("{\"name\":\"1505\"}"));
        int auditBefore = rig.audit().size();

        assertThat(rig.action(new Batch<>(change(PAYROLL, notification(NotificationNeededType.YES)), List.of(item)))
                .getException()).isNull();
        assertThat(rig.playbook(change(PATIENT_LETTERS, notification(NotificationNeededType.YES))).getException())
                .isNull();

        assertThat(simulator.callsByEndpoint()).containsOnly(Map.entry("POST onetrust token", 1),
                Map.entry("GET onetrust incident", 2), Map.entry("PUT onetrust incident", 2));
        assertThat(rig.audit().subList(auditBefore, auditBefore + 2)).extracting(AuditRecord::incidentKey)
                .containsExactly("Sentinel:1505", "OneTrust:" + PATIENT_LETTERS);
    }

    @Test
    void anUnknownIncidentIsNotFoundAndNothingIsWritten() {
        Exchange failed = rig.action(change(UNKNOWN, notification(NotificationNeededType.YES)));

        VendorCallException e = KameletRig.vendorFailure(failed);
        assertThat(e).isNotNull();
        assertThat(e.operation()).isEqualTo("get-incident");
        assertThat(e.problem().status()).isEqualTo(404);
        assertThat(e.problem().detail()).contains("Incident not found");
        assertThat(simulator.callsByEndpoint()).doesNotContainKey("PUT onetrust incident");
    }

    @Test
    void inAPlaybookAFailedCallBecomesADeadLetterNamingTheIncidentAndTheRead() {
        Exchange handled = rig.playbook(change(UNKNOWN, notification(NotificationNeededType.YES)));

        assertThat(handled.getException()).isNull();
        assertThat(rig.deadLetters()).filteredOn(d -> d.incidentKey().equals("OneTrust:" + UNKNOWN)).singleElement()
                .satisfies(d -> {
                    assertThat(d.playbook()).isEqualTo("test-playbook");
                    assertThat(d.vendor()).isEqualTo("OneTrust");
                    assertThat(d.operation()).isEqualTo("get-incident");
                    assertThat(d.problem().status()).isEqualTo(404);
                    assertThat(d.request().path("method").asText()).isEqualTo("GET");
                    assertThat(d.request().path("path").asText()).isEqualTo("/api/incident/v1/incidents/" + UNKNOWN);
                });
    }

    @Test
    void badInputIsRefusedBeforeAnyCall() {
        assertThat(rig.action(change("INC-1", notification(NotificationNeededType.YES))).getException())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is a uuid");
        assertThat(rig.action(change(PAYROLL, notification(null))).getException())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one member");
        assertThat(rig.action("{\"incidentId\": \"" + PAYROLL + "\", \"changes\": {\"notificationNeed\": \"YES\"}}")
                .getException()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("notificationNeed");
        assertThat(rig.action("{\"incidentId\": \"" + PAYROLL + "\", \"changes\": {\"notificationNeeded\": \"MAYBE\"}}")
                .getException()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("MAYBE");
        assertThat(simulator.requests()).isEmpty();
    }

    @Test
    void wrongCredentialsFailTheTokenRequestAndTheSecretIsWrittenNowhere(@TempDir Path other) throws Exception {
        String secret = "wrong-onetrust-secret-51c7";
        try (KameletRig wrong = KameletRig.start("onetrust-update-incident-action", other, Map.of(
                "onetrust.base-url", simulator.baseUrl(),
                "onetrust.client-id", "demo-onetrust-client",
                "onetrust.client-secret", secret))) {
            Exchange failed = wrong.action(change(PAYROLL, notification(NotificationNeededType.YES)));
            VendorCallException e = KameletRig.vendorFailure(failed);
            assertThat(e.problem().code()).isEqualTo(OAuth2ClientCredentials.TOKEN_REQUEST_FAILED);
            assertThat(e.problem().status()).isEqualTo(401);
            assertThat(e.problem().detail()).contains("invalid_client").doesNotContain(secret);
            assertThat(simulator.callsByEndpoint()).containsOnly(Map.entry("POST onetrust token", 1));

            wrong.playbook(change(PAYROLL, notification(NotificationNeededType.YES)));
            assertThat(wrong.deadLetters()).singleElement()
                    .satisfies(d -> assertThat(d.problem().code()).isEqualTo("TOKEN_REQUEST_FAILED"));
            SecretScan.assertNowhereIn(wrong.data(), secret);
        }
    }

}
