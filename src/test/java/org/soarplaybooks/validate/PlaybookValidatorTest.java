package org.soarplaybooks.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link PlaybookValidator} on real files: broken playbooks, a custom Kamelet and a broken mapping copy written to a
 * temporary folder, checked against the shipped configuration; each finding's exact line, column and message.
 */
class PlaybookValidatorTest {

    /** The environment the validator sees in these tests: only what a test puts here. */
    private static final Map<String, String> ENV = Map.of("SOAR_TEST_TOKEN", "t0ken");

    /** A Kamelet of the author's own, in the routes folder: 'token' is required and has no default. */
    private static final String CUSTOM_KAMELET = """
            apiVersion: camel.apache.org/v1
            kind: Kamelet
            metadata:
              name: ticket-action
            spec:
              definition:
                title: Ticket
                required:
                  - token
                  - queue
                properties:
                  token:
                    type: string
                  queue:
                    type: string
                    default: SOC
                  priority:
                    type: string
                    default: "{{ticket.priority}}"
              template:
                from:
                  uri: kamelet:source
                  steps:
                    - log: "{{token}} {{queue}} {{priority}}"
            """;

    @TempDir
    Path tmp;

    private Path config;
    private Path routes;
    private PlaybookValidator validator;

    @BeforeEach
    void folders() throws IOException {
        config = Files.createDirectories(tmp.resolve("config"));
        routes = Files.createDirectories(tmp.resolve("routes"));
        Files.copy(Path.of("config/application.properties"), config.resolve("application.properties"));
        Files.copy(Path.of("config/mapping.yaml"), config.resolve("mapping.yaml"));
        Files.writeString(routes.resolve("ticket-action.kamelet.yaml"), CUSTOM_KAMELET);
        validator = new PlaybookValidator(config, routes, ENV::get);
    }

    private Path playbook(String name, String yaml) throws IOException {
        return Files.writeString(routes.resolve(name), yaml);
    }

    /** A minimal valid playbook whose only step is {@code step} (indented as a list item under steps:). */
    private static String withStep(String step) {
        return """
                - route:
                    id: p
                    from:
                      uri: timer:p
                      steps:
                """ + step.indent(8);
    }

    private static List<String> lines(List<Finding> findings) {
        return findings.stream().map(Finding::toString).toList();
    }

    // ---- the shipped set ----

    @Test
    void everyShippedPlaybookAndTheShippedMappingPassWithoutFindings() throws IOException {
        PlaybookValidator shipped = new PlaybookValidator(Path.of("config"), Path.of("routes"));
        List<Path> files = shipped.defaultFiles();

        assertThat(files).hasSize(10).contains(Path.of("routes/contraforce-triage.camel.yaml"),
                Path.of("config/mapping.yaml"));
        assertThat(shipped.validateAll(files)).isEmpty();
    }

    @Test
    void everyShippedKameletPasses() throws IOException {
        PlaybookValidator shipped = new PlaybookValidator(Path.of("config"), Path.of("routes"));
        List<Path> kamelets;
        try (var files = Files.list(Path.of("src/main/resources/kamelets"))) {
            kamelets = files.sorted().toList();
        }

        assertThat(kamelets).hasSizeGreaterThanOrEqualTo(5);
        assertThat(shipped.validateAll(kamelets)).isEmpty();
    }

    // ---- YAML ----

    @Test
    void badIndentationIsInvalidYamlAtTheParsersLineAndColumn() throws IOException {
        Path f = playbook("indent.camel.yaml", """
                - route:
                    id: p
                    from:
                      uri: timer:p
                     steps:
                        - log: hi
                """);

        assertThat(lines(validator.validate(f))).containsExactly(f + ":5:6: error: invalid YAML: expected <block end>,"
                + " but found '<block mapping start>' (while parsing a block mapping at line 2, column 5);"
                + " check the indentation");
    }

    @Test
    void aKeyGivenTwiceIsAnErrorAtTheSecondOne() throws IOException {
        Path f = playbook("twice.camel.yaml", """
                - route:
                    id: p
                    from:
                      uri: timer:p
                      steps:
                        - log: hi
                    id: q
                """);

        assertThat(lines(validator.validate(f))).containsExactly(
                f + ":7:5: error: duplicate key 'id' (first at line 2); YAML keeps only one of them");
    }

