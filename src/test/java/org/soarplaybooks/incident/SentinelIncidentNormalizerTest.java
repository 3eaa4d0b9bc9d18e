package org.soarplaybooks.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Sentinel normalization of the real samples in {@code src/main/resources/samples/microsoft-sentinel/}. */
class SentinelIncidentNormalizerTest {

    private static final String ACTIVE = "microsoft-sentinel/incident-1505-active-rapid7.json";
    private static final String CLOSED = "microsoft-sentinel/incident-73e01a99-closed-falsepositive-azure-rest-api-specs.json";
    private static final String LIST = "microsoft-sentinel/incidents-list-response-azure-rest-api-specs.json";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final SentinelIncidentNormalizer normalizer = new SentinelIncidentNormalizer();

    static String sample(String name) {
        try (InputStream in = SentinelIncidentNormalizerTest.class.getResourceAsStream("/samples/" + name)) {
            assertThat(in).as("sample %s on the classpath", name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectNode tree(String json) {
        try {
            return (ObjectNode) MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void activeIncidentFromRapid7Sample() {
        String json = sample(ACTIVE);

        List<Incident> incidents = normalizer.normalize(json);

        assertThat(incidents).hasSize(1);
        Incident i = incidents.get(0);
        assertThat(i.source()).isEqualTo(IncidentSource.SENTINEL);
        assertThat(i.id()).isEqualTo("1505");
        assertThat(i.number()).isEqualTo("1020");
        assertThat(i.workspace()).isEqualTo("sentinel");
        assertThat(i.title()).isEqualTo("Not a test at all");
        assertThat(i.severity()).isEqualTo("Low");
        assertThat(i.status()).isEqualTo("Active");
        assertThat(i.classification()).isNull();
        assertThat(i.classificationReason()).isNull();
        assertThat(i.classificationComment()).isNull();
        assertThat(i.owner()).isNull();
        // 7 fractional digits, as Sentinel sends them
        assertThat(i.createdAt()).isEqualTo(Instant.parse("2022-06-02T09:52:00.5643443Z"));
        assertThat(i.createdAt().getNano()).isEqualTo(564_344_300);
        assertThat(i.updatedAt()).isEqualTo(Instant.parse("2022-06-02T09:52:00.5643443Z"));
        assertThat(i.raw()).isEqualTo(tree(json));
        assertThat(i.key()).isEqualTo("Sentinel:1505");
    }

    @Test
    void closedFalsePositiveFromAzureSpecExample() {
        String json = sample(CLOSED);

        Incident i = single(normalizer.normalize(json));

        assertThat(i.id()).isEqualTo("73e01a99-5cd7-4139-a149-9f2736ff2ab5");
        assertThat(i.number()).isEqualTo("3177");
        assertThat(i.workspace()).isEqualTo("myWorkspace");
        assertThat(i.title()).isEqualTo("My incident");
        assertThat(i.severity()).isEqualTo("High");
        assertThat(i.status()).isEqualTo("Closed");
        assertThat(i.classification()).isEqualTo("FalsePositive");
        assertThat(i.classificationReason()).isEqualTo("InaccurateData");
        assertThat(i.classificationComment()).isEqualTo("Not a malicious activity");
        assertThat(i.owner()).isEqualTo("john.doe@contoso.com");
        assertThat(i.createdAt()).isEqualTo(Instant.parse("2019-01-01T13:15:30Z"));
        assertThat(i.updatedAt()).isEqualTo(Instant.parse("2019-01-01T13:15:30Z"));
        assertThat(i.raw()).isEqualTo(tree(json));
    }

    @Test
    void listEnvelopeFromAzureSpecExample() {
        String json = sample(LIST);

        Incident i = single(normalizer.normalize(json));

        assertThat(i.id()).isEqualTo("73e01a99-5cd7-4139-a149-9f2736ff2ab5");
        assertThat(i.number()).isEqualTo("3177");
        assertThat(i.workspace()).isEqualTo("myWorkspace");
        assertThat(i.status()).isEqualTo("Closed");
        assertThat(i.classification()).isEqualTo("FalsePositive");
        assertThat(i.classificationReason()).isEqualTo("IncorrectAlertLogic");
        assertThat(i.owner()).isEqualTo("john.doe@contoso.com");
        assertThat(i.createdAt()).isEqualTo(Instant.parse("2019-01-01T13:15:30Z"));
        assertThat(i.updatedAt()).isEqualTo(Instant.parse("2019-01-01T13:15:30Z"));
        assertThat(i.raw()).isEqualTo(tree(json).get("value").get(0));
    }

    @Test
    void listKeepsOrderAndAcceptsEmptyList() {
        ArrayNode value = MAPPER.createArrayNode().add(tree(sample(ACTIVE))).add(tree(sample(CLOSED)));
        ObjectNode list = MAPPER.createObjectNode().set("value", value);
        list.put("nextLink", "https://management.azure.com/next");

        assertThat(normalizer.normalize(list.toString())).extracting(Incident::id)
                .containsExactly("1505", "73e01a99-5cd7-4139-a149-9f2736ff2ab5");
        assertThat(normalizer.normalize("{\"value\": []}")).isEmpty();
    }

    @Test
    void bytesStreamAndFacadeGiveTheSameResult() {
        String json = sample(CLOSED);
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);

        assertThat(normalizer.normalize(bytes)).isEqualTo(normalizer.normalize(json));
        assertThat(normalizer.normalize(new java.io.ByteArrayInputStream(bytes))).isEqualTo(normalizer.normalize(json));
        assertThat(new Normalizers().sentinel(json)).isEqualTo(normalizer.normalize(json));
    }

    @Test
    void automationEnvelopeIsUnwrapped() {
        ObjectNode incident = tree(sample(CLOSED));
        ObjectNode envelope = envelope(incident);

        Incident i = single(normalizer.normalize(envelope.toString()));

        assertThat(i.id()).isEqualTo("73e01a99-5cd7-4139-a149-9f2736ff2ab5");
        assertThat(i.workspace()).as("the ARM id wins over workspaceInfo").isEqualTo("myWorkspace");
        assertThat(i.status()).isEqualTo("Closed");
        assertThat(i.raw()).isEqualTo(incident);
    }

    @Test
    void automationEnvelopeTakesWorkspaceFromWorkspaceInfoWhenIdLacksIt() {
        ObjectNode incident = tree(sample(ACTIVE));
        incident.put("id", "1505");

        Incident i = single(normalizer.normalize(envelope(incident).toString()));

        assertThat(i.workspace()).isEqualTo("envelopeWorkspace");
        assertThat(i.id()).isEqualTo("1505");
    }

    @Test
    void automationEnvelopeForAnAlertIsRejected() {
        ObjectNode envelope = envelope(tree(sample(ACTIVE)));
        envelope.put("objectSchemaType", "Alert");

        assertThatThrownBy(() -> normalizer.normalize(envelope.toString()))
                .isInstanceOf(NormalizationException.class)
                .hasMessage("Microsoft Sentinel: /objectSchemaType is 'Alert', but only 'Incident' is supported");
    }

    @Test
    void workspaceSegmentIsMatchedIgnoringCase() {
        ObjectNode incident = tree(sample(ACTIVE));
        incident.put("id", "/subscriptions/x/resourceGroups/rg/providers/Microsoft.OperationalInsights/WORKSPACES/"
                + "Ws-1/providers/Microsoft.SecurityInsights/Incidents/1505");

        assertThat(single(normalizer.normalize(incident.toString())).workspace()).isEqualTo("Ws-1");
    }

    @Test
    void ownerFallsBackToUserPrincipalNameThenAssignedTo() {
        ObjectNode incident = tree(sample(CLOSED));
        ObjectNode owner = (ObjectNode) incident.get("properties").get("owner");
        owner.remove("email");
        assertThat(single(normalizer.normalize(incident.toString())).owner()).isEqualTo("john@contoso.com");

        owner.putNull("userPrincipalName");
        assertThat(single(normalizer.normalize(incident.toString())).owner()).isEqualTo("john doe");
    }

    @Test
    void invalidJsonIsRejectedWithTheParserMessage() {
        assertThatThrownBy(() -> normalizer.normalize("{\"name\": \"1\", "))
                .isInstanceOf(NormalizationException.class)
                .hasMessageStartingWith("Microsoft Sentinel: document is not valid JSON: Unexpected end-of-input")
                .satisfies(e -> assertThat(((NormalizationException) e).field()).isEmpty());
        assertThatThrownBy(() -> normalizer.normalize(""))
                .hasMessage("Microsoft Sentinel: document is not valid JSON: no content");
        assertThatThrownBy(() -> normalizer.normalize(sample(ACTIVE) + " trailing"))
                .hasMessageStartingWith("Microsoft Sentinel: document is not valid JSON: ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"an incident\"", "42", "[]", "true", "null"})
    void nonObjectDocumentsAreRejected(String json) {
        assertThatThrownBy(() -> normalizer.normalize(json))
                .isInstanceOf(NormalizationException.class)
                .hasMessageStartingWith("Microsoft Sentinel: document must be a Microsoft Sentinel incident")
                .hasMessageContaining("{\"value\": [...]}")
                .hasMessageMatching(".*but is (a JSON (string|number|array|boolean)|JSON null)$");
    }

    @Test
    void objectWithoutPropertiesIsRejected() {
        assertThatThrownBy(() -> normalizer.normalize("{\"id\": \"x\", \"name\": \"1\"}"))
                .isInstanceOf(NormalizationException.class)
                .hasMessageEndingWith("but has none of \"properties\", \"value\", \"object\"");
        assertThatThrownBy(() -> normalizer.normalize("{\"value\": [{\"name\": \"1\"}]}"))
                .hasMessage("Microsoft Sentinel: /value/0 must be a Microsoft Sentinel incident object with"
                        + " \"properties\", but is a JSON object without \"properties\"");
        assertThatThrownBy(() -> normalizer.normalize("{\"value\": {}}"))
                .hasMessage("Microsoft Sentinel: /value must be a JSON array of incidents, but is a JSON object");
    }

    @Test
    void unknownStatusNamesPointerValueAndAllowedValues() {
        ObjectNode second = tree(sample(ACTIVE));
        ((ObjectNode) second.get("properties")).put("status", "Archived");
        ObjectNode list = MAPPER.createObjectNode();
        list.putArray("value").add(tree(sample(CLOSED))).add(second);

        assertThatThrownBy(() -> normalizer.normalize(list.toString()))
                .isInstanceOf(NormalizationException.class)
                .hasMessage("Microsoft Sentinel: /value/1/properties/status has unknown status 'Archived'"
                        + " (allowed: New, Active, Closed)")
                .satisfies(e -> assertThat(((NormalizationException) e).field()).isEqualTo("/value/1/properties/status"));
    }

    @Test
    void statusIsCaseSensitive() {
        ObjectNode incident = tree(sample(ACTIVE));
        ((ObjectNode) incident.get("properties")).put("status", "active");

        assertThatThrownBy(() -> normalizer.normalize(incident.toString()))
                .hasMessage("Microsoft Sentinel: /properties/status has unknown status 'active' (allowed: New, Active, Closed)");
    }

    @Test
    void unknownClassificationAndReasonAreRejected() {
        ObjectNode incident = tree(sample(CLOSED));
        ((ObjectNode) incident.get("properties")).put("classification", "Benign");
        assertThatThrownBy(() -> normalizer.normalize(incident.toString()))
                .hasMessage("Microsoft Sentinel: /properties/classification has unknown classification 'Benign'"
                        + " (allowed: BenignPositive, FalsePositive, TruePositive, Undetermined)");

        ObjectNode other = tree(sample(CLOSED));
        ((ObjectNode) other.get("properties")).put("classificationReason", "Malware");
        assertThatThrownBy(() -> normalizer.normalize(other.toString()))
                .hasMessage("Microsoft Sentinel: /properties/classificationReason has unknown classificationReason"
                        + " 'Malware' (allowed: SuspiciousActivity, SuspiciousButExpected, IncorrectAlertLogic,"
                        + " InaccurateData)");
    }

    @Test
    void nullClassificationIsAllowed() {
        ObjectNode incident = tree(sample(CLOSED));
        ((ObjectNode) incident.get("properties")).putNull("classification").putNull("classificationReason");

        Incident i = single(normalizer.normalize(incident.toString()));
        assertThat(i.classification()).isNull();
        assertThat(i.classificationReason()).isNull();
    }

    @Test
    void missingNameOrStatusIsReported() {
        ObjectNode noName = tree(sample(ACTIVE));
        noName.remove("name");
        assertThatThrownBy(() -> normalizer.normalize(noName.toString()))
                .isInstanceOf(NormalizationException.class)
                .hasMessage("Microsoft Sentinel: /name is missing");

        ObjectNode noStatus = tree(sample(ACTIVE));
        ((ObjectNode) noStatus.get("properties")).remove("status");
        ObjectNode list = MAPPER.createObjectNode();
        list.putArray("value").add(noStatus);
        assertThatThrownBy(() -> normalizer.normalize(list.toString()))
                .hasMessage("Microsoft Sentinel: /value/0/properties/status is missing");
    }

    @Test
    void wrongTypesAndZonelessTimesAreRejected() {
        ObjectNode badTitle = tree(sample(ACTIVE));
        ((ObjectNode) badTitle.get("properties")).put("title", 7);
        assertThatThrownBy(() -> normalizer.normalize(badTitle.toString()))
                .hasMessage("Microsoft Sentinel: /properties/title must be a string, but is a JSON number");

        ObjectNode zoneless = tree(sample(ACTIVE));
        ((ObjectNode) zoneless.get("properties")).put("createdTimeUtc", "2022-06-02T09:52:00");
        assertThatThrownBy(() -> normalizer.normalize(zoneless.toString()))
                .hasMessageStartingWith("Microsoft Sentinel: /properties/createdTimeUtc '2022-06-02T09:52:00'"
                        + " is not an ISO-8601 date-time with a time zone");

        ObjectNode offset = tree(sample(ACTIVE));
        ((ObjectNode) offset.get("properties")).put("createdTimeUtc", "2022-06-02T11:52:00.5+02:00");
        assertThat(single(normalizer.normalize(offset.toString())).createdAt())
                .isEqualTo(Instant.parse("2022-06-02T09:52:00.5Z"));
    }

    @Test
    void otherResourceTypesAreRejected() {
        ObjectNode alertRule = tree(sample(ACTIVE));
        alertRule.put("type", "Microsoft.SecurityInsights/alertRules");

        assertThatThrownBy(() -> normalizer.normalize(alertRule.toString()))
                .hasMessage("Microsoft Sentinel: /type is 'Microsoft.SecurityInsights/alertRules',"
                        + " expected 'Microsoft.SecurityInsights/incidents'");
    }

    private static ObjectNode envelope(JsonNode incident) {
        ObjectNode envelope = MAPPER.createObjectNode();
        envelope.put("eventUniqueId", "5a8c1d6e-0000-4000-8000-000000000001");
        envelope.put("objectSchemaType", "Incident");
        envelope.put("objectEventType", "Update");
        ObjectNode info = envelope.putObject("workspaceInfo");
        info.put("SubscriptionId", "d0cfe6b2-9ac0-4464-9919-dccaee2e48c0");
        info.put("ResourceGroupName", "myRg");
        info.put("WorkspaceName", "envelopeWorkspace");
        envelope.put("workspaceId", "0b1c2d3e-0000-4000-8000-000000000002");
        envelope.set("object", incident);
        return envelope;
    }

    private static Incident single(List<Incident> incidents) {
        assertThat(incidents).hasSize(1);
        return incidents.get(0);
    }
}
