package org.soarplaybooks.playbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.soarplaybooks.playbook.ContraForceEvents.event;
import static org.soarplaybooks.playbook.ContraForceEvents.events;
import static org.soarplaybooks.testkit.PlaybookHarness.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.soarplaybooks.audit.AuditRecord;
import org.soarplaybooks.testkit.PlaybookHarness;

/**
 * The shipped {@code confirmed-breach-to-privacy-register} playbook: ContraForce incident events in
 * {@code inbox/privacy-register/}; for confirmed breaches, the OneTrust incident (GET, then PUT of the merged whole
 * incident) and the Adversarial incident register (PATCH) out, real HTTP to the simulator. Links and data-exposure
 * reasons come from the shipped {@code config/mapping.yaml}.
 */
class ConfirmedBreachToPrivacyRegisterTest {

    static final String PLAYBOOK = "confirmed-breach-to-privacy-register";
    static final String INBOX = "privacy-register";
    static final String HR_MAILBOX = "/api/incident/v1/incidents/9c0d4e21-7a6b-4f3c-8e5d-2b1a0c9f8e63";
    static final String PAYROLL = "/api/incident/v1/incidents/f7114aef-b6b6-42d6-9249-56a467950aa7";
    static final String ONETRUST_BEARER = "Bearer sim\\.onetrust\\.\\d+\\..+";
    static final String ADVERSARIAL_BEARER = "Bearer sim\\.adversarial\\.\\d+\\..+";