    @Test
    void aMissingFileIsOneError() {
        Path f = routes.resolve("nowhere.camel.yaml");

        assertThat(lines(validator.validate(f))).containsExactly(f + ":1:1: error: file not found");
    }

    // ---- Camel YAML DSL schema ----

    @Test
    void anUnknownDslKeyIsReportedAtTheKeyWithTheNearestKnownOne() throws IOException {
        Path f = playbook("too.camel.yaml", withStep("""
                - too:
                    uri: log:x
                """));

        assertThat(lines(validator.validate(f))).containsExactly(
                f + ":6:11: error: route.from.steps[0]: unknown key 'too' (did you mean 'to'?)");
    }

    @Test
    void schemaErrorsNameTheFieldAndTheAllowedValues() throws IOException {
        Path f = playbook("schema.camel.yaml", withStep("""
                - log:
                    message: hi
                    loggingLevel: LOUD
                - to:
                    uri: log:y
                    bogus: 1
                - to: [a, b]
                - to: log:z
                  id: z
                """) + """
                - route:
                    from:
                      uri: timer:q
                """);

        assertThat(lines(validator.validate(f))).containsExactly(
                f + ":8:27: error: route.from.steps[0].log.loggingLevel: 'LOUD' is not allowed"
                        + " (allowed: TRACE, DEBUG, INFO, WARN, ERROR, OFF)",
                f + ":11:13: error: route.from.steps[1].to: unknown key 'bogus' (allowed: description, disabled, id,"
                        + " note, parameters, pattern, uri, variableReceive, variableSend)",
                f + ":12:15: error: route.from.steps[2].to: must be text or a mapping (key: value lines), but is a list",
                f + ":13:11: error: route.from.steps[3]: has 2 keys (to, id) but takes at most 1;"
                        + " indent the options under 'to'",
                f + ":16:5: error: route.from: missing required key 'steps'");
    }

    @Test
    void placeholdersAndQuotedValuesWhereTheSchemaWantsABooleanOrNumberAreFine() throws IOException {
        Path f = playbook("typed.camel.yaml", """
                - route:
                    id: p
                    autoStartup: "{{sentinelone.sync.enabled}}"
                    from:
                      uri: timer:p
                      steps:
                        - log:
                            message: hi
                            disabled: "false"
                """);

        assertThat(validator.validate(f)).isEmpty();
    }

    // ---- Kamelets ----

    @Test
    void anUnknownKameletIsAnErrorAtItsName() throws IOException {
        Path f = playbook("unknown-kamelet.camel.yaml", withStep("""
                - to:
                    uri: kamelet:contraforce-update-incident-state-action
                """));

        assertThat(lines(validator.validate(f))).containsExactly(f + ":7:26: error: kamelet"
                + " 'contraforce-update-incident-state-action' is not known (did you mean"
                + " 'contraforce-update-incident-status-action'?)");
    }

    @Test
    void aBeanNeitherTheEngineNorABeansEntryBindsIsAnErrorWithTheNearestName() throws IOException {
        playbook("declares.camel.yaml", """
                - beans:
                    - name: ticketCounter
                      type: "#class:java.util.concurrent.atomic.AtomicLong"
                """);
        Path f = playbook("refs.camel.yaml", withStep("""
                - bean:
                    id: known-engine-bean
                    ref: sentineloneRequests
                    method: "threatIncidentBatches(${body}, 10)"
                - bean:
                    id: declared-in-another-file
                    ref: ticketCounter
                    method: incrementAndGet
                - bean:
                    id: misspelt
                    ref: sentineloneRequest
                    method: "threatIncidentBatches(${body}, 10)"
                """));

        assertThat(lines(validator.validate(f))).containsExactly(f + ":16:18: error: bean 'sentineloneRequest' is"
                + " not known (did you mean 'sentineloneRequests'?): neither the engine nor a beans: entry of the"
                + " routes folder binds it");
    }

