package org.soarplaybooks.playbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.soarplaybooks.testkit.PlaybookHarness.json;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.soarplaybooks.audit.AuditRecord;
import org.soarplaybooks.testkit.PlaybookHarness;

/** The shipped {@code sentinel-incident-sync} playbook, file in, ContraForce status update out. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public class SentinelIncidentSyncTest {

    static final String BASIC_DEMO = "Basic ZGVtby1jbGllbnQ6ZGVtby1zZWNyZXQ="; // base64("demo-client:demo-secret")
    static final Set<String> ALLOWED_HEADERS = Set.of("authorization", "content-type", "accept", "host",
            "content-length", "connection", "user-agent", "accept-encoding");

    PlaybookHarness harness;

    @BeforeAll
    void start(@TempDir Path data) {
        harness = PlaybookHarness.start(data);
    }

    @AfterAll
    void stop() {
        harness.close();
    }

    @BeforeEach
    void forgetRequests() {
        harness.simulator().resetRequests();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "incident-1505-active-rapid7.json | /api/v2/workspaces/3f2a4b1c-7d5e-4c8a-9b6f-1e2d3c4b5a61/incidents/Sentinel/1505/status | {\"status\":\"Active\"}",
        "incident-73e01a99-closed-falsepositive-azure-rest-api-specs.json | /api/v2/workspaces/6eca6a1f-2b3c-4d5e-8f90-a1b2c3d4e5f6/incidents/Sentinel/73e01a99-5cd7-4139-a149-9f2736ff2ab5/status | {\"status\":\"Closed\",\"comment\":\"Not a malicious activity\",\"classification\":\"FalsePositive\",\"classificationReason\":\"InaccurateData\"}",
        "incidents-list-response-azure-rest-api-specs.json | /api/v2/workspaces/6eca6a1f-2b3c-4d5e-8f90-a1b2c3d4e5f6/incidents/Sentinel/73e01a99-5cd7-4139-a149-9f2736ff2ab5/status | {\"status\":\"Closed\",\"comment\":\"Not a malicious activity\",\"classification\":\"FalsePositive\",\"classificationReason\":\"IncorrectAlertLogic\"}"
    })
    void eachRealSampleSetsTheContraForceStatus(String sample, String path, String body) {
        Path dropped = harness.dropSample("sentinel", "microsoft-sentinel/" + sample);

        harness.awaitDone(dropped);

        List<LoggedRequest> requests = harness.requests();
        assertThat(requests).hasSize(1);
        LoggedRequest r = requests.get(0);
        assertThat(r.getMethod().value()).isEqualTo("PUT");
        assertThat(r.getUrl()).isEqualTo(path);
        assertThat(r.getHeader("Authorization")).isEqualTo(BASIC_DEMO);
        assertThat(r.getHeader("Content-Type")).startsWith("application/json");
        assertThat(json(r.getBodyAsString())).isEqualTo(json(body));
        assertThat(r.getHeaders().keys().stream().map(String::toLowerCase).collect(Collectors.toSet()))
                .as("only the headers the vendor needs; nothing of the file trigger or Camel leaks")
                .isSubsetOf(ALLOWED_HEADERS);
        String incidentId = path.split("/")[7];
        assertThat(harness.audit()).anySatisfy(a -> {
            assertThat(a.playbook()).isEqualTo("sentinel-incident-sync");
            assertThat(a.incidentKey()).isEqualTo("Sentinel:" + incidentId);
            assertThat(a.trigger()).isEqualTo("file:" + sample + " #1");
            assertThat(a.result()).isEqualTo(AuditRecord.SENT);
            assertThat(a.httpStatus()).isEqualTo(204);
        });
    }

    @Test
    void invalidJsonEndsInFailedWithAReadableReason() throws Exception {
        Path dropped = harness.drop("sentinel", "broken.json", "{\"name\": \"1\", \"properties\": ");

        harness.awaitFailed(dropped);

        assertThat(report(dropped)).contains("Microsoft Sentinel").contains("is not valid JSON");
        assertThat(harness.requests()).isEmpty();
    }

    @Test
    void anUnknownSentinelStatusIsADeadLetterNamingTheFieldAndTheValue() {
        Path dropped = harness.drop("sentinel", "archived.json", incident("1999", "sentinel", "Archived"));

        harness.awaitDone(dropped);

        assertThat(harness.deadLetters()).filteredOn(d -> "Sentinel:1999".equals(d.incidentKey())).singleElement()
                .satisfies(d -> {
                    assertThat(d.playbook()).isEqualTo("sentinel-incident-sync");
                    assertThat(d.operation()).isEqualTo("read-input");
                    assertThat(d.inbox()).isEqualTo("inbox/sentinel");
                    assertThat(d.item().path("properties").path("status").asText()).isEqualTo("Archived");
                    assertThat(d.reason()).contains("/properties/status").contains("Archived").contains("Active");
                });
        assertThat(harness.requests()).isEmpty();
    }

    @Test
    void oneUnreadableIncidentOfAListDoesNotHoldBackTheOthers() {
        String list = "{\"value\": [" + incident("3001", "sentinel", "New") + ","
                + incident("3002", "sentinel", "Archived") + "," + incident("3003", "sentinel", "Active") + "]}";
        Path dropped = harness.drop("sentinel", "mixed.json", list);

        harness.awaitDone(dropped);

        assertThat(harness.requests()).extracting(LoggedRequest::getUrl).containsExactlyInAnyOrder(
                "/api/v2/workspaces/3f2a4b1c-7d5e-4c8a-9b6f-1e2d3c4b5a61/incidents/Sentinel/3001/status",
                "/api/v2/workspaces/3f2a4b1c-7d5e-4c8a-9b6f-1e2d3c4b5a61/incidents/Sentinel/3003/status");
        assertThat(harness.deadLetters()).filteredOn(d -> "Sentinel:3002".equals(d.incidentKey())).singleElement()
                .satisfies(d -> assertThat(d.trigger()).isEqualTo("file:mixed.json #2"));
    }

    @Test
    void aFileDroppedAgainIsTakenAgain() {
        String content = incident("3101", "sentinel", "Active");
        harness.awaitDone(harness.drop("sentinel", "once.json", content));
        Path again = harness.drop("sentinel", "once-again.json", content);

        harness.awaitDone(again);

        assertThat(harness.requests()).extracting(LoggedRequest::getUrl).as("a new drop of the same content is new work")
                .containsExactly("/api/v2/workspaces/3f2a4b1c-7d5e-4c8a-9b6f-1e2d3c4b5a61/incidents/Sentinel/3101/status",
                        "/api/v2/workspaces/3f2a4b1c-7d5e-4c8a-9b6f-1e2d3c4b5a61/incidents/Sentinel/3101/status");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"not-a-list.json | \"just text\"", "array.json | [1, 2]",
        "object.json | {\"hello\": \"world\"}", "empty.json | ''"})
    void aDocumentThatIsNeitherAnIncidentNorAListFails(String name, String content) throws Exception {
        Path dropped = harness.drop("sentinel", name, content);

        harness.awaitFailed(dropped);

        assertThat(report(dropped)).contains("Microsoft Sentinel");
        assertThat(harness.requests()).isEmpty();
    }

    @Test
    void anUnmappedWorkspaceIsADeadLetterNamingTheWorkspace() {
        Path dropped = harness.drop("sentinel", "elsewhere.json", incident("2000", "someOtherWorkspace", "New"));

        harness.awaitDone(dropped);

        assertThat(harness.deadLetters()).filteredOn(d -> "Sentinel:2000".equals(d.incidentKey())).singleElement()
                .satisfies(d -> {
                    assertThat(d.operation()).isEqualTo("run-playbook");
                    assertThat(d.reason()).contains("someOtherWorkspace").contains("workspaces.sentinel");
                    assertThat(d.incident().path("status").asText()).isEqualTo("New");
                    assertThat(d.incident().path("raw").path("name").asText()).isEqualTo("2000");
                });
        assertThat(harness.requests()).isEmpty();
    }

    @Test
    void aBadFileDoesNotStopTheGoodOnes() throws Exception {
        Path bad = harness.drop("sentinel", "bad-first.json", "not json at all");
        Path good = harness.drop("sentinel", "good.json", incident("2001", "sentinel", "New"));

        harness.awaitFailed(bad);
        harness.awaitDone(good);

        assertThat(harness.requests()).singleElement()
                .satisfies(r -> assertThat(r.getUrl()).endsWith("/incidents/Sentinel/2001/status"));
    }

    private static String report(Path dropped) throws Exception {
        Path report = dropped.resolveSibling(".failed").resolve(dropped.getFileName() + ".error.json");
        var node = json(Files.readString(report));
        assertThat(node.path("file").asText()).isEqualTo(dropped.getFileName().toString());
        assertThat(node.path("playbook").asText()).isEqualTo("sentinel-incident-sync");
        assertThat(node.path("failedAt").asText()).endsWith("Z");
        return node.path("reason").asText();
    }

    /** A Sentinel incident resource in the ARM shape of the real samples, with the given values. */
    public static String incident(String name, String workspace, String status) {
        return """
                {"id": "/subscriptions/d0cfe6b2-9ac0-4464-9919-dccaee2e48c0/resourceGroups/myRg/providers/\
                Microsoft.OperationalInsights/workspaces/%s/providers/Microsoft.SecurityInsights/incidents/%s",
                 "name": "%s", "type": "Microsoft.SecurityInsights/incidents",
                 "properties": {"title": "t", "severity": "Low", "status": "%s"}}
                """.formatted(workspace, name, name, status);
    }
}