    @Test
    void confirmedBreachesSetNotificationNeededInOneTrustAndTheThreatObjectiveInAdversarial(@TempDir Path data) {
        try (PlaybookHarness h = PlaybookHarness.start(data)) {
            h.awaitDone(h.drop(INBOX, "breaches.json", events(
                    event("defenderxdr", "924518", "Closed", "TruePositive", "Phishing"),
                    event("sentinel", "1505", "Closed", "TruePositive", "CompromisedUser"))));

            List<LoggedRequest> r = h.requests();
            assertThat(r).extracting(q -> q.getMethod().value() + " " + q.getUrl()).containsExactly(
                    "POST /api/access/v1/oauth/token",
                    "GET " + HR_MAILBOX, "PUT " + HR_MAILBOX,
                    "GET " + PAYROLL, "PUT " + PAYROLL,
                    "POST /api/v1/oauth/token",
                    "PATCH /api/v1/incidents");
            assertThat(r.get(0).getBodyAsString()).isEqualTo("grant_type=client_credentials"
                    + "&client_id=demo-onetrust-client&client_secret=demo-onetrust-secret");
            assertThat(List.of(r.get(1), r.get(2), r.get(3), r.get(4)))
                    .allSatisfy(q -> assertThat(q.getHeader("Authorization")).matches(ONETRUST_BEARER));
            assertThat(r.get(1).getBodyAsString()).isEmpty();
            assertThat(json(r.get(2).getBodyAsString())).as("the whole incident as read, notificationNeeded YES")
                    .isEqualTo(json("""
                    {"name": "Suspicious sign-ins to the HR mailbox",
                     "description": "Security operations reported impossible-travel sign-ins to the shared HR mailbox.",
                     "incidentTypeName": "Unknown", "orgGroupId": "6e1f3c2a-8b4d-4f6e-9a1c-2d3e4f5a6b7c",
                     "dateDiscovered": "2025-04-25T07:30:00.000Z", "sourceType": "MANUAL",
                     "notificationNeeded": "YES", "attributeValues": {}, "jurisdictions": []}"""));
            assertThat(json(r.get(4).getBodyAsString())).as("custom attributes, assignee, jurisdictions kept")
                    .isEqualTo(json("""
                    {"name": "Payroll export e-mailed to the wrong client",
                     "description": "An employee sent the March payroll export to an external client with a similar name.\\nThe recipient confirmed deletion by phone; written confirmation is pending.",
                     "incidentTypeName": "Misdirected Email", "orgGroupId": "6e1f3c2a-8b4d-4f6e-9a1c-2d3e4f5a6b7c",
                     "dateOccurred": "2025-04-21T05:22:40.187Z", "dateDiscovered": "2025-04-21T12:22:40.187Z",
                     "deadline": "2025-04-24T12:22:40.187Z", "sourceType": "INTEGRATION",
                     "notificationNeeded": "YES",
                     "attributeValues": {
                       "Data Subjects Affected": [{"value": "212", "disabled": false}],
                       "Data Categories": [
                         {"id": "0f5afc29-7fe1-4145-b541-ac33158312b6", "value": "Financial Information", "disabled": false},
                         {"id": "736a8cb4-4e0e-4938-a43f-74edbaf46c0a", "value": "Contact Details", "disabled": false}],
                       "Breach Confirmed": [
                         {"id": "b4e17ed9-5e11-44f8-bb20-100af4d9e39b", "value": "Under Review", "disabled": false}]},
                     "incidentAssigneeRequests": [{"assigneeId": "2c4e6a8b-1d3f-4b5a-8c7e-9f0a1b2c3d4e", "type": "USER"}],
                     "jurisdictions": [{"jurisdictionId": "123e4567-e89b-12d3-a456-426614174000", "countryCode": "USA",
                                        "stateProvinceCode": "CA"}]}"""));
            assertThat(r.get(5).getBodyAsString()).isEqualTo("grant_type=client_credentials"
                    + "&client_id=arm_sa_demo&client_secret=arm_sk_demo");
            assertThat(r.get(6).getHeader("Authorization")).matches(ADVERSARIAL_BEARER);
            assertThat(json(r.get(6).getBodyAsString())).as("both breaches share a status and threat objective")
                    .isEqualTo(json("""
                    {"ids": ["INC-00002", "INC-00005"], "status": "Review",
                     "threat_objectives": [{"threat_objective": "Data Disclosure"}]}"""));

            assertThat(h.audit()).extracting(a -> a.vendor() + " " + a.operation() + " " + a.incidentKey())
                    .containsExactly(
                            "OneTrust update-incident DefenderXDR:924518",
                            "OneTrust update-incident Sentinel:1505",
                            "Adversarial update-incidents DefenderXDR:924518",
                            "Adversarial update-incidents Sentinel:1505");
            assertThat(h.audit()).allSatisfy(a -> {
                assertThat(a.playbook()).isEqualTo(PLAYBOOK);
                assertThat(a.result()).isEqualTo(AuditRecord.SENT);
                assertThat(a.httpStatus()).isEqualTo(200);
                assertThat(a.trigger()).startsWith("file:breaches.json #");
            });
            assertThat(h.deadLetters()).isEmpty();
            assertThat(h.audit().toString()).doesNotContain("demo-onetrust-secret", "arm_sk_demo", "sim.onetrust",
                    "sim.adversarial");
        }
    }

    @Test
    void incidentsThatAreNoConfirmedBreachAreSkippedWithOneLogLineEachAndNoCall(@TempDir Path data) {
        try (PlaybookHarness h = PlaybookHarness.start(data);
             ContraForceEvents.LogCapture log = new ContraForceEvents.LogCapture("soar.playbook." + PLAYBOOK)) {
            h.awaitDone(h.drop(INBOX, "no-breach.json", events(
                    event("defenderxdr", "924518", "Active", "TruePositive", "Phishing"),
                    event("sentinel", "1505", "Closed", "FalsePositive", "InaccurateData"),
                    event("sentinel", "73e01a99-5cd7-4139-a149-9f2736ff2ab5", "Closed", "TruePositive", "Malware"),
                    event("sentinelone", "123456", "Closed", "TruePositive", null),
                    event("crowdstrike", "fcs:ioa-211:00000000-0000-0000-0000-000000000002", "Closed", null, null))));

            assertThat(h.requests()).isEmpty();
            assertThat(h.audit()).isEmpty();
            assertThat(h.deadLetters()).isEmpty();
            assertThat(log.lines()).containsExactly(
                    "INFO skipped ContraForce incident DefenderXDR:924518: it is Active, not Closed",
                    "INFO skipped ContraForce incident Sentinel:1505: it is closed as FalsePositive, not TruePositive",
                    "INFO skipped ContraForce incident Sentinel:73e01a99-5cd7-4139-a149-9f2736ff2ab5: its"
                            + " classification reason Malware is not listed under privacy-register.dataExposureReasons"
                            + " (no personal-data exposure)",
                    "INFO skipped ContraForce incident SentinelOne:123456: it is closed as TruePositive without a"
                            + " classification reason",
                    "INFO skipped ContraForce incident CrowdStrike:fcs:ioa-211:00000000-0000-0000-0000-000000000002:"
                            + " it is closed without a classification, not as TruePositive");
        }
    }

