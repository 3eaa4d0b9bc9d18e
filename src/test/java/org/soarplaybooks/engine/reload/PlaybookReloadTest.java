package org.soarplaybooks.engine.reload;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.soarplaybooks.testkit.PlaybookHarness.json;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.apache.camel.model.Model;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.soarplaybooks.audit.AuditRecord;
import org.soarplaybooks.testkit.LogLines;
import org.soarplaybooks.testkit.PlaybookHarness;

/**
 * Hot reload with a real engine: a temporary copy of the shipped {@code routes/} loaded as {@code run} loads it
 * (hot reload on), the shipped {@code config/}, the vendor simulator over real HTTP. Playbook files are edited while
 * the engine runs, as an author would, and the tests assert what the vendor receives and what the log says.
 */
class PlaybookReloadTest {

    static final String TRIAGE = "contraforce-triage.camel.yaml";
    static final String OLD_COMMENT = "Triaged by playbook contraforce-triage";
    static final String NEW_COMMENT = "Triaged after a hot reload";
    static final String WORKSPACE = "3f2a4b1c-7d5e-4c8a-9b6f-1e2d3c4b5a61";
    /** Threat ids the simulated SentinelOne knows (it confirms updates of these only). */
    static final String THREAT_A = "123456";
    static final String THREAT_B = "11111111111111";
    static final String STATUS_PUT = "/api/v2/workspaces/" + WORKSPACE + "/incidents/SentinelOne/.*/status";

    @TempDir
    Path tmp;
    Path routes;
    LogLines log;

    @BeforeEach
    void copyTheShippedRoutes() throws IOException {
        routes = Files.createDirectories(tmp.resolve("routes"));
        try (Stream<Path> shipped = Files.list(Path.of("routes"))) {
            for (Path p : shipped.toList()) {
                Files.copy(p, routes.resolve(p.getFileName()));
            }
        }
        log = LogLines.withLevels("soar.reload");
    }

    @AfterEach
    void stopCapturing() {
        log.close();
    }

    PlaybookHarness start(Map<String, String> overrides) {
        return PlaybookHarness.start(tmp.resolve("data"), Path.of("config"), routes, true, overrides);
    }

    /** A ContraForce {@code incident.created.v1} event of a SentinelOne incident, in {@link #WORKSPACE}. */
    static String created(String incidentId) {
        return """
                {"type": "incident.created.v1", "timestamp": "2026-04-22T15:00:00Z", "isTest": false,
                 "occurredAt": "2026-04-22T14:55:00Z",
                 "data": {"accountId": "5b0d7c3e-1f2a-4b6c-9d8e-7f6a5b4c3d2e", "accountName": "Example MSP SOC",
                  "incidentId": "%s", "incidentNumber": 1234, "title": "Suspicious process", "severity": "High",
                  "source": "sentinelone", "sourceDisplayName": "SentinelOne", "workspaceId": "%s",
                  "createdAt": "2026-04-22T14:55:00Z", "lastActivityAt": "2026-04-22T14:55:00Z"}}
                """.formatted(incidentId, WORKSPACE);
    }

    /** Writes the file in place, as most editors save. */
    static void save(Path file, String text) throws IOException {
        Files.writeString(file, text);
    }

    String edited(String file, String from, String to) throws IOException {
        String text = Files.readString(Path.of("routes", file)); // the shipped version
        assertThat(text).contains(from);
        return text.replace(from, to);
    }

    void awaitLog(Duration within, String text) {
        await().atMost(within).pollInterval(Duration.ofMillis(20)).untilAsserted(() ->
                assertThat(log.lines()).anySatisfy(l -> assertThat(l).contains(text)));
    }

    static List<String> comments(List<LoggedRequest> requests, String incidentId) {
        return requests.stream().filter(r -> r.getMethod().getName().equals("PUT"))
                .filter(r -> r.getUrl().endsWith("/SentinelOne/" + incidentId + "/status"))
                .map(r -> json(r.getBodyAsString()).path("comment").asText()).toList();
    }

