package org.soarplaybooks.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.soarplaybooks.incident.SentinelIncidentNormalizerTest.sample;
import static org.soarplaybooks.incident.SentinelIncidentNormalizerTest.tree;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Defender XDR normalization of the real samples in {@code src/main/resources/samples/defender-xdr/}. */
class DefenderXdrIncidentNormalizerTest {

    private static final String LEGACY = "defender-xdr/incidents-list-924518-legacy-api-rapid7.json";
    private static final String GRAPH = "defender-xdr/graph-incidents-list-12345-12346-demisto.json";

    private final DefenderXdrIncidentNormalizer normalizer = new DefenderXdrIncidentNormalizer();

    @Test
    void legacyListFromRapid7Sample() {
        String json = sample(LEGACY);

        Incident i = single(normalizer.normalize(json));

        assertThat(i.source()).isEqualTo(IncidentSource.DEFENDER_XDR);
        assertThat(i.id()).isEqualTo("924518");
        assertThat(i.number()).isNull();
        assertThat(i.workspace()).as("the legacy API has no tenant field").isNull();
        assertThat(i.title()).isEqualTo("Email reported by user as malware or phish");
        assertThat(i.severity()).isEqualTo("Informational");
        assertThat(i.status()).isEqualTo("Active");
        assertThat(i.classification()).isEqualTo("Unknown");
        assertThat(i.classificationReason()).isEqualTo("NotAvailable");
        assertThat(i.classificationComment()).isNull();
        assertThat(i.owner()).isNull();
        assertThat(i.createdAt()).isEqualTo(Instant.parse("2020-09-06T12:07:55.1366667Z"));
        assertThat(i.updatedAt()).isEqualTo(Instant.parse("2020-09-06T12:07:55.32Z"));
        assertThat(i.raw()).isEqualTo(tree(json).get("value").get(0));
        assertThat(i.key()).isEqualTo("DefenderXDR:924518");
    }

    @Test
    void graphListFromDemistoSample() {
        String json = sample(GRAPH);

        List<Incident> incidents = normalizer.normalize(json);

        assertThat(incidents).hasSize(2);
        Incident first = incidents.get(0);
        assertThat(first.source()).isEqualTo(IncidentSource.DEFENDER_XDR);
        assertThat(first.id()).isEqualTo("12345");
        assertThat(first.number()).isNull();
        assertThat(first.workspace()).as("tenantId is \"\" in the sample").isNull();
        assertThat(first.title()).isEqualTo("DLP policy (Custom policy) matched for email with subject (Splunk Report:"
                + " High Or Critical Priority Host With Malware - 15 min) involving one user");
        assertThat(first.severity()).isEqualTo("medium");
        assertThat(first.status()).isEqualTo("active");
        assertThat(first.classification()).isEqualTo("unknown");
        assertThat(first.classificationReason()).isEqualTo("unknown");
        assertThat(first.classificationComment()).isNull();
        assertThat(first.owner()).isNull();
        assertThat(first.createdAt()).isEqualTo(Instant.parse("2024-03-26T13:34:15.0433333Z"));
        assertThat(first.updatedAt()).isEqualTo(Instant.parse("2024-03-26T13:35:45.23Z"));
        assertThat(first.raw()).isEqualTo(tree(json).get("value").get(0));

        Incident second = incidents.get(1);
        assertThat(second.id()).isEqualTo("12346");
        assertThat(second.title()).isEqualTo("Automated investigation started manually on one endpoint");
        assertThat(second.severity()).isEqualTo("informational");
        assertThat(second.status()).isEqualTo("resolved");
        assertThat(second.classification()).isEqualTo("unknown");
        assertThat(second.classificationReason()).isEqualTo("unknown");
        assertThat(second.createdAt()).isEqualTo(Instant.parse("2024-03-26T13:16:45.3466667Z"));
        assertThat(second.updatedAt()).isEqualTo(Instant.parse("2024-03-26T13:31:46.5066667Z"));
        assertThat(second.raw()).isEqualTo(tree(json).get("value").get(1));
    }

