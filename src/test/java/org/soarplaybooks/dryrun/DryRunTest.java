package org.soarplaybooks.dryrun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.soarplaybooks.playbook.ContraForceEvents.event;
import static org.soarplaybooks.playbook.ContraForceEvents.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.soarplaybooks.audit.AuditRecord;
import org.soarplaybooks.demo.DemoRun;
import org.soarplaybooks.simulator.SimulatorCredentials;
import org.soarplaybooks.simulator.VendorSimulator;
import org.soarplaybooks.testkit.PlaybookHarness;
import org.soarplaybooks.incident.IncidentSource;
import org.soarplaybooks.outcome.ActionItem;
import org.soarplaybooks.outcome.Batch;
import org.soarplaybooks.vendor.KameletRig;
import org.soarplaybooks.vendor.contraforce.BulkUpdateIncidentsRequest;
import org.soarplaybooks.vendor.contraforce.Status;
import org.soarplaybooks.vendor.contraforce.UpdateIncidentRequest;

/**
 * Dry run through the shipped playbooks: every request is built and checked, audited as {@code would-send} with the
 * whole request (secrets masked), and the vendors (the simulator, real HTTP) receive nothing, token requests
 * included.
 */
class DryRunTest {

    static final Map<String, String> DRY = Map.of(DryRun.ENABLED_PROPERTY, "true");

    @Test
    void aDryRunSendsNothingAndAuditsEveryRequestItWouldSend(@TempDir Path data) throws IOException {
        try (PlaybookHarness h = PlaybookHarness.start(data, Path.of("config"), DRY)) {
            h.awaitDone(h.dropSample("sentinel", "microsoft-sentinel/incident-1505-active-rapid7.json"));
            h.awaitDone(h.dropSample("sentinelone", "sentinelone/threats-list-v2_1-demisto.json"));
            h.awaitDone(h.drop("privacy-register", "breach.json", events(
                    event("defenderxdr", "924518", "Closed", "TruePositive", "Phishing"))));
            await().atMost(Duration.ofSeconds(10)).until(() -> wouldSend(h).size() >= 4);

            assertThat(h.requests()).as("requests the vendors received").isEmpty();
            assertThat(h.audit()).extracting(AuditRecord::result).containsOnly(AuditRecord.WOULD_SEND);
            assertThat(h.deadLetters()).isEmpty();

            AuditRecord status = wouldSend(h).stream().filter(r -> r.incidentKey().equals("Sentinel:1505"))
                    .findFirst().orElseThrow();
            JsonNode request = status.request();
            assertThat(status.vendor()).isEqualTo("ContraForce");
            assertThat(request.path("method").asText()).isEqualTo("PUT");
            assertThat(request.path("url").asText()).startsWith(h.simulator().baseUrl() + "/api/v2/workspaces/")
                    .endsWith("/incidents/Sentinel/1505/status");
            assertThat(request.path("headers").path("Authorization").asText()).isEqualTo("Basic ***");
            assertThat(request.path("headers").path("Content-Type").asText()).isEqualTo("application/json");
            assertThat(request.path("body").path("status").asText()).isNotBlank();

            AuditRecord onetrust = wouldSend(h).stream().filter(r -> r.vendor().equals("OneTrust")).findFirst()
                    .orElseThrow();
            assertThat(onetrust.request().path("method").asText()).isEqualTo("PUT");
            assertThat(onetrust.request().path("headers").path("Authorization").asText()).isEqualTo("Bearer ***");
            assertThat(onetrust.request().path("body").path("notificationNeeded").asText()).isEqualTo("YES");
            assertThat(wouldSend(h)).extracting(AuditRecord::vendor).contains("Adversarial");
            assertThat(wouldSend(h)).extracting(AuditRecord::incidentKey).anyMatch(k -> k.startsWith("SentinelOne:"));

            String trail = auditText(data);
            for (String secret : List.of(SimulatorCredentials.DEMO_CLIENT_SECRET,
                    SimulatorCredentials.DEMO_SENTINELONE_API_TOKEN, SimulatorCredentials.DEMO_ONETRUST_CLIENT_SECRET,
                    SimulatorCredentials.DEMO_ADVERSARIAL_CLIENT_SECRET, "ZGVtby1jbGllbnQ6ZGVtby1zZWNyZXQ=")) {
                assertThat(trail).as("the audit trail holds no secret").doesNotContain(secret);
            }
        }
    }