    static Set<String> routeIds(CamelContext context) {
        return context.getRoutes().stream().map(Route::getRouteId).collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void aSavedPlaybookHandlesTheNextFileWithinTwoSecondsAndNoOtherPlaybookIsTouched() throws IOException {
        try (PlaybookHarness h = start(Map.of())) {
            h.awaitDone(h.drop("contraforce-triage", "evt_1.json", created(THREAT_A)));
            Route otherPlaybook = h.engine().context().getRoute("sentinel-incident-sync");

            save(routes.resolve(TRIAGE), edited(TRIAGE, OLD_COMMENT, NEW_COMMENT));
            awaitLog(Duration.ofSeconds(2), "INFO reloaded playbook contraforce-triage from " + routes.resolve(TRIAGE)
                    + " (2 routes) in ");
            h.awaitDone(h.drop("contraforce-triage", "evt_2.json", created(THREAT_B)));

            assertThat(comments(h.requests(), THREAT_A)).containsExactly(OLD_COMMENT);
            assertThat(comments(h.requests(), THREAT_B)).containsExactly(NEW_COMMENT);
            // the reloaded routes still name their playbook in the audit (PlaybookIdPolicy)
            assertThat(h.audit()).filteredOn(a -> a.incidentKey().equals("SentinelOne:" + THREAT_B))
                    .extracting(AuditRecord::playbook, AuditRecord::result).containsOnly(
                            org.assertj.core.groups.Tuple.tuple("contraforce-triage", AuditRecord.SENT));
            assertThat(h.engine().context().getRoute("sentinel-incident-sync")).isSameAs(otherPlaybook);
        }
    }

    @Test
    void anExchangeInFlightDuringTheReloadFinishesOnceAndAFileWaitingInTheInboxIsNotLost() throws IOException {
        WireMockServer contraforce = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1")
                .dynamicPort());
        contraforce.start();
        // ContraForce holds every answer 1.5 s: the reload happens while the first incident waits for it
        contraforce.stubFor(put(urlPathMatching(STATUS_PUT)).willReturn(aResponse().withStatus(204)
                .withFixedDelay(1500)));
        try (PlaybookHarness h = start(Map.of("contraforce.base-url", contraforce.baseUrl()))) {
            Path first = h.drop("contraforce-triage", "evt_1.json", created(THREAT_A));
            await().atMost(Duration.ofSeconds(10)).until(() -> !contraforce.getAllServeEvents().isEmpty());
            Path waiting = h.drop("contraforce-triage", "evt_2.json", created(THREAT_B));

            save(routes.resolve(TRIAGE), edited(TRIAGE, OLD_COMMENT, NEW_COMMENT));
            awaitLog(Duration.ofSeconds(10), "INFO reloaded playbook contraforce-triage");
            h.awaitDone(first);
            h.awaitDone(waiting);

            List<LoggedRequest> calls = contraforce.getAllServeEvents().stream().map(e -> e.getRequest()).toList();
            assertThat(comments(calls, THREAT_A)).as("the in-flight incident, by the old version, once")
                    .containsExactly(OLD_COMMENT);
            assertThat(comments(calls, THREAT_B)).as("the waiting file, by the new version, once")
                    .containsExactly(NEW_COMMENT);
            assertThat(h.requests()).filteredOn(r -> r.getUrl().equals("/web/api/v2.1/threats/incident"))
                    .as("one SentinelOne call per incident").hasSize(2);
            assertThat(h.data().resolve("inbox/contraforce-triage/.failed")).doesNotExist();
        } finally {
            contraforce.stop();
        }
    }

    @Test
    void anInvalidSaveIsRefusedWithItsMessageAndTheRunningVersionKeepsWorking() throws IOException {
        try (PlaybookHarness h = start(Map.of())) {
            Path file = routes.resolve(TRIAGE);
            save(file, edited(TRIAGE, OLD_COMMENT, NEW_COMMENT) + "\n- route: [unclosed\n");

            awaitLog(Duration.ofSeconds(2), "ERROR refused " + file);
            assertThat(log.lines()).anySatisfy(l -> assertThat(l)
                    .matches("WARN " + java.util.regex.Pattern.quote(file.toString())
                            + ":\\d+:\\d+: error: invalid YAML: .+"));
            h.awaitDone(h.drop("contraforce-triage", "evt_1.json", created(THREAT_A)));
            assertThat(comments(h.requests(), THREAT_A)).containsExactly(OLD_COMMENT);

            // fixed: the next save is applied
            save(file, edited(TRIAGE, OLD_COMMENT, NEW_COMMENT));
            awaitLog(Duration.ofSeconds(2), "INFO reloaded playbook contraforce-triage");
            h.awaitDone(h.drop("contraforce-triage", "evt_2.json", created(THREAT_B)));
            assertThat(comments(h.requests(), THREAT_B)).containsExactly(NEW_COMMENT);
        }
    }