    @Test
    void singleIncidentsOfBothApisWithTenantOwnerAndVerdict() {
        ObjectNode graph = (ObjectNode) tree(sample(GRAPH)).get("value").get(1);
        graph.put("tenantId", "b3c1b5fc-828c-45fa-a1e1-10d74f6d6e9c").put("assignedTo", "secop2@contoso.com")
                .put("classification", "truePositive").put("determination", "multiStagedAttack");
        ObjectNode legacy = (ObjectNode) tree(sample(LEGACY)).get("value").get(0);
        legacy.put("status", "Resolved").put("assignedTo", "secop2@contoso.com")
                .put("classification", "TruePositive").put("determination", "Malware");

        Incident fromGraph = single(normalizer.normalize(graph.toString()));
        Incident fromLegacy = single(normalizer.normalize(legacy.toString()));

        assertThat(fromGraph.id()).isEqualTo("12346");
        assertThat(fromGraph.workspace()).isEqualTo("b3c1b5fc-828c-45fa-a1e1-10d74f6d6e9c");
        assertThat(fromGraph.owner()).isEqualTo("secop2@contoso.com");
        assertThat(fromGraph.classification()).isEqualTo("truePositive");
        assertThat(fromGraph.classificationReason()).isEqualTo("multiStagedAttack");
        assertThat(fromGraph.raw()).isEqualTo(graph);
        assertThat(fromLegacy.id()).isEqualTo("924518");
        assertThat(fromLegacy.status()).isEqualTo("Resolved");
        assertThat(fromLegacy.owner()).isEqualTo("secop2@contoso.com");
        assertThat(fromLegacy.classification()).isEqualTo("TruePositive");
        assertThat(fromLegacy.classificationReason()).isEqualTo("Malware");
    }

    @Test
    void bytesAndFacadeGiveTheSameResult() {
        String json = sample(GRAPH);
        assertThat(normalizer.normalize(json.getBytes(StandardCharsets.UTF_8))).isEqualTo(normalizer.normalize(json));
        assertThat(new Normalizers().defenderXdr(json)).isEqualTo(normalizer.normalize(json));
        assertThat(normalizer.normalize("{\"@odata.context\": \"x\", \"value\": []}")).isEmpty();
    }

    @Test
    void invalidJsonIsRejectedWithTheParserMessage() {
        assertThatThrownBy(() -> normalizer.normalize("{\"value\": [}"))
                .isInstanceOf(NormalizationException.class)
                .hasMessageStartingWith("Microsoft Defender XDR: document is not valid JSON: Unexpected close marker");
    }

    @Test
    void unknownShapesNameTheSourceAndTheMissingFields() {
        assertThatThrownBy(() -> normalizer.normalize("{\"@odata.context\": \"x\"}"))
                .isInstanceOf(NormalizationException.class)
                .hasMessage("Microsoft Defender XDR: document must be a Defender XDR incident list {\"value\": [...]}"
                        + " or an incident with \"incidentId\" (legacy API) or \"id\" (Microsoft Graph), but has none"
                        + " of \"value\", \"incidentId\", \"id\"");
        assertThatThrownBy(() -> normalizer.normalize("[]"))
                .hasMessageStartingWith("Microsoft Defender XDR: document must be a Defender XDR incident list")
                .hasMessageEndingWith("but is a JSON array");
        assertThatThrownBy(() -> normalizer.normalize("{\"value\": [{\"incidentName\": \"x\", \"status\": \"Active\"}]}"))
                .hasMessage("Microsoft Defender XDR: /value/0 must be a Defender XDR incident with \"incidentId\""
                        + " (legacy API) or \"id\" (Microsoft Graph), but has neither");
        assertThatThrownBy(() -> normalizer.normalize("{\"value\": {}}"))
                .hasMessage("Microsoft Defender XDR: /value must be a JSON array of incidents, but is a JSON object");
        assertThatThrownBy(() -> normalizer.normalize("{\"value\": [\"12345\"]}"))
                .hasMessage("Microsoft Defender XDR: /value/0 must be a Defender XDR incident object, but is a JSON"
                        + " string");
    }

