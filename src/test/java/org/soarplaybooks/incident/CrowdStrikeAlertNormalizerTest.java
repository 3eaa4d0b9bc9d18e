package org.soarplaybooks.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.soarplaybooks.incident.SentinelIncidentNormalizerTest.sample;
import static org.soarplaybooks.incident.SentinelIncidentNormalizerTest.tree;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CrowdStrike normalization of the real samples in {@code src/main/resources/samples/crowdstrike/}. */
class CrowdStrikeAlertNormalizerTest {

    private static final String ALERTS = "crowdstrike/alerts-v2-entities-cloud-ioa-demisto.json";
    private static final String ERROR_400 = "crowdstrike/crowdstrike-400-errors-array-demisto.json";

    private final CrowdStrikeAlertNormalizer normalizer = new CrowdStrikeAlertNormalizer();

    @Test
    void alertsV2FromDemistoSample() {
        String json = sample(ALERTS);

        List<Incident> incidents = normalizer.normalize(json);

        assertThat(incidents).hasSize(2);
        Incident first = incidents.get(0);
        assertThat(first.source()).isEqualTo(IncidentSource.CROWDSTRIKE);
        assertThat(first.id()).isEqualTo(
                "00000000000000000000000000000001:fcs:ioa-211:00000000-0000-0000-0000-000000000002");
        assertThat(first.number()).isNull();
        assertThat(first.workspace()).isEqualTo("00000000000000000000000000000001");
        assertThat(first.title())
                .isEqualTo("EC2 security group modified with new ingress rule allowing traffic from the public internet");
        assertThat(first.severity()).isEqualTo("High");
        assertThat(first.status()).isEqualTo("new");
        assertThat(first.classification()).isNull();
        assertThat(first.classificationReason()).isNull();
        assertThat(first.classificationComment()).isNull();
        assertThat(first.owner()).isNull();
        assertThat(first.createdAt()).isEqualTo(Instant.parse("2026-04-20T22:49:16.583865066Z"));
        assertThat(first.updatedAt()).isEqualTo(Instant.parse("2026-04-20T22:49:16.583865066Z"));
        assertThat(first.raw()).isEqualTo(tree(json).get("resources").get(0));

        Incident second = incidents.get(1);
        assertThat(second.id()).isEqualTo(
                "00000000000000000000000000000001:fcs:ioa-211:11111111-2222-3333-4444-555555555555");
        assertThat(second.workspace()).isEqualTo("00000000000000000000000000000001");
        assertThat(second.title()).isEqualTo("Another IOA");
        assertThat(second.severity()).isEqualTo("Low");
        assertThat(second.status()).isEqualTo("new");
        assertThat(second.createdAt()).isEqualTo(Instant.parse("2026-04-20T22:50:16.583865066Z"));
        assertThat(second.updatedAt()).isEqualTo(Instant.parse("2026-04-20T22:50:16.583865066Z"));
        assertThat(second.raw()).isEqualTo(tree(json).get("resources").get(1));

        assertThat(new Normalizers().crowdStrike(json)).isEqualTo(incidents);
    }

    @Test
    void idTitleAndOwnerFallBackInDocumentedOrder() {
        ObjectNode doc = tree(sample(ALERTS));
        ObjectNode alert = (ObjectNode) doc.get("resources").get(1);
        alert.remove("composite_id");
        alert.remove("display_name");
        alert.put("status", "in_progress").put("assigned_to_uid", "analyst@example.com");

        Incident i = normalizer.normalize(doc.toString()).get(1);
        assertThat(i.id()).isEqualTo("fcs:ioa-211:11111111-2222-3333-4444-555555555555");
        assertThat(i.title()).as("name").isEqualTo("Another IOA");
        assertThat(i.status()).isEqualTo("in_progress");
        assertThat(i.owner()).isEqualTo("analyst@example.com");

        alert.remove("name");
        alert.put("assigned_to_name", "Alex Analyst");
        i = normalizer.normalize(doc.toString()).get(1);
        assertThat(i.title()).as("description").isEqualTo("Second IOA alert for dedup/pagination tests.");
        assertThat(i.owner()).isEqualTo("Alex Analyst");
    }