    @Test
    void aConfirmedBreachWithoutALinkIsADeadLetterAndTheLinkedOneGoesOn(@TempDir Path data) {
        try (PlaybookHarness h = PlaybookHarness.start(data)) {
            h.awaitDone(h.drop(INBOX, "unlinked.json", events(
                    event("defenderxdr", "924518", "Closed", "TruePositive", "Phishing"),
                    event("defenderxdr", "924519", "Closed", "TruePositive", "CompromisedUser"))));

            assertThat(h.deadLetters()).singleElement().satisfies(d -> {
                assertThat(d.playbook()).isEqualTo(PLAYBOOK);
                assertThat(d.incidentKey()).isEqualTo("DefenderXDR:924519");
                assertThat(d.reason()).endsWith("config/mapping.yaml has no privacy-register.links entry for"
                        + " ContraForce incident DefenderXDR:924519: add"
                        + " \"DefenderXDR:924519\" with its onetrustIncident (OneTrust incident uuid) and"
                        + " adversarialIncident (INC-...)");
            });
            assertThat(h.audit()).filteredOn(a -> AuditRecord.SENT.equals(a.result()))
                    .extracting(AuditRecord::incidentKey).as("the linked breach, in both tools")
                    .containsExactly("DefenderXDR:924518", "DefenderXDR:924518");
        }
    }

    @Test
    void anAdversarialIncidentTheRegisterDoesNotHaveBecomesADeadLetterNamingThePlaybook(@TempDir Path data,
                                                                                       @TempDir Path dir) {
        Path config = ContraForceEvents.configWith(dir.resolve("config"),
                "      adversarialIncident: INC-00002", "      adversarialIncident: INC-09999");
        try (PlaybookHarness h = PlaybookHarness.start(data, config, Map.of())) {
            h.awaitDone(h.drop(INBOX, "breach.json",
                    event("defenderxdr", "924518", "Closed", "TruePositive", "Phishing")));

            LoggedRequest patch = h.requests().get(h.requests().size() - 1);
            assertThat(patch.getMethod().value() + " " + patch.getUrl()).isEqualTo("PATCH /api/v1/incidents");
            assertThat(json(patch.getBodyAsString()).path("ids").toString()).isEqualTo("[\"INC-09999\"]");
            assertThat(h.deadLetters()).singleElement().satisfies(d -> {
                assertThat(d.playbook()).isEqualTo(PLAYBOOK);
                assertThat(d.incidentKey()).isEqualTo("DefenderXDR:924518");
                assertThat(d.problem().code()).isEqualTo("NOT_UPDATED");
                assertThat(d.item().path("data").path("classificationReason").asText()).as("the original event")
                        .isEqualTo("Phishing");
                assertThat(d.request().toString()).doesNotContain("Bearer");
            });
            assertThat(h.audit()).extracting(a -> a.vendor() + " " + a.result()).containsExactly(
                    "OneTrust " + AuditRecord.SENT, "Adversarial " + AuditRecord.DEAD_LETTERED);
            assertThat(h.audit()).allSatisfy(a -> assertThat(a.playbook()).isEqualTo(PLAYBOOK));
        }
    }
}