    @Test
    void aStepIdAnotherPlaybookUsesIsAnErrorInBothWithTheOthersPlace() throws IOException {
        Path a = playbook("a.camel.yaml", """
                - route:
                    id: a
                    from:
                      id: a-timer
                      uri: timer:a
                      steps:
                        - log:
                            id: log-skipped
                            message: a
                """);
        Path b = playbook("b.camel.yaml", """
                - route:
                    id: b
                    from:
                      id: b-timer
                      uri: timer:b
                      steps:
                        - log:
                            id: log-skipped
                            message: b
                """);

        // checked alone, a file is still checked against the other playbooks run loads with it
        assertThat(lines(validator.validate(a))).containsExactly(a + ":8:17: error: step id 'log-skipped' is also"
                + " used at " + b + ":8:17: step ids must be unique across all playbooks (rename one)");
        assertThat(lines(validator.validateAll(List.of(a, b)))).containsExactly(
                a + ":8:17: error: step id 'log-skipped' is also used at " + b + ":8:17: step ids must be unique"
                        + " across all playbooks (rename one)",
                b + ":8:17: error: step id 'log-skipped' is also used at " + a + ":8:17: step ids must be unique"
                        + " across all playbooks (rename one)");
    }

    @Test
    void aRouteIdUsedTwiceInOneFileIsAnErrorNamingTheOtherLine() throws IOException {
        Path f = playbook("twice.camel.yaml", withStep("- log: one") + """
                - route:
                    id: p
                    from:
                      uri: timer:q
                      steps:
                        - log: two
                """);

        assertThat(lines(validator.validate(f))).containsExactly(
                f + ":2:9: error: route id 'p' is also used at line 8: route ids must be unique across all"
                        + " playbooks (rename one)",
                f + ":8:9: error: route id 'p' is also used at line 2: route ids must be unique across all"
                        + " playbooks (rename one)");
    }

    @Test
    void aKameletNotEvenCloseListsTheKnownOnesIncludingTheRoutesFolders() throws IOException {
        Path f = playbook("unknown-kamelet.camel.yaml", withStep("- to: kamelet:jira-create-issue-action"));

        assertThat(lines(validator.validate(f))).containsExactly(f + ":6:23: error: kamelet 'jira-create-issue-action'"
                + " is not known (known: adversarial-incident-values-action, adversarial-update-incidents-action,"
                + " contraforce-bulk-update-incidents-action, contraforce-incident-status-values-action,"
                + " contraforce-update-incident-status-action, onetrust-incident-values-action,"
                + " onetrust-update-incident-action,"
                + " sentinelone-threat-incident-values-action, sentinelone-update-threat-incident-action, ticket-action,"
                + " and any .kamelet.yaml in the routes"
                + " folder)");
    }

    @Test
    void aRequiredKameletPropertyWithoutDefaultMustBeGiven() throws IOException {
        Path f = playbook("missing.camel.yaml", withStep("""
                - to:
                    id: open-ticket
                    uri: kamelet:ticket-action
                    parameters:
                      priority: high
                """));

        assertThat(lines(validator.validate(f))).containsExactly(f + ":8:18: error: kamelet 'ticket-action': required"
                + " property 'token' is missing (give it as ?token=... in the URI or under parameters:)");
    }

    @Test
    void aRequiredKameletPropertyMayComeFromTheUriOrTheConfiguration() throws IOException {
        Path f = playbook("given.camel.yaml", withStep("""
                - to: "kamelet:ticket-action?token={{env:SOAR_TEST_TOKEN}}&priority=low"
                """));
        Files.writeString(config.resolve("application.properties"), "camel.kamelet.ticket-action.token = x\n");
        Path g = playbook("configured.camel.yaml", withStep("- to: kamelet:ticket-action?priority=low")
                .replace("id: p", "id: q"));

        assertThat(validator.validateAll(List.of(f, g))).isEmpty();
    }