    @Test
    void aRequestThatBreaksTheContractIsStillRefusedAndDeadLetteredInADryRun(@TempDir Path work) {
        try (VendorSimulator sim = VendorSimulator.start(SimulatorCredentials.demo());
             KameletRig rig = KameletRig.start("contraforce-bulk-update-incidents-action", work, dry(sim))) {
            String ws = "3f2a4b1c-7d5e-4c8a-9b6f-1e2d3c4b5a61";
            var good = new UpdateIncidentRequest("8001", Status.Closed, null, ws, null, null, null, null,
                    IncidentSource.SENTINELONE);
            var noId = new UpdateIncidentRequest(null, Status.Closed, null, ws, null, null, null, null,
                    IncidentSource.SENTINELONE);
            rig.playbook(new Batch<>(new BulkUpdateIncidentsRequest(List.of(good, noId)), List.of(
                    new ActionItem("8001", "SentinelOne:8001", null), new ActionItem("8002", "SentinelOne:8002", null))));

            assertThat(sim.requests()).as("requests the vendor received").isEmpty();
            assertThat(rig.deadLetters()).hasSize(2).allSatisfy(d ->
                    assertThat(d.problem().code()).isEqualTo("CONTRACT_VIOLATION"));
            assertThat(rig.audit()).extracting(AuditRecord::result).containsOnly(AuditRecord.DEAD_LETTERED);
        }
    }

    @Test
    void aValidRequestThroughTheKameletIsAuditedAsWouldSend(@TempDir Path work) {
        try (VendorSimulator sim = VendorSimulator.start(SimulatorCredentials.demo());
             KameletRig rig = KameletRig.start("contraforce-update-incident-status-action", work, dry(sim))) {
            rig.playbook(KameletRig.json("""
                    {"workspaceId": "1d3c6f0e-2b8a-4e4f-9a57-0c8f1e2d3b4a", "source": "Sentinel",
                     "incidentId": "1505", "request": {"status": "Closed", "classification": "FalsePositive",
                     "classificationReason": "InaccurateData"}}"""));

            assertThat(sim.requests()).isEmpty();
            assertThat(rig.deadLetters()).isEmpty();
            assertThat(rig.audit()).singleElement().satisfies(a -> {
                assertThat(a.result()).isEqualTo(AuditRecord.WOULD_SEND);
                assertThat(a.incidentKey()).isEqualTo("Sentinel:1505");
                assertThat(a.request().path("url").asText()).isEqualTo(sim.baseUrl()
                        + "/api/v2/workspaces/1d3c6f0e-2b8a-4e4f-9a57-0c8f1e2d3b4a/incidents/Sentinel/1505/status");
                assertThat(a.request().path("body")).isEqualTo(KameletRig.json("""
                        {"status": "Closed", "classification": "FalsePositive",
                         "classificationReason": "InaccurateData"}"""));
            });
        }
    }

    private static Map<String, String> dry(VendorSimulator sim) {
        Map<String, String> props = new java.util.HashMap<>(SimulatorCredentials.demoVendorProperties(sim.baseUrl()));
        props.putAll(DRY);
        props.put("camel.server.port", "0");
        props.put("camel.server.host", "127.0.0.1");
        return props;
    }

    @Test
    void theDemoDryRunAccountsForEveryIncidentAndTheSimulatorReceivesNothing(@TempDir Path data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DemoRun.Result result = new DemoRun(null, null, data, 60).dryRun(true)
                .run(new PrintStream(out, true, StandardCharsets.UTF_8));
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(result.allAccountedFor()).as(printed).isTrue();
        assertThat(result.calls().values().stream().mapToInt(i -> i).sum()).as(printed).isZero();
        assertThat(printed).contains("DRY RUN: the simulator received 0 calls");
    }

    private static List<AuditRecord> wouldSend(PlaybookHarness h) {
        return h.audit().stream().filter(r -> AuditRecord.WOULD_SEND.equals(r.result())).toList();
    }

    private static String auditText(Path data) throws IOException {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.list(data.resolve("audit"))) {
            for (Path f : files.toList()) {
                all.append(Files.readString(f));
            }
        }
        return all.toString();
    }
}