    @Test
    void microsoftErrorBodyIsRejectedWithCodeAndMessage() {
        assertThatThrownBy(() -> normalizer.normalize(
                "{\"error\": {\"code\": \"Unauthorized\", \"message\": \"Invalid token\"}}"))
                .hasMessage("Microsoft Defender XDR: /error is a Microsoft error response: Unauthorized: Invalid token");
    }

    @Test
    void unknownStatusNamesPointerValueAndTheValuesOfThatApi() {
        ObjectNode legacy = tree(sample(LEGACY));
        ((ObjectNode) legacy.get("value").get(0)).put("status", "Closed");
        assertThatThrownBy(() -> normalizer.normalize(legacy.toString()))
                .isInstanceOf(NormalizationException.class)
                .hasMessage("Microsoft Defender XDR: /value/0/status has unknown status 'Closed'"
                        + " (allowed: Active, New, InProgress, Resolved, Redirected)")
                .satisfies(e -> assertThat(((NormalizationException) e).field()).isEqualTo("/value/0/status"));

        ObjectNode graph = tree(sample(GRAPH));
        ((ObjectNode) graph.get("value").get(1)).put("status", "Resolved");
        assertThatThrownBy(() -> normalizer.normalize(graph.toString()))
                .as("a Graph incident must use Graph's lower-camel spelling")
                .hasMessage("Microsoft Defender XDR: /value/1/status has unknown status 'Resolved'"
                        + " (allowed: active, inProgress, awaitingAction, resolved, redirected, unknownFutureValue)");
    }

    @Test
    void unknownClassificationOrDeterminationIsRejected() {
        ObjectNode graph = tree(sample(GRAPH));
        ObjectNode first = (ObjectNode) graph.get("value").get(0);
        first.put("classification", "TruePositive");
        assertThatThrownBy(() -> normalizer.normalize(graph.toString()))
                .hasMessage("Microsoft Defender XDR: /value/0/classification has unknown classification 'TruePositive'"
                        + " (allowed: unknown, truePositive, falsePositive, informationalExpectedActivity,"
                        + " unknownFutureValue)");

        ObjectNode legacy = tree(sample(LEGACY));
        ((ObjectNode) legacy.get("value").get(0)).put("determination", "Ransomware");
        assertThatThrownBy(() -> normalizer.normalize(legacy.toString()))
                .hasMessageStartingWith("Microsoft Defender XDR: /value/0/determination has unknown determination"
                        + " 'Ransomware' (allowed: NotAvailable, Apt, Malware,");
    }

    @Test
    void missingStatusOrIdIsReported() {
        ObjectNode noStatus = tree(sample(GRAPH));
        ((ObjectNode) noStatus.get("value").get(1)).remove("status");
        assertThatThrownBy(() -> normalizer.normalize(noStatus.toString()))
                .hasMessage("Microsoft Defender XDR: /value/1/status is missing");

        ObjectNode nullId = tree(sample(LEGACY));
        ((ObjectNode) nullId.get("value").get(0)).putNull("incidentId");
        assertThatThrownBy(() -> normalizer.normalize(nullId.toString()))
                .hasMessage("Microsoft Defender XDR: /value/0/incidentId is missing");
    }

    @Test
    void timeWithoutZoneIsRejected() {
        ObjectNode legacy = tree(sample(LEGACY));
        ((ObjectNode) legacy.get("value").get(0)).put("createdTime", "2020-09-06T12:07:55");
        assertThatThrownBy(() -> normalizer.normalize(legacy.toString()))
                .hasMessage("Microsoft Defender XDR: /value/0/createdTime '2020-09-06T12:07:55' is not an ISO-8601"
                        + " date-time with a time zone (e.g. 2022-06-02T09:52:00Z)");
    }

    private static Incident single(List<Incident> incidents) {
        assertThat(incidents).hasSize(1);
        return incidents.get(0);
    }
}