    @Test
    void anUnknownKameletPropertyIsAnErrorAtItsNameInTheUriOrUnderParameters() throws IOException {
        Path f = playbook("unknown-property.camel.yaml", withStep("""
                - to:
                    uri: kamelet:contraforce-update-incident-status-action?baseUrll=http://x&timeout=5000
                    parameters:
                      clientId: abc
                      clientSecrets: def
                """));

        assertThat(lines(validator.validate(f))).containsExactly(
                f + ":7:68: error: kamelet 'contraforce-update-incident-status-action': unknown property 'baseUrll'"
                        + " (did you mean 'baseUrl'?)",
                f + ":10:15: error: kamelet 'contraforce-update-incident-status-action': unknown property"
                        + " 'clientSecrets' (did you mean 'clientSecret'?)");
    }

    @Test
    void aKameletFileOfOnesOwnIsCheckedLikeAPlaybook() throws IOException {
        Path f = Files.writeString(routes.resolve("broken-action.kamelet.yaml"), """
                apiVersion: camel.apache.org/v1
                kind: Kamelet
                metadata:
                  name: broken-action
                spec:
                  definition:
                    title: Broken
                    required:
                      - token
                      - tokn
                    properties:
                      token:
                        type: string
                  template:
                    beans:
                      - name: auth
                        type: "#class:org.soarplaybooks.http.ApiTokenAuth"
                        properties:
                          token: "{{token}}"
                    from:
                      uri: kamelet:source
                      steps:
                        - process:
                            ref: "{{auth}}"
                        - too:
                            uri: "{{baseUrl}}"
                """);

        assertThat(lines(validator.validate(f))).containsExactly(
                f + ":10:9: error: spec.definition.required: 'tokn' is not one of the properties (token)",
                f + ":25:11: error: spec.template.from.steps[1]: unknown key 'too' (did you mean 'to'?)",
                f + ":26:19: warning: spec.template.from.steps[1].too.uri: placeholder {{baseUrl}}: not a property of"
                        + " this Kamelet (token, auth); no property 'baseUrl' in "
                        + config.resolve("application.properties") + " and no environment variable BASEURL");
    }

    // ---- placeholders ----

    @Test
    void aPlaceholderWithNothingBehindItIsAWarningAtThePlaceholder() throws IOException {
        Path f = playbook("placeholders.camel.yaml", withStep("""
                - to:
                    uri: "file:{{playbooks.data}}/out"
                    parameters:
                      fileName: "{{contraforce.bulk.max-items}}-{{ticket.folder}}.json"
                      tempPrefix: "{{env:SOAR_TEST_TOKEN}}{{env:NO_SUCH_SOAR_VARIABLE}}"
                      doneFileName: "{{?optional.name}}{{missing.with:default}}{{env:NO_SUCH_SOAR_VARIABLE:x}}"
                """));

        assertThat(lines(validator.validate(f))).containsExactly(
                f + ":9:57: warning: route.from.steps[0].to.parameters.fileName: placeholder {{ticket.folder}}:"
                        + " no property 'ticket.folder' in " + config.resolve("application.properties")
                        + " and no environment variable TICKET_FOLDER",
                f + ":10:51: warning: route.from.steps[0].to.parameters.tempPrefix: placeholder"
                        + " {{env:NO_SUCH_SOAR_VARIABLE}}: environment variable NO_SUCH_SOAR_VARIABLE is not set and"
                        + " there is no default (write {{env:NO_SUCH_SOAR_VARIABLE:default}})");
    }

    @Test
    void aPlaceholderAnEnvironmentVariableStandsBehindIsDefinedAsCamelLooksItUp() throws IOException {
        Path f = playbook("env.camel.yaml", withStep("""
                - log:
                    message: "{{SOAR_TEST_TOKEN}} {{soar.test-token}} {{soar.testToken}} {{soar.test.tokens}}"
                """));

        assertThat(lines(validator.validate(f))).containsExactly(f + ":7:82: warning: route.from.steps[0].log.message:"
                + " placeholder {{soar.test.tokens}}: no property 'soar.test.tokens' in "
                + config.resolve("application.properties") + " and no environment variable SOAR_TEST_TOKENS");
    }

