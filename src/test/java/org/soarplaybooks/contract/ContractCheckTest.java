package org.soarplaybooks.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.soarplaybooks.problem.ProblemDetails;

/** Every request schema in {@code schemas/}: documented bodies pass, each rule fails naming field, rule, value. */
class ContractCheckTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final ContractCheck CHECK = new ContractCheck();
    static final Path SCHEMAS = Path.of("src/main/resources/schemas");
    static final List<String> OPERATIONS = List.of("contraforce-update-incident-status",
            "contraforce-bulk-update-incidents", "sentinelone-update-threat-incident", "onetrust-update-incident",
            "adversarial-update-incidents");

    static final String ORG = "123e4567-e89b-12d3-a456-426614174000";
    static final String USER = "550e8400-e29b-41d4-a716-446655440000";

    // ---- valid bodies --------------------------------------------------------------------------------------

    static Stream<Arguments> validBodies() {
        return Stream.of(
                Arguments.of("contraforce-update-incident-status", "{\"status\": \"Active\"}"),
                Arguments.of("contraforce-update-incident-status", """
                        {"status": "Closed", "comment": "Not a malicious activity", "classification": "FalsePositive",
                         "classificationReason": "InaccurateData"}"""),
                Arguments.of("contraforce-update-incident-status", """
                        {"status": "New", "comment": null, "classification": null, "classificationReason": null,
                         "updateTicket": false, "ticketId": null}"""),
                Arguments.of("contraforce-update-incident-status",
                        "{\"status\": \"Closed\", \"updateTicket\": true, \"ticketId\": \"TCK-1\"}"),
                Arguments.of("contraforce-bulk-update-incidents", """
                        {"items": [{"id": "123456", "status": "Active", "workspace": "6eca6a1f-2b3c-4d5e-8f90-a1b2c3d4e5f6",
                                    "classification": "TruePositive", "incidentSource": "SentinelOne"}]}"""),
                Arguments.of("contraforce-bulk-update-incidents", """
                        {"items": [{"id": "1", "status": null, "user": {"id": null, "displayName": "Ann", "email": "a@b.io"},
                                    "workspace": null, "removeAssignee": true, "comment": null, "classification": null,
                                    "classificationReason": "Phishing", "incidentSource": "Sentinel"},
                                   {"id": "2"}]}"""),
                Arguments.of("sentinelone-update-threat-incident", """
                        {"data": {"incidentStatus": "resolved", "analystVerdict": "false_positive"},
                         "filter": {"ids": ["1626072197849348704"]}}"""),
                Arguments.of("sentinelone-update-threat-incident", """
                        {"data": {"incidentStatus": "in_progress"},
                         "filter": {"siteIds": ["123456"], "accountIds": ["9"], "groupIds": ["7"],
                                    "createdAt__gte": "2024-01-01T00:00:00Z", "updatedAt__lt": "2024-02-01T12:30:00.123Z",
                                    "incidentStatuses": ["unresolved", "in_progress"], "analystVerdicts": ["suspicious"],
                                    "tenant": true, "limit": 50, "query": "evil.exe", "osTypes": ["windows"],
                                    "someNewerFilter": ["a", 1, true]}}"""),
                Arguments.of("onetrust-update-incident", """
                        {"name": "Joe sent an email to the wrong client", "incidentTypeName": "Unknown", "orgGroupId": "%s"}
                        """.formatted(ORG)),
                Arguments.of("onetrust-update-incident", """
                        {"name": "n", "description": "d", "incidentTypeName": "Misdirected Email", "orgGroupId": "%s",
                         "dateOccurred": "2019-05-31T12:43:24.173Z", "dateDiscovered": "2019-05-31T15:00:00.000Z",
                         "deadline": "2019-07-31T12:43:24.173Z", "sourceType": "INTEGRATION", "rootCause": "r",
                         "notificationNeeded": "YES",
                         "attributeValues": {"customText": [{"value": "Attribute Value"}],
                                             "customSelect": [{"id": "a34ccec7-1ec0-4d65-9075-bdd0d923f1d1"}]},
                         "incidentAssigneeRequests": [{"assigneeId": "%s", "assigneeEmail": "user@example.com", "type": "USER"},
                                                      {"assigneeId": "%s", "type": "GROUP"}],
                         "jurisdictions": [{"countryCode": "USA", "stateProvinceCode": "CA"},
                                           {"countryCode": "CAN", "stateProvinceCode": "ON",
                                            "jurisdictionId": "123e4567-e89b-12d3-a456-426614174000"},
                                           {"countryCode": "DEU"}]}
                        """.formatted(ORG, USER, USER)),
                Arguments.of("adversarial-update-incidents", "{\"ids\": [\"INC-00001\"], \"status\": \"Closed\"}"),
                Arguments.of("adversarial-update-incidents", """
                        {"ids": ["INC-00001", "INC-00002"], "assigned_to": "%s", "contained_date": null,
                         "detected_date": "2025-03-01T10:00:00Z", "occurred_date": null, "responded_date": null,
                         "title": "Data disclosure", "description": null, "severity": "SEV2", "severity_reasoning": null,
                         "source": "SentinelOne", "status": "In Progress", "tags": ["breach"], "tag_operation": null,
                         "threat_objectives": [{"threat_objective": "Data Disclosure", "relevance": null,
                                                "created_date": "2025-03-01T10:00:00Z"}]}
                        """.formatted(USER)));
    }

    @ParameterizedTest(name = "{0} #{index}")
    @MethodSource("validBodies")
    void aDocumentedBodyPasses(String schema, String body) {
        assertThat(CHECK.violations(schema, json(body))).isEmpty();
        String[] vendorAndOperation = schema.split("-", 2);
        assertThatNoException().isThrownBy(() -> CHECK.check(vendorAndOperation[0], vendorAndOperation[1], json(body)));
    }

    // ---- each rule ---------------------------------------------------------------------------------------

    static Stream<Arguments> brokenBodies() {
        String ids1001 = IntStream.range(0, 1001).mapToObj(i -> "\"" + i + "\"").collect(Collectors.joining(","));
        return Stream.of(
                // ContraForce status
                Arguments.of("contraforce-update-incident-status", "{\"status\": \"Open\"}",
                        "/status", "enum", "\"Open\""),
                Arguments.of("contraforce-update-incident-status", "{\"status\": null}", "/status", "enum", "null"),
                Arguments.of("contraforce-update-incident-status", "{\"comment\": \"c\"}", "/status", "required", null),
                Arguments.of("contraforce-update-incident-status",
                        "{\"status\": \"Closed\", \"clasification\": \"FalsePositive\"}",
                        "/clasification", "additionalProperties", "\"FalsePositive\""),
                Arguments.of("contraforce-update-incident-status",
                        "{\"status\": \"Closed\", \"classification\": \"Benign\"}", "/classification", "enum",
                        "\"Benign\""),
                Arguments.of("contraforce-update-incident-status", "{\"status\": \"Closed\", \"updateTicket\": true}",
                        "/ticketId", "required", null),
                Arguments.of("contraforce-update-incident-status", "{\"status\": \"Closed\", \"comment\": 5}",
                        "/comment", "type", "5"),
                // ContraForce bulk
                Arguments.of("contraforce-bulk-update-incidents", "{\"items\": []}", "/items", "minItems", "[]"),
                Arguments.of("contraforce-bulk-update-incidents", "{\"items\": null}", "/items", "type", "null"),
                Arguments.of("contraforce-bulk-update-incidents", "{}", "/items", "required", null),
                Arguments.of("contraforce-bulk-update-incidents", "{\"items\": [{\"status\": \"Closed\"}]}",
                        "/items/0/id", "required", null),
                Arguments.of("contraforce-bulk-update-incidents", "{\"items\": [{\"id\": null}]}",
                        "/items/0/id", "type", "null"),
                Arguments.of("contraforce-bulk-update-incidents",
                        "{\"items\": [{\"id\": \"1\"}, {\"id\": \"2\", \"incidentSource\": \"sentinelone\"}]}",
                        "/items/1/incidentSource", "enum", "\"sentinelone\""),
                Arguments.of("contraforce-bulk-update-incidents", "{\"items\": [{\"id\": \"1\", \"owner\": \"me\"}]}",
                        "/items/0/owner", "additionalProperties", "\"me\""),
                // SentinelOne
                Arguments.of("sentinelone-update-threat-incident",
                        "{\"data\": {\"incidentStatus\": \"resolved\"}, \"filter\": {}}", "/filter", "minProperties",
                        "{}"),
                Arguments.of("sentinelone-update-threat-incident", "{\"data\": {\"incidentStatus\": \"resolved\"}}",
                        "/filter", "required", null),
                Arguments.of("sentinelone-update-threat-incident",
                        "{\"data\": {\"incidentStatus\": \"closed\"}, \"filter\": {\"ids\": [\"1\"]}}",
                        "/data/incidentStatus", "enum", "\"closed\""),
                Arguments.of("sentinelone-update-threat-incident",
                        "{\"data\": {\"analystVerdict\": \"true_positive\"}, \"filter\": {\"ids\": [\"1\"]}}",
                        "/data/incidentStatus", "required", null),
                Arguments.of("sentinelone-update-threat-incident",
                        "{\"data\": {\"incidentStatus\": \"resolved\", \"analystVerdict\": \"malicious\"}, "
                                + "\"filter\": {\"ids\": [\"1\"]}}",
                        "/data/analystVerdict", "enum", "\"malicious\""),
                Arguments.of("sentinelone-update-threat-incident",
                        "{\"data\": {\"incidentStatus\": \"resolved\"}, \"filter\": {\"ids\": []}}",
                        "/filter/ids", "minItems", "[]"),
                Arguments.of("sentinelone-update-threat-incident",
                        "{\"data\": {\"incidentStatus\": \"resolved\"}, \"filter\": {\"ids\": [\"1\"], "
                                + "\"createdAt__gt\": \"2024-13-40T00:00:00Z\"}}",
                        "/filter/createdAt__gt", "format", "\"2024-13-40T00:00:00Z\""),
                Arguments.of("sentinelone-update-threat-incident",
                        "{\"data\": {\"incidentStatus\": \"resolved\"}, \"filter\": {\"ids\": \"1\"}}",
                        "/filter/ids", "type", "\"1\""),
                Arguments.of("sentinelone-update-threat-incident",
                        "{\"data\": {\"incidentStatus\": \"resolved\"}, \"filter\": {\"incidentStatuses\": [\"open\"]}}",
                        "/filter/incidentStatuses/0", "enum", "\"open\""),
                Arguments.of("sentinelone-update-threat-incident",
                        "{\"data\": {\"incidentStatus\": \"resolved\", \"note\": \"x\"}, \"filter\": {\"ids\": [\"1\"]}}",
                        "/data/note", "additionalProperties", "\"x\""),
                Arguments.of("sentinelone-update-threat-incident",
                        "{\"data\": {\"incidentStatus\": \"resolved\"}, \"filter\": {\"unknownFilter\": {\"a\": 1}}}",
                        "/filter/unknownFilter", "type", "{\"a\":1}"),
                Arguments.of("sentinelone-update-threat-incident",
                        "{\"data\": {\"incidentStatus\": \"resolved\"}, \"filter\": {\"ids\": [" + ids1001 + "]}}",
                        "/filter/ids", "maxItems", ("[" + ids1001 + "]").substring(0, 197) + "..."),
                // OneTrust
                Arguments.of("onetrust-update-incident", "{\"name\": \"n\", \"incidentTypeName\": \"Unknown\"}",
                        "/orgGroupId", "required", null),
                Arguments.of("onetrust-update-incident",
                        "{\"name\": \"n\", \"incidentTypeName\": \"Unknown\", \"orgGroupId\": \"org-1\"}",
                        "/orgGroupId", "format", "\"org-1\""),
                Arguments.of("onetrust-update-incident", onetrust("\"dateOccurred\": \"2019-05-31 12:43\""),
                        "/dateOccurred", "format", "\"2019-05-31 12:43\""),
                Arguments.of("onetrust-update-incident", onetrust("\"sourceType\": \"API\""),
                        "/sourceType", "enum", "\"API\""),
                Arguments.of("onetrust-update-incident", onetrust("\"notificationNeeded\": \"MAYBE\""),
                        "/notificationNeeded", "enum", "\"MAYBE\""),
                Arguments.of("onetrust-update-incident", onetrust("\"jurisdictions\": [{\"countryCode\": \"USA\"}]"),
                        "/jurisdictions/0/stateProvinceCode", "required", null),
                Arguments.of("onetrust-update-incident", onetrust("\"jurisdictions\": [{\"countryCode\": \"CAN\"}]"),
                        "/jurisdictions/0/stateProvinceCode", "required", null),
                Arguments.of("onetrust-update-incident", onetrust("\"jurisdictions\": [{\"stateProvinceCode\": \"CA\"}]"),
                        "/jurisdictions/0/countryCode", "required", null),
                Arguments.of("onetrust-update-incident", onetrust("\"incidentAssigneeRequests\": [{\"type\": \"USER\"}]"),
                        "/incidentAssigneeRequests/0/assigneeId", "required", null),
                Arguments.of("onetrust-update-incident",
                        onetrust("\"incidentAssigneeRequests\": [{\"assigneeId\": \"bob\"}]"),
                        "/incidentAssigneeRequests/0/assigneeId", "format", "\"bob\""),
                Arguments.of("onetrust-update-incident", onetrust("\"incidentAssigneeRequests\": [{\"assigneeId\": \""
                                + USER + "\", \"type\": \"TEAM\"}]"),
                        "/incidentAssigneeRequests/0/type", "enum", "\"TEAM\""),
                Arguments.of("onetrust-update-incident", onetrust("\"incidentAssigneeRequests\": [{\"assigneeId\": \""
                                + USER + "\", \"type\": \"GROUP\", \"assigneeEmail\": \"team@example.com\"}]"),
                        "/incidentAssigneeRequests/0/assigneeEmail", "false", "\"team@example.com\""),
                Arguments.of("onetrust-update-incident", onetrust("\"attributeValues\": {\"custom\": [{\"colorCode\": \"red\"}]}"),
                        "/attributeValues/custom/0/value", "required", null),
                Arguments.of("onetrust-update-incident", onetrust("\"creationSource\": \"MANUAL\""),
                        "/creationSource", "additionalProperties", "\"MANUAL\""),
                // Adversarial
                Arguments.of("adversarial-update-incidents", "{\"ids\": [], \"status\": \"Closed\"}",
                        "/ids", "minItems", "[]"),
                Arguments.of("adversarial-update-incidents", "{\"status\": \"Closed\"}", "/ids", "required", null),
                Arguments.of("adversarial-update-incidents", "{\"ids\": [\"INC-1\"]}", "", "minProperties",
                        "{\"ids\":[\"INC-1\"]}"),
                Arguments.of("adversarial-update-incidents", "{\"ids\": [\"INC-1\"], \"status\": \"Open\"}",
                        "/status", "enum", "\"Open\""),
                Arguments.of("adversarial-update-incidents", "{\"ids\": [\"INC-1\"], \"severity\": \"SEV6\"}",
                        "/severity", "enum", "\"SEV6\""),
                Arguments.of("adversarial-update-incidents", "{\"ids\": [\"INC-1\"], \"assigned_to\": \"alice\"}",
                        "/assigned_to", "format", "\"alice\""),
                Arguments.of("adversarial-update-incidents", "{\"ids\": [\"INC-1\"], \"detected_date\": \"yesterday\"}",
                        "/detected_date", "format", "\"yesterday\""),
                Arguments.of("adversarial-update-incidents",
                        "{\"ids\": [\"INC-1\"], \"threat_objectives\": [{\"threat_objective\": \"Espionage\"}]}",
                        "/threat_objectives/0/threat_objective", "enum", "\"Espionage\""),
                Arguments.of("adversarial-update-incidents",
                        "{\"ids\": [\"INC-1\"], \"threat_objectives\": [{\"relevance\": null}]}",
                        "/threat_objectives/0/threat_objective", "required", null),
                Arguments.of("adversarial-update-incidents", "{\"ids\": [\"INC-1\"], \"tags\": [1]}",
                        "/tags/0", "type", "1"),
                Arguments.of("adversarial-update-incidents", "{\"ids\": [\"INC-1\"], \"priority\": \"high\"}",
                        "/priority", "additionalProperties", "\"high\""));
    }

    @ParameterizedTest(name = "{0}: {2} {3}")
    @MethodSource("brokenBodies")
    void eachRuleFailsNamingFieldRuleAndValue(String schema, String body, String field, String rule, String value) {
        String[] vendorAndOperation = schema.split("-", 2);

        ContractViolationException e = catchThrowableOfType(ContractViolationException.class,
                () -> CHECK.check(vendorAndOperation[0], vendorAndOperation[1], json(body)));

        assertThat(e).as("%s must refuse %s", schema, body).isNotNull();
        ContractViolation v = violationOf(e.violations(), field, rule);
        assertThat(e.violations()).allSatisfy(each -> assertThat(each.value()).satisfiesAnyOf(
                text -> assertThat(text).isNull(), text -> assertThat(text).hasSizeLessThanOrEqualTo(200)));
        assertThat(v.value()).isEqualTo(value);
        assertThat(e.getMessage()).startsWith(vendorAndOperation[0] + " " + vendorAndOperation[1]
                + " request breaks the contract: ").contains(v.describe());
        assertThat(List.of(e.field(), e.rule())).isEqualTo(List.of(e.violations().get(0).field(),
                e.violations().get(0).rule()));
    }

    private static ContractViolation violationOf(List<ContractViolation> all, String field, String rule) {
        return all.stream().filter(v -> v.field().equals(field) && v.rule().equals(rule)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + rule + " violation at '" + field + "' in " + all));
    }

    // ---- messages and problem details --------------------------------------------------------------------

    @Test
    void theMessageNamesVendorOperationFieldValueAndRule() {
        ContractViolationException e = catchThrowableOfType(ContractViolationException.class,
                () -> CHECK.check("ContraForce", "update-incident-status", json("{\"status\": \"Open\"}")));

        assertThat(e.getMessage()).isEqualTo("ContraForce update-incident-status request breaks the contract: "
                + "/status: \"Open\" is not one of [Active, New, Closed] (enum)");
        assertThat(e.field()).isEqualTo("/status");
        assertThat(e.rule()).isEqualTo("enum");
        assertThat(e.value()).isEqualTo("\"Open\"");
        assertThat(e.vendor()).isEqualTo("ContraForce");
        assertThat(e.operation()).isEqualTo("update-incident-status");
    }

    @Test
    void everyViolationIsListedAndConditionalRulesSayWhen() {
        ContractViolationException e = catchThrowableOfType(ContractViolationException.class,
                () -> CHECK.check("OneTrust", "update-incident", json("""
                        {"name": "n", "incidentTypeName": "t", "orgGroupId": "x",
                         "jurisdictions": [{"countryCode": "USA"}]}""")));

        assertThat(e.violations()).extracting(ContractViolation::field)
                .containsExactly("/jurisdictions/0/stateProvinceCode", "/orgGroupId");
        assertThat(e.getMessage()).contains("/jurisdictions/0/stateProvinceCode: is required but missing when "
                + "countryCode is USA or CAN (required)").contains("/orgGroupId: \"x\" is not a valid uuid (format)");
    }

    @Test
    void theProblemDetailsSayNothingWasSentAndNameEachField() {
        ContractViolationException e = catchThrowableOfType(ContractViolationException.class,
                () -> CHECK.check("ContraForce", "update-incident-status",
                        json("{\"status\": \"Open\", \"updateTicket\": true}")));

        ProblemDetails p = e.problem();

        assertThat(p.code()).isEqualTo("CONTRACT_VIOLATION");
        assertThat(p.status()).isNull();
        assertThat(p.title()).isEqualTo("The request breaks the vendor's documented contract; it was not sent");
        assertThat(p.detail()).isEqualTo(e.getMessage());
        assertThat(p.errors()).containsOnlyKeys("/status", "/ticketId");
        assertThat(p.errors().get("/status")).containsExactly("\"Open\" is not one of [Active, New, Closed] (enum)");
        assertThat(p.errors().get("/ticketId"))
                .containsExactly("is required but missing when updateTicket is true (required)");
    }

    @Test
    void anOperationWithoutASchemaIsRefused() {
        ContractViolationException e = catchThrowableOfType(ContractViolationException.class,
                () -> CHECK.check("Acme", "delete-everything", json("{\"all\": true}")));

        assertThat(e.rule()).isEqualTo("schema");
        assertThat(e.field()).isEmpty();
        assertThat(e.getMessage()).startsWith("Acme delete-everything request breaks the contract: ")
                .contains("schemas/acme-delete-everything.request.json");
        assertThat(CHECK.hasSchema("Acme", "delete-everything")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"../schemas/contraforce", "contraforce/../contraforce", "Contra Force", ""})
    void aNameThatIsNotASimpleSchemaNameIsRefusedWithoutLookingItUp(String vendor) {
        ContractViolationException e = catchThrowableOfType(ContractViolationException.class,
                () -> CHECK.check(vendor, "update-incident-status", json("{\"status\": \"Closed\"}")));

        assertThat(e.rule()).isEqualTo("schema");
    }

    @Test
    void theVendorNameIsMatchedInLowerCase() {
        assertThat(ContractCheck.schemaName("ContraForce", "update-incident-status"))
                .isEqualTo("contraforce-update-incident-status");
        assertThat(CHECK.hasSchema("ContraForce", "update-incident-status")).isTrue();
        assertThat(CHECK.hasSchema("SentinelOne", "update-threat-incident")).isTrue();
        assertThat(CHECK.hasSchema("OneTrust", "update-incident")).isTrue();
        assertThat(CHECK.hasSchema("Adversarial", "update-incidents")).isTrue();
    }

    // ---- the schema files themselves ---------------------------------------------------------------------

    @Test
    void eachOperationHasExactlyOneSchemaFile() throws IOException {
        try (Stream<Path> files = Files.list(SCHEMAS)) {
            // webhook-*: the schemas of inbound webhook deliveries (WebhookSchemaTest), and incident.schema.json:
            // the canonical incident (IncidentSchemaTest); neither is a vendor request
            assertThat(files.map(p -> p.getFileName().toString())
                    .filter(n -> !n.startsWith("webhook-") && !n.equals("incident.schema.json")))
                    .containsExactlyInAnyOrderElementsOf(OPERATIONS.stream().map(o -> o + ".request.json").toList());
        }
    }

    static Stream<String> operations() {
        return OPERATIONS.stream();
    }

    @ParameterizedTest
    @MethodSource("operations")
    void eachSchemaIsAValidDraft202012DocumentThatCitesTheApiDocs(String name) throws IOException {
        JsonNode schema = JSON.readTree(SCHEMAS.resolve(name + ".request.json").toFile());

        assertThat(schema.path("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(schema.path("$id").asText()).isEqualTo(ContractCheck.ID_PREFIX + name + ".request.json");
        assertThat(schema.path("title").asText()).isNotBlank();
        assertThat(schema.path("description").asText()).contains("api-docs/" + name.split("-")[0]);
        var metaSchema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
        assertThat(metaSchema.validate(schema)).isEmpty();
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A minimal valid OneTrust body plus one extra member. */
    static String onetrust(String member) {
        return "{\"name\": \"n\", \"incidentTypeName\": \"Unknown\", \"orgGroupId\": \"" + ORG + "\", " + member + "}";
    }
}
