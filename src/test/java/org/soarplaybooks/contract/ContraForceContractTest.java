package org.soarplaybooks.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.soarplaybooks.testkit.PlaybookHarness.json;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.soarplaybooks.audit.AuditRecord;
import org.soarplaybooks.deadletter.DeadLetter;
import org.soarplaybooks.incident.IncidentSource;
import org.soarplaybooks.outcome.ActionItem;
import org.soarplaybooks.outcome.Batch;
import org.soarplaybooks.testkit.PlaybookHarness;
import org.soarplaybooks.vendor.contraforce.BulkUpdateIncidentsRequest;
import org.soarplaybooks.vendor.contraforce.Classification;
import org.soarplaybooks.vendor.contraforce.Status;
import org.soarplaybooks.vendor.contraforce.StatusUpdate;
import org.soarplaybooks.vendor.contraforce.UpdateIncidentRequest;
import org.soarplaybooks.vendor.contraforce.UpdateIncidentStatusRequest;

/**
 * The request schemas against what the vendors really receive.
 *
 * <ul>
 *   <li>Drift check: the shipped playbooks run over the real samples, and every JSON body the simulator received is
 *       validated against the same schema {@link ContractCheck} uses before sending, so a request builder that
 *       drifts from the documented contract fails here.</li>
 *   <li>Never sent: a request that breaks the contract does not reach the vendor, and becomes one dead letter per
 *       incident with problem code {@code CONTRACT_VIOLATION}.</li>
 * </ul>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ContraForceContractTest {

    static final String WS = "3f2a4b1c-7d5e-4c8a-9b6f-1e2d3c4b5a61";

    /** Which documented operation a received request is, by method and path. */
    record Route(String method, Pattern path, String schema) {
        boolean matches(LoggedRequest r) {
            return method.equals(r.getMethod().value()) && path.matcher(r.getUrl()).matches();
        }
    }

    static final List<Route> ROUTES = List.of(
            new Route("PUT", Pattern.compile("/api/v2/workspaces/[^/?]+/incidents/[^/?]+/[^/?]+/status"),
                    "contraforce-update-incident-status"),
            new Route("POST", Pattern.compile("/api/v2/incidents/across-workspaces/bulk-update"),
                    "contraforce-bulk-update-incidents"),
            new Route("POST", Pattern.compile("(/[^?]*)?/web/api/v2\\.1/threats/incident"),
                    "sentinelone-update-threat-incident"),
            new Route("PUT", Pattern.compile("(/[^?]*)?/incident/v1/incidents/[^/?]+"), "onetrust-update-incident"),
            new Route("PATCH", Pattern.compile("(/[^?]*)?/v1/incidents"), "adversarial-update-incidents"));

    final ContractCheck contracts = new ContractCheck();
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

    @ParameterizedTest(name = "{0}/{1}")
    @CsvSource(delimiter = '|', value = {
        "sentinel    | microsoft-sentinel/incident-1505-active-rapid7.json                             | 1",
        "sentinel    | microsoft-sentinel/incident-73e01a99-closed-falsepositive-azure-rest-api-specs.json | 1",
        "sentinel    | microsoft-sentinel/incidents-list-response-azure-rest-api-specs.json             | 1",
        "sentinelone | sentinelone/threats-list-v2_1-demisto.json                                       | 1",
        "sentinelone | sentinelone/threats-list-v2_0-flat-rapid7.json                                   | 1",
        "sentinelone | sentinelone/threats-list-empty.json                                              | 0"
    })
    void everyBodyTheVendorReceivedMeetsTheSameSchema(String inbox, String sample, int expectedCalls) {
        String playbook = inbox.equals("sentinel") ? "sentinel-incident-sync" : "sentinelone-threat-sync";
        harness.awaitDone(harness.dropSample(inbox, sample));

        List<LoggedRequest> requests = harness.requests();
        assertThat(requests).as("calls made for %s", sample).hasSize(expectedCalls);
        List<String> problems = new ArrayList<>();
        for (LoggedRequest r : requests) {
            String schema = ROUTES.stream().filter(route -> route.matches(r)).map(Route::schema).findFirst()
                    .orElse(null);
            assertThat(schema).as("every JSON call must be a documented operation: %s %s", r.getMethod(), r.getUrl())
                    .isNotNull();
            contracts.violations(schema, json(r.getBodyAsString()))
                    .forEach(v -> problems.add(r.getMethod() + " " + r.getUrl() + " " + v.describe()));
        }
        assertThat(problems).as("bodies received that break the documented contract").isEmpty();
        assertThat(harness.deadLetters()).filteredOn(d -> d.playbook().equals(playbook))
                .noneSatisfy(d -> assertThat(d.problem().code()).isEqualTo(ContractViolationException.CODE));
    }

    @Test
    void aStatusUpdateThatBreaksTheContractIsNeverSent() {
        StatusUpdate update = new StatusUpdate(WS, IncidentSource.SENTINEL, "contract-1",
                new UpdateIncidentStatusRequest(Status.Closed, "closing", Classification.FalsePositive, null, true,
                        null));
        ProducerTemplate producer = harness.engine().context().createProducerTemplate();

        Exchange done = producer.send("kamelet:contraforce-update-incident-status-action",
                e -> e.getMessage().setBody(update));

        // a Kamelet has no error handling of its own: called directly, its failure comes back to the caller
        assertThat(done.getException())
                .isInstanceOfSatisfying(ContractViolationException.class, c -> {
                    assertThat(c.field()).isEqualTo("/ticketId");
                    assertThat(c.rule()).isEqualTo("required");
                    assertThat(c.value()).isNull();
                    assertThat(c.getMessage()).isEqualTo("ContraForce update-incident-status request breaks the "
                            + "contract: /ticketId: is required but missing when updateTicket is true (required)");
                });
        assertThat(harness.requests()).as("nothing reached the vendor").isEmpty();
    }

    @Test
    void aBulkRequestThatBreaksTheContractBecomesOneDeadLetterPerIncidentAndIsNeverSent() throws Exception {
        harness.engine().context().addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:contract-refusal").routeId("contract-refusal").routeConfigurationId("error-handlers")
                        .to("kamelet:contraforce-bulk-update-incidents-action");
            }
        });
        var good = new UpdateIncidentRequest("8001", Status.Closed, null, WS, null, null, null, null,
                IncidentSource.SENTINELONE);
        var noId = new UpdateIncidentRequest(null, Status.Closed, null, WS, null, null, null, null,
                IncidentSource.SENTINELONE);
        Batch<BulkUpdateIncidentsRequest> batch = new Batch<>(new BulkUpdateIncidentsRequest(List.of(good, noId)),
                List.of(new ActionItem("8001", "SentinelOne:8001", json("{\"id\": \"8001\"}")),
                        new ActionItem("8002", "SentinelOne:8002", json("{\"id\": \"8002\"}"))));

        harness.engine().context().createProducerTemplate().sendBody("direct:contract-refusal", batch);

        await().atMost(Duration.ofSeconds(10)).until(() -> deadLettersOf("contract-refusal").size() == 2);
        assertThat(harness.requests()).as("nothing reached the vendor").isEmpty();
        assertThat(deadLettersOf("contract-refusal")).extracting(DeadLetter::incidentKey)
                .containsExactlyInAnyOrder("SentinelOne:8001", "SentinelOne:8002");
        assertThat(deadLettersOf("contract-refusal")).allSatisfy(d -> {
            assertThat(d.vendor()).isEqualTo("ContraForce");
            assertThat(d.operation()).isEqualTo("bulk-update-incidents");
            assertThat(d.problem().code()).isEqualTo("CONTRACT_VIOLATION");
            assertThat(d.problem().status()).isNull();
            assertThat(d.problem().title())
                    .isEqualTo("The request breaks the vendor's documented contract; it was not sent");
            assertThat(d.problem().errors()).isEqualTo(Map.of("/items/1/id", List.of("is required but missing (required)")));
            assertThat(d.reason()).contains("/items/1/id: is required but missing (required)");
            assertThat(d.request().path("body").path("items").size()).isEqualTo(2);
            assertThat(d.request().toString()).doesNotContain("demo-secret").doesNotContain("Authorization");
        });
        assertThat(harness.audit()).filteredOn(a -> "contract-refusal".equals(a.playbook())).hasSize(2)
                .allSatisfy(a -> {
                    assertThat(a.result()).isEqualTo(AuditRecord.DEAD_LETTERED);
                    assertThat(a.httpStatus()).isNull();
                });
    }

    private List<DeadLetter> deadLettersOf(String playbook) {
        return harness.deadLetters().stream().filter(d -> playbook.equals(d.playbook())).toList();
    }
}