    @Test
    void aSaveThatValidateRejectsIsRefusedWithTheValidateMessage() throws IOException {
        try (PlaybookHarness h = start(Map.of())) {
            Path file = routes.resolve(TRIAGE);
            // valid YAML that Camel would only reject when a threat arrives: a Kamelet that does not exist
            save(file, edited(TRIAGE, "uri: kamelet:contraforce-update-incident-status-action",
                    "uri: kamelet:contraforce-update-incident-stauts-action"));

            awaitLog(Duration.ofSeconds(2), "ERROR refused " + file);
            int line = lineOf(file, "contraforce-update-incident-stauts-action");
            assertThat(log.lines()).anySatisfy(l -> assertThat(l)
                    .matches("WARN " + java.util.regex.Pattern.quote(file.toString())
                            + ":" + line + ":\\d+: error: .*contraforce-update-incident-stauts-action.*"));
            h.awaitDone(h.drop("contraforce-triage", "evt_1.json", created(THREAT_A)));
            assertThat(comments(h.requests(), THREAT_A)).containsExactly(OLD_COMMENT);
        }
    }

    @Test
    void aSaveCamelCannotStartIsRolledBackToThePreviousVersion() throws IOException {
        try (PlaybookHarness h = start(Map.of())) {
            Path file = routes.resolve(TRIAGE);
            // valid YAML and a known bean, but it has no such method: Camel fails when it starts the route
            save(file, edited(TRIAGE, "method: \"statusUpdates(${body})\"", "method: \"noSuchTriageMethod(${body})\""));

            awaitLog(Duration.ofSeconds(5), "the previous version of the playbook runs again");
            assertThat(log.lines()).anySatisfy(l -> assertThat(l).startsWith("WARN " + file + ":1:1: error: ")
                    .contains("noSuchTriageMethod"));
            h.awaitDone(h.drop("contraforce-triage", "evt_1.json", created(THREAT_A)));
            assertThat(comments(h.requests(), THREAT_A)).containsExactly(OLD_COMMENT);
        }
    }

    @Test
    void deletingAFileRemovesItsRoutesAndTheKameletRoutesNoPlaybookCallsAnyMore() throws IOException {
        try (PlaybookHarness h = start(Map.of())) {
            CamelContext context = h.engine().context();
            Files.delete(routes.resolve(TRIAGE));
            awaitLog(Duration.ofSeconds(2), "INFO removed playbook contraforce-triage: " + routes.resolve(TRIAGE)
                    + " was deleted, 2 routes stopped and removed");
            assertThat(context.getRoute("contraforce-triage")).isNull();
            // still called by contraforce-closure-to-sentinelone
            assertThat(routeIds(context)).anyMatch(id -> id.startsWith("sentinelone-update-threat-incident-action-"));

            Files.delete(routes.resolve("contraforce-closure-to-sentinelone.camel.yaml"));
            awaitLog(Duration.ofSeconds(2), "INFO removed playbook contraforce-closure-to-sentinelone");
            assertThat(routeIds(context)).noneMatch(id -> id.startsWith("sentinelone-update-threat-incident-action-"));
            assertThat(context.getEndpointRegistry().values()).noneMatch(e ->
                    e.getEndpointUri().contains("sentinelone-update-threat-incident-action"));

            // put back: loaded as new, and its Kamelet action works again
            Path staged = routes.resolve(".triage.tmp");
            Files.copy(Path.of("routes", TRIAGE), staged);
            Files.move(staged, routes.resolve(TRIAGE), StandardCopyOption.ATOMIC_MOVE);
            awaitLog(Duration.ofSeconds(2), "INFO loaded playbook contraforce-triage from " + routes.resolve(TRIAGE)
                    + " (2 routes)");
            h.awaitDone(h.drop("contraforce-triage", "evt_1.json", created(THREAT_A)));
            assertThat(h.requests()).extracting(LoggedRequest::getUrl).containsExactly(
                    "/web/api/v2.1/threats/incident",
                    "/api/v2/workspaces/" + WORKSPACE + "/incidents/SentinelOne/" + THREAT_A + "/status");
        }
    }

