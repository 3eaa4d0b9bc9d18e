package org.soarplaybooks.playbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.soarplaybooks.playbook.ContraForceEvents.event;
import static org.soarplaybooks.playbook.ContraForceEvents.events;
import static org.soarplaybooks.testkit.PlaybookHarness.json;

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
 * A playbook an author writes in YAML only, loaded from a routes folder as users load theirs: it reads each incident
 * as JSON ({@code incidents:<playbook>?body=json}), decides with JSONPath and Simple, sets the SentinelOne values
 * as literals and from config/mapping.yaml (bean {@code mapping}), and calls SentinelOne for real (the simulator).
 */
class DecisionsInYamlTest {

    static final String PLAYBOOK = "yaml-decisions";

    static final String ROUTES = """
            - route:
                id: yaml-decisions-inbox
                group: yaml-decisions
                from:
                  id: yaml-decisions-files
                  uri: "file:{{playbooks.data}}/inbox/yaml-decisions"
                  parameters:
                    include: ".*\\\\.json"
                    readLock: changed
                    readLockMinAge: "{{playbooks.inbox.min-age}}"
                    readLockCheckInterval: 200
                    readLockMinLength: 0
                    delay: "{{playbooks.inbox.poll-delay}}"
                    move: "${exchangeProperty.inboxMoveTo}"
                  steps:
                    - bean:
                        id: yaml-decisions-queue
                        ref: intake
                        method: contraForce
            - route:
                id: yaml-decisions
                group: yaml-decisions
                routeConfigurationId: error-handlers
                from:
                  id: yaml-decisions-incidents
                  uri: incidents:yaml-decisions
                  parameters:
                    batchSize: 10
                    body: json
                  steps:
                    - split:
                        id: each-incident
                        stopOnException: true
                        aggregationStrategy: "#class:org.apache.camel.processor.aggregate.GroupedBodyAggregationStrategy"
                        expression:
                          simple:
                            expression: "${body}"
                        steps:
                          - choice:
                              id: decide
                              when:
                                - id: high-severity
                                  expression:
                                    jsonpath:
                                      expression: "$[?(@.severity == 'High' && @.classification == 'TruePositive')]"
                                  steps:
                                    - to:
                                        id: in-progress-suspicious
                                        uri: kamelet:sentinelone-threat-incident-values-action
                                        parameters:
                                          incidentStatus: in_progress
                                          analystVerdict: suspicious
                                - id: benign-literal
                                  expression:
                                    simple:
                                      expression: "${body[classification]} == 'BenignPositive'"
                                  steps:
                                    - to:
                                        id: bad-literal
                                        uri: kamelet:sentinelone-threat-incident-values-action
                                        parameters:
                                          analystVerdict: Benign
                              otherwise:
                                id: from-the-mapping-file
                                steps:
                                  - log:
                                      id: log-mapped
                                      message: "mapped ${body[incidentKey]} from ${body[raw][data][accountName]}"
                                  - to:
                                      id: mapped
                                      uri: kamelet:sentinelone-threat-incident-values-action
                    - split:
                        id: each-call
                        expression:
                          method:
                            ref: sentineloneRequests
                            method: "threatIncidentBatches(${body}, 100)"
                        steps:
                          - to:
                              id: update-threats
                              uri: kamelet:sentinelone-update-threat-incident-action
            """;

    @Test
    void literalsExpressionsAndMappingLookupsDecideEachIncidentAndABadLiteralFailsOnlyItsIncident(
            @TempDir Path data, @TempDir Path dir) throws IOException {
        Path routes = Files.createDirectories(dir.resolve("routes"));
        Files.copy(Path.of("routes/error-handlers.camel.yaml"), routes.resolve("error-handlers.camel.yaml"));
        Files.writeString(routes.resolve("yaml-decisions.camel.yaml"), ROUTES);
        try (PlaybookHarness h = PlaybookHarness.start(data, Path.of("config"), routes, Map.of());
             ContraForceEvents.LogCapture log = new ContraForceEvents.LogCapture("soar.playbook." + PLAYBOOK)) {
            h.awaitDone(h.drop(PLAYBOOK, "events.json", events(
                    event("sentinelone", "123456", "Closed", "TruePositive", "Malware"),
                    event("sentinelone", "11111111111111", "Closed", "BenignPositive", "SuspiciousButExpected"),
                    event("sentinelone", "valid_threat_id_1", "Closed", "FalsePositive", "InaccurateData"))));

            List<LoggedRequest> calls = h.requests();
            assertThat(calls).hasSize(2);
            assertThat(json(calls.get(0).getBodyAsString())).as("JSONPath matched: the literals").isEqualTo(json("""
                    {"data": {"incidentStatus": "in_progress", "analystVerdict": "suspicious"},
                     "filter": {"ids": ["123456"]}}"""));
            assertThat(json(calls.get(1).getBodyAsString())).as("nothing set: config/mapping.yaml decides")
                    .isEqualTo(json("""
                    {"data": {"incidentStatus": "resolved", "analystVerdict": "false_positive"},
                     "filter": {"ids": ["valid_threat_id_1"]}}"""));
            assertThat(h.audit()).extracting(AuditRecord::incidentKey, AuditRecord::result).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("SentinelOne:123456", AuditRecord.SENT),
                    org.assertj.core.groups.Tuple.tuple("SentinelOne:11111111111111", AuditRecord.DEAD_LETTERED),
                    org.assertj.core.groups.Tuple.tuple("SentinelOne:valid_threat_id_1", AuditRecord.SENT));
            // a log step without a logName shows in the default log format, named after its route
            assertThat(log.lines()).containsExactly(
                    "INFO mapped SentinelOne:valid_threat_id_1 from Example MSP SOC");
            assertThat(h.deadLetters()).singleElement().satisfies(d -> {
                assertThat(d.playbook()).isEqualTo(PLAYBOOK);
                assertThat(d.incidentKey()).isEqualTo("SentinelOne:11111111111111");
                assertThat(d.reason()).isEqualTo("INCIDENT_FAILED The playbook could not act on the incident: "
                        + "'Benign' is not a SentinelOne analystVerdict (allowed: true_positive, false_positive,"
                        + " suspicious, undefined)");
            });
        }
    }
}