    @Test
    void placeholdersOfARouteTemplateAreItsParametersNotProperties() throws IOException {
        Path f = playbook("template.camel.yaml", """
                - routeTemplate:
                    id: tick
                    parameters:
                      - name: period
                    from:
                      uri: "timer:tick?period={{period}}"
                      steps:
                        - log: "{{greeting.text}}"
                - route:
                    id: p
                    from:
                      uri: "timer:p?period={{tick.period}}"
                      steps:
                        - log: tick
                """);

        assertThat(lines(validator.validate(f))).containsExactly(f + ":12:28: warning: route.from.uri: placeholder"
                + " {{tick.period}}: no property 'tick.period' in " + config.resolve("application.properties")
                + " and no environment variable TICK_PERIOD");
    }

    @Test
    void aKameletPropertyLeftToAnUndefinedDefaultIsAWarning() throws IOException {
        Path f = playbook("default.camel.yaml", withStep("- to: kamelet:ticket-action?token=abc"));

        assertThat(lines(validator.validate(f))).containsExactly(f + ":6:23: warning: kamelet 'ticket-action':"
                + " property 'priority' defaults to {{ticket.priority}}: no property 'ticket.priority' in "
                + config.resolve("application.properties") + " and no environment variable TICKET_PRIORITY");
    }

    // ---- the mapping file ----

    @Test
    void anUnknownMappingValueIsAnErrorAtTheValue() throws IOException {
        Path mapping = config.resolve("mapping.yaml");
        Files.writeString(mapping, Files.readString(mapping).replace("    Active: Active\n    Closed: Closed",
                "    Active: Actve\n    Closed: Closed"));

        assertThat(lines(validator.validate(mapping))).containsExactly(mapping + ":33:13: error: sentinel.status"
                + ".Active: 'Actve' is not a ContraForce Status (allowed: Active, New, Closed)");
    }

    @Test
    void anUnknownSourceValueIsAnErrorAtTheKeyAndDottedKeysAreFound() throws IOException {
        Path mapping = config.resolve("mapping.yaml");
        Files.writeString(mapping, """
                sentinel:
                  status:
                    Actve: Active
                privacy-register:
                  links:
                    "Sentinel:15.05":
                      onetrustIncident: not-a-uuid
                      adversarialIncident: INC-00005
                """);

        assertThat(lines(validator.validate(mapping))).containsExactly(
                mapping + ":3:5: error: sentinel.status.Actve: 'Actve' is not a Microsoft Sentinel status"
                        + " (allowed: New, Active, Closed)",
                mapping + ":7:25: error: privacy-register.links.Sentinel:15.05.onetrustIncident: 'not-a-uuid' is not"
                        + " a OneTrust incident id (a UUID such as f7114aef-b6b6-42d6-9249-56a467950aa7)");
    }

    // ---- the API ----

    @Test
    void findingsPrintAsFileLineColumnSeverityMessage() {
        Finding f = new Finding(Path.of("routes/x.camel.yaml"), 12, 7, Severity.WARNING, "something");

        assertThat(f).hasToString("routes/x.camel.yaml:12:7: warning: something");
        assertThat(f.isError()).isFalse();
        assertThat(new Finding(Path.of("config/mapping.yaml"), 0, 0, Severity.ERROR, "file not found"))
                .hasToString("config/mapping.yaml:1:1: error: file not found")
                .matches(Finding::isError);
    }

    @Test
    void oneValidatorServesSeveralThreadsAtOnce() throws Exception {
        Path bad = playbook("too.camel.yaml", withStep("- too: log:x"));
        PlaybookValidator shipped = new PlaybookValidator(Path.of("config"), Path.of("routes"));
        List<Path> files = new java.util.ArrayList<>(shipped.defaultFiles());
        files.add(bad);
        List<Finding> alone = shipped.validateAll(files);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<List<Finding>>> runs = java.util.Collections.nCopies(8, () -> shipped.validateAll(files));
            for (Future<List<Finding>> run : pool.invokeAll(runs)) {
                assertThat(run.get()).isEqualTo(alone);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(lines(alone)).containsExactly(
                bad + ":6:11: error: route.from.steps[0]: unknown key 'too' (did you mean 'to'?)");
    }
}