    @Test
    void aFileOfSeveralRoutesReloadsAsOneAndRepeatedReloadsLeaveNoOrphanRoutes() throws IOException {
        try (PlaybookHarness h = start(Map.of())) {
            CamelContext context = h.engine().context();
            Model model = context.getCamelContextExtension().getContextPlugin(Model.class);
            Set<String> before = routeIds(context);
            int definitions = model.getRouteDefinitions().size();
            int configurations = model.getRouteConfigurationDefinitions().size();

            String file = "incident-status-sync.camel.yaml";
            for (int version = 1; version <= 3; version++) {
                save(routes.resolve(file), edited(file, "incident file -> one message per incident",
                        "incident file (v" + version + ") -> one message per incident"));
                long reloads = version;
                await().atMost(Duration.ofSeconds(2)).until(() ->
                        log.count("INFO reloaded playbook incident-status-sync from " + routes.resolve(file)
                                + " (5 routes)") == reloads);
            }
            String threatSync = "sentinelone-threat-sync.camel.yaml";   // routes + route configuration + beans
            save(routes.resolve(threatSync), edited(threatSync, "SentinelOne threat files -> one message per threat",
                    "SentinelOne threat files (reloaded) -> one message per threat"));
            awaitLog(Duration.ofSeconds(2), "INFO reloaded playbook sentinelone-threat-sync from "
                    + routes.resolve(threatSync) + " (3 routes)");

            assertThat(routeIds(context)).isEqualTo(before);
            assertThat(model.getRouteDefinitions()).hasSize(definitions);
            assertThat(model.getRouteConfigurationDefinitions()).hasSize(configurations);
            assertThat(context.getRoutes()).filteredOn(r -> "incident-status-sync".equals(r.getGroup())
                    && !r.getRouteId().equals("incident-status-sync")).hasSize(4)
                    .allSatisfy(r -> assertThat(r.getDescription()).contains("(v3)"));
            assertThat(context.getRouteController().getRouteStatus("sentinelone-threat-sync-scheduled"))
                    .as("autoStartup false stays off").isEqualTo(ServiceStatus.Stopped);

            h.awaitDone(h.dropSample("qradar", "qradar/offense-16-open-demisto.json"));
            assertThat(h.audit()).extracting(AuditRecord::playbook).containsExactly("incident-status-sync");
        }
    }

    @Test
    void aChangeToErrorHandlingOtherFilesUseIsRefusedSayingARestartIsNeeded() throws IOException {
        try (PlaybookHarness h = start(Map.of())) {
            Route before = h.engine().context().getRoute("contraforce-triage");
            Path file = routes.resolve("error-handlers.camel.yaml");
            save(file, edited("error-handlers.camel.yaml", "maxAttempts: \"{{playbooks.retry.max-attempts}}\"",
                    "maxAttempts: \"2\""));

            awaitLog(Duration.ofSeconds(2), "ERROR refused " + file);
            assertThat(log.lines()).anySatisfy(l -> assertThat(l).matches("WARN "
                    + java.util.regex.Pattern.quote(file.toString()) + ":\\d+:\\d+: error: route configuration "
                    + "error-handlers is used by playbooks of other files \\(.*contraforce-triage.*\\); .*needs a "
                    + "restart"));
            assertThat(h.engine().context().getRoute("contraforce-triage")).isSameAs(before);
        }
    }

    @Test
    void theTestHarnessDoesNotReload(@TempDir Path data) {
        try (PlaybookHarness h = PlaybookHarness.start(data)) {
            assertThat(h.engine().options().reload()).isFalse();
            assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName)
                    .doesNotContain("soar-playbook-reload");
        }
    }

    /** The 1-based number of the first line of {@code file} that contains {@code text}. */
    static int lineOf(Path file, String text) throws IOException {
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError(text + " is not in " + file);
    }
}
