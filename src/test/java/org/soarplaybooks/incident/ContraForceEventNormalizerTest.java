package org.soarplaybooks.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.soarplaybooks.incident.SentinelIncidentNormalizerTest.sample;
import static org.soarplaybooks.incident.SentinelIncidentNormalizerTest.tree;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * ContraForce webhook events. The vendor's documented example
 * ({@code samples/contraforce/webhook-incident-created-v1-envelope.example.jsonc}) is JSONC; the tests read it with
 * its two {@code //} comments removed and every value as published.
 */
class ContraForceEventNormalizerTest {

    private static final String EXAMPLE = "contraforce/webhook-incident-created-v1-envelope.example.jsonc";

    private final ContraForceEventNormalizer normalizer = new ContraForceEventNormalizer();

    /** The documented example as JSON: the {@code //} end-of-line comments removed, nothing else changed. */
    static String documentedExample() {
        return sample(EXAMPLE).replaceAll("//[^\n]*", "");
    }

    @Test
    void documentedCreatedEventWithoutItsComments() {
        String json = documentedExample();

        Incident i = single(normalizer.normalize(json));

        assertThat(i.source()).as("data.source 'sentinel'").isEqualTo(IncidentSource.SENTINEL);
        assertThat(i.id()).isEqualTo("sentinel-incident-id-or-guid");
        assertThat(i.number()).isEqualTo("1234");
        assertThat(i.workspace()).as("no workspaceId: accountId (a placeholder in the example)").isEqualTo("…");
        assertThat(i.title()).isEqualTo("Suspicious sign-in activity");
        assertThat(i.severity()).isEqualTo("High");
        assertThat(i.status()).as("incident.created.v1 without data.status").isEqualTo("New");
        assertThat(i.classification()).isNull();
        assertThat(i.classificationReason()).isNull();
        assertThat(i.classificationComment()).isNull();
        assertThat(i.owner()).isEqualTo("alex@example.com");
        assertThat(i.createdAt()).isEqualTo(Instant.parse("2026-04-22T14:55:00Z"));
        assertThat(i.updatedAt()).isEqualTo(Instant.parse("2026-04-22T14:55:00Z"));
        assertThat(i.raw()).as("the whole envelope").isEqualTo(tree(json));
        assertThat(i.key()).isEqualTo("Sentinel:sentinel-incident-id-or-guid");
        assertThat(new Normalizers().contraForce(json)).containsExactly(i);
    }

    @Test
    void theJsoncAsPublishedIsNotAnInput() {
        assertThatThrownBy(() -> normalizer.normalize(sample(EXAMPLE)))
                .isInstanceOf(NormalizationException.class)
                .hasMessageStartingWith("ContraForce: document is not valid JSON: Unexpected character ('/'");
    }

    @Test
    void statusChangeEventCarriesContraForceValuesAndWorkspace() {
        ObjectNode event = statusChange("Closed");
        ((ObjectNode) event.get("data")).put("classification", "FalsePositive")
                .put("classificationReason", "InaccurateData");

        Incident i = single(normalizer.normalize(event.toString()));

        assertThat(i.status()).isEqualTo("Closed");
        assertThat(i.classification()).isEqualTo("FalsePositive");
        assertThat(i.classificationReason()).isEqualTo("InaccurateData");
        assertThat(i.workspace()).as("workspaceId wins over accountId").isEqualTo("6eca6a1f-2b3c-4d5e-8f90-a1b2c3d4e5f6");
    }

    @Test
    void arrayOfEnvelopesWithSourcesInAnyCase() {
        ArrayNode events = new ObjectMapper().createArrayNode();
        ObjectNode created = tree(documentedExample());
        ((ObjectNode) created.get("data")).put("source", "defenderxdr").put("incidentId", "924518");
        ObjectNode changed = statusChange("Active");
        ((ObjectNode) changed.get("data")).put("source", "CrowdStrike");
        ((ObjectNode) changed.get("data")).putObject("owner").put("displayName", "Alex Analyst");
        events.add(created);
        events.add(changed);

        List<Incident> incidents = normalizer.normalize(events.toString());

        assertThat(incidents).extracting(Incident::source)
                .containsExactly(IncidentSource.DEFENDER_XDR, IncidentSource.CROWDSTRIKE);
        assertThat(incidents).extracting(Incident::status).containsExactly("New", "Active");
        assertThat(incidents.get(0).id()).isEqualTo("924518");
        assertThat(incidents.get(1).owner()).as("no email: displayName").isEqualTo("Alex Analyst");
        assertThat(incidents.get(1).raw()).isEqualTo(changed);
        assertThat(normalizer.normalize("[]")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"sentinelone", "SentinelOne", "SENTINELONE"})
    void sourceIsMatchedIgnoringCase(String source) {
        ObjectNode event = tree(documentedExample());
        ((ObjectNode) event.get("data")).put("source", source);
        assertThat(single(normalizer.normalize(event.toString())).source()).isEqualTo(IncidentSource.SENTINELONE);
    }

    @Test
    void invalidJsonIsRejectedWithTheParserMessage() {
        assertThatThrownBy(() -> normalizer.normalize("{\"type\": \"incident.created.v1\", \"data\": {]"))
                .isInstanceOf(NormalizationException.class)
                .hasMessageStartingWith("ContraForce: document is not valid JSON: Unexpected close marker");
    }

    @Test
    void unknownShapesNameTheSourceAndTheMissingFields() {
        assertThatThrownBy(() -> normalizer.normalize("{\"incidentId\": \"x\"}"))
                .hasMessage("ContraForce: document must be a ContraForce webhook event {\"type\", \"data\": {...}} or"
                        + " a JSON array of them, but has neither \"type\" nor \"data\"");
        assertThatThrownBy(() -> normalizer.normalize("{\"type\": \"incident.created.v1\"}"))
                .hasMessage("ContraForce: /data is missing");
        ObjectNode noType = tree(documentedExample());
        noType.remove("type");
        assertThatThrownBy(() -> normalizer.normalize(noType.toString()))
                .hasMessage("ContraForce: /type is missing");
        ObjectNode noId = tree(documentedExample());
        ((ObjectNode) noId.get("data")).remove("incidentId");
        assertThatThrownBy(() -> normalizer.normalize("[" + noId + "]"))
                .hasMessage("ContraForce: /0/data/incidentId is missing");
        ObjectNode noSource = tree(documentedExample());
        ((ObjectNode) noSource.get("data")).remove("source");
        assertThatThrownBy(() -> normalizer.normalize(noSource.toString()))
                .hasMessage("ContraForce: /data/source is missing");
    }

    @Test
    void onlyIncidentEventsAreAccepted() {
        ObjectNode event = tree(documentedExample()).put("type", "alert.created.v1");
        assertThatThrownBy(() -> normalizer.normalize(event.toString()))
                .hasMessage("ContraForce: /type is 'alert.created.v1', but only incident events (incident.*) are"
                        + " supported");
    }

    @Test
    void unknownSourceNamesPointerValueAndAllowedSources() {
        ObjectNode event = tree(documentedExample());
        ((ObjectNode) event.get("data")).put("source", "splunkes");
        assertThatThrownBy(() -> normalizer.normalize(event.toString()))
                .hasMessage("ContraForce: /data/source has unknown source 'splunkes' (allowed, in any case: sentinel,"
                        + " defenderxdr, qradar, splunk, crowdstrike, sentinelone)");
    }

    @Test
    void statusIsRequiredExceptOnCreatedEvents() {
        ObjectNode event = statusChange("Closed");
        ((ObjectNode) event.get("data")).remove("status");
        assertThatThrownBy(() -> normalizer.normalize(event.toString()))
                .hasMessage("ContraForce: /data/status is missing (only incident.created.v1 events may omit it;"
                        + " this event is incident.updated.v1)");
    }

    @Test
    void unknownStatusOrClassificationNamesPointerValueAndAllowedValues() {
        assertThatThrownBy(() -> normalizer.normalize(statusChange("Resolved").toString()))
                .isInstanceOf(NormalizationException.class)
                .hasMessage("ContraForce: /data/status has unknown status 'Resolved' (allowed: Active, New, Closed)")
                .satisfies(e -> assertThat(((NormalizationException) e).field()).isEqualTo("/data/status"));

        ObjectNode event = statusChange("Closed");
        ((ObjectNode) event.get("data")).put("classification", "falsePositive");
        assertThatThrownBy(() -> normalizer.normalize(event.toString()))
                .hasMessageStartingWith("ContraForce: /data/classification has unknown classification 'falsePositive'"
                        + " (allowed: BenignPositive, FalsePositive, TruePositive, Undetermined,");

        ObjectNode reason = statusChange("Closed");
        ((ObjectNode) reason.get("data")).put("classificationReason", "Inaccurate");
        assertThatThrownBy(() -> normalizer.normalize(reason.toString()))
                .hasMessageStartingWith("ContraForce: /data/classificationReason has unknown classificationReason"
                        + " 'Inaccurate' (allowed: InaccurateData, IncorrectAlertLogic,");
    }

    /** The documented example turned into a status-change event (our assumed shape). */
    private static ObjectNode statusChange(String status) {
        ObjectNode event = tree(documentedExample()).put("type", "incident.updated.v1");
        ((ObjectNode) event.get("data")).put("status", status)
                .put("workspaceId", "6eca6a1f-2b3c-4d5e-8f90-a1b2c3d4e5f6");
        return event;
    }

    private static Incident single(List<Incident> incidents) {
        assertThat(incidents).hasSize(1);
        return incidents.get(0);
    }
}