    @Test
    void errorsNextToResourcesAreNotFatal() {
        ObjectNode doc = tree(sample(ALERTS));
        ((ArrayNode) doc.get("errors")).addObject().put("code", 500).put("message", "partial result");

        assertThat(normalizer.normalize(doc.toString())).hasSize(2);
    }

    @Test
    void realErrorSampleWithPartialNonAlertResourcesFailsOnTheFirstResource() {
        assertThatThrownBy(() -> normalizer.normalize(sample(ERROR_400)))
                .isInstanceOf(NormalizationException.class)
                .hasMessage("CrowdStrike Falcon: /resources/0/composite_id is missing (and there is no \"id\")");
    }

    @Test
    void errorsWithoutResourcesNameTheFirstErrorCodeAndMessage() {
        ObjectNode doc = tree(sample(ERROR_400));
        String expected = "CrowdStrike Falcon: /errors is a CrowdStrike Falcon error response: code 400: Invalid"
                + " policy ID 121231 provided";

        doc.remove("resources");
        assertThatThrownBy(() -> normalizer.normalize(doc.toString())).hasMessage(expected);
        doc.putNull("resources");
        assertThatThrownBy(() -> normalizer.normalize(doc.toString())).hasMessage(expected);
        doc.putArray("resources");
        assertThatThrownBy(() -> normalizer.normalize(doc.toString())).hasMessage(expected);
    }

    @Test
    void emptyResults() {
        assertThat(normalizer.normalize("{\"meta\": {}, \"errors\": [], \"resources\": []}")).isEmpty();
        assertThat(normalizer.normalize("{\"meta\": {}, \"errors\": null, \"resources\": null}")).isEmpty();
    }

    @Test
    void invalidJsonIsRejectedWithTheParserMessage() {
        assertThatThrownBy(() -> normalizer.normalize("{\"resources\": [}"))
                .isInstanceOf(NormalizationException.class)
                .hasMessageStartingWith("CrowdStrike Falcon: document is not valid JSON: Unexpected close marker");
    }

    @Test
    void unknownShapesNameTheSourceAndTheMissingField() {
        String alert = tree(sample(ALERTS)).get("resources").get(0).toString();
        assertThatThrownBy(() -> normalizer.normalize(alert))
                .as("a bare alert is not the Falcon envelope")
                .hasMessage("CrowdStrike Falcon: /resources is missing (expected a CrowdStrike Falcon response"
                        + " {\"meta\", \"errors\", \"resources\": [...]})");
        assertThatThrownBy(() -> normalizer.normalize("[" + alert + "]"))
                .hasMessage("CrowdStrike Falcon: document must be a CrowdStrike Falcon response {\"meta\", \"errors\","
                        + " \"resources\": [...]}, but is a JSON array");
        assertThatThrownBy(() -> normalizer.normalize("{\"resources\": {}}"))
                .hasMessage("CrowdStrike Falcon: /resources must be a JSON array of alerts, but is a JSON object");
        assertThatThrownBy(() -> normalizer.normalize("{\"resources\": [\"fcs:ioa-211:x\"]}"))
                .hasMessage("CrowdStrike Falcon: /resources/0 must be a CrowdStrike Falcon alert object, but is a JSON"
                        + " string");
    }

    @Test
    void unknownStatusNamesPointerValueAndAllowedValues() {
        ObjectNode doc = tree(sample(ALERTS));
        ((ObjectNode) doc.get("resources").get(1)).put("status", "true_positive");

        assertThatThrownBy(() -> normalizer.normalize(doc.toString()))
                .isInstanceOf(NormalizationException.class)
                .hasMessage("CrowdStrike Falcon: /resources/1/status has unknown status 'true_positive'"
                        + " (allowed: new, in_progress, closed, reopened)")
                .satisfies(e -> assertThat(((NormalizationException) e).field()).isEqualTo("/resources/1/status"));

        ((ObjectNode) doc.get("resources").get(1)).remove("status");
        assertThatThrownBy(() -> normalizer.normalize(doc.toString()))
                .hasMessage("CrowdStrike Falcon: /resources/1/status is missing");
    }
}
