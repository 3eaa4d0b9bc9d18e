package org.soarplaybooks.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.soarplaybooks.incident.SentinelIncidentNormalizerTest.tree;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Splunk ES normalization. No real notable sample exists; the fixture
 * {@code src/test/resources/fixtures/splunk/notables-search-results.json} is ours (see the README there).
 */
class SplunkNotableNormalizerTest {

    private final SplunkNotableNormalizer normalizer = new SplunkNotableNormalizer();

    static String fixture() {
        String name = "/fixtures/splunk/notables-search-results.json";
        try (InputStream in = SplunkNotableNormalizerTest.class.getResourceAsStream(name)) {
            assertThat(in).as("fixture %s on the classpath", name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void searchResultsEnvelope() {
        String json = fixture();

        List<Incident> incidents = normalizer.normalize(json);

        assertThat(incidents).hasSize(2);
        Incident first = incidents.get(0);
        assertThat(first.source()).isEqualTo(IncidentSource.SPLUNK);
        assertThat(first.id()).isEqualTo("4D3C2B1A-0E0F-4A1B-9C2D-3E4F5A6B7C8D@@notable@@0f1e2d3c4b5a69788796a5b4c3d2e1f0");
        assertThat(first.number()).isNull();
        assertThat(first.workspace()).isNull();
        assertThat(first.title()).as("rule_title wins").isEqualTo("Brute Force Access Behavior Detected From 203.0.113.5");
        assertThat(first.severity()).isEqualTo("high");
        assertThat(first.status()).as("status 2").isEqualTo("In Progress");
        assertThat(first.classification()).isEqualTo("disposition:1");
        assertThat(first.classificationReason()).isEqualTo("disposition:1");
        assertThat(first.classificationComment()).isNull();
        assertThat(first.owner()).isEqualTo("analyst1");
        assertThat(first.createdAt()).isEqualTo(Instant.parse("2024-05-14T09:12:44Z"));
        assertThat(first.updatedAt()).isNull();
        assertThat(first.raw()).isEqualTo(tree(json).get("results").get(0));

        Incident second = incidents.get(1);
        assertThat(second.id()).isEqualTo("9A8B7C6D-5E4F-4A3B-8C2D-1E0F9A8B7C6D@@notable@@a1b2c3d4e5f60718293a4b5c6d7e8f90");
        assertThat(second.title()).as("no rule_title: rule_name")
                .isEqualTo("Endpoint - High Or Critical Priority Host With Malware - Rule");
        assertThat(second.severity()).isEqualTo("medium");
        assertThat(second.status()).as("status 5").isEqualTo("Closed");
        assertThat(second.classification()).isEqualTo("disposition:3");
        assertThat(second.classificationReason()).isEqualTo("disposition:3");
        assertThat(second.owner()).isEqualTo("unassigned");
        assertThat(second.createdAt()).as("epoch seconds with a fraction")
                .isEqualTo(Instant.parse("2024-05-14T09:13:20.250Z"));
        assertThat(second.raw()).isEqualTo(tree(json).get("results").get(1));

        assertThat(new Normalizers().splunk(json)).isEqualTo(incidents);
    }

    @Test
    void singleNotableAndJsonArrayGiveTheSameIncidents() {
        ObjectNode doc = tree(fixture());
        String array = doc.get("results").toString();
        String single = doc.get("results").get(0).toString();

        assertThat(normalizer.normalize(array)).isEqualTo(normalizer.normalize(doc.toString()));
        assertThat(normalizer.normalize(single)).containsExactly(normalizer.normalize(doc.toString()).get(0));
        assertThat(normalizer.normalize("[]")).isEmpty();
        assertThat(normalizer.normalize("{\"preview\": false, \"results\": []}")).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"0, Unassigned", "1, New", "2, In Progress", "3, Pending", "4, Resolved", "5, Closed"})
    void numericStatusBecomesItsLabel(String status, String label) {
        ObjectNode notable = firstNotable().put("status", status);
        notable.remove("status_label");
        assertThat(normalizer.normalize(notable.toString()).get(0).status()).isEqualTo(label);

        notable.put("status", Integer.parseInt(status));
        assertThat(normalizer.normalize(notable.toString()).get(0).status()).as("as a JSON number").isEqualTo(label);
    }

    @Test
    void labelStatusAndStatusLabelAreAccepted() {
        ObjectNode notable = firstNotable().put("status", "Pending");
        assertThat(normalizer.normalize(notable.toString()).get(0).status()).isEqualTo("Pending");

        notable.remove("status");
        assertThat(normalizer.normalize(notable.toString()).get(0).status()).as("status_label").isEqualTo("In Progress");
    }

    @Test
    void timeAsEpochSecondsNumberOrWithoutFraction() {
        assertThat(normalizer.normalize(firstNotable().put("_time", 1715678000).toString()).get(0).createdAt())
                .isEqualTo(Instant.parse("2024-05-14T09:13:20Z"));
        assertThat(normalizer.normalize(firstNotable().put("_time", "1715678000").toString()).get(0).createdAt())
                .isEqualTo(Instant.parse("2024-05-14T09:13:20Z"));
        assertThatThrownBy(() -> normalizer.normalize(firstNotable().put("_time", "2024-05-14 09:12:44").toString()))
                .hasMessage("Splunk Enterprise Security: /_time '2024-05-14 09:12:44' is not an ISO-8601 date-time"
                        + " with a time zone (e.g. 2022-06-02T09:52:00Z)");
    }

    @Test
    void invalidJsonIsRejectedWithTheParserMessage() {
        assertThatThrownBy(() -> normalizer.normalize("{\"results\": [}"))
                .isInstanceOf(NormalizationException.class)
                .hasMessageStartingWith("Splunk Enterprise Security: document is not valid JSON: Unexpected close marker");
    }

    @Test
    void unknownShapesNameTheSourceAndTheMissingFields() {
        assertThatThrownBy(() -> normalizer.normalize("{\"preview\": false, \"messages\": []}"))
                .isInstanceOf(NormalizationException.class)
                .hasMessage("Splunk Enterprise Security: document must be a Splunk ES notable event with \"event_id\","
                        + " a JSON array of them or search results {\"results\": [...]}, but has neither \"results\""
                        + " nor \"event_id\"");
        assertThatThrownBy(() -> normalizer.normalize("[{\"rule_name\": \"x\", \"status\": \"1\"}]"))
                .hasMessage("Splunk Enterprise Security: /0/event_id is missing");
        assertThatThrownBy(() -> normalizer.normalize("{\"results\": \"none\"}"))
                .hasMessage("Splunk Enterprise Security: /results must be a JSON array of notable events, but is a"
                        + " JSON string");
        ObjectNode noStatus = firstNotable();
        noStatus.remove("status");
        noStatus.remove("status_label");
        assertThatThrownBy(() -> normalizer.normalize(noStatus.toString()))
                .hasMessage("Splunk Enterprise Security: /status is missing (and there is no \"status_label\")");
    }

    @Test
    void unknownStatusNamesPointerValueAndAllowedValues() {
        ObjectNode doc = tree(fixture());
        ((ObjectNode) doc.get("results").get(1)).put("status", "6");
        assertThatThrownBy(() -> normalizer.normalize(doc.toString()))
                .isInstanceOf(NormalizationException.class)
                .hasMessage("Splunk Enterprise Security: /results/1/status has unknown status '6' (allowed: 0 to 5 or"
                        + " Unassigned, New, In Progress, Pending, Resolved, Closed)")
                .satisfies(e -> assertThat(((NormalizationException) e).field()).isEqualTo("/results/1/status"));

        ((ObjectNode) doc.get("results").get(1)).put("status", "in progress");
        assertThatThrownBy(() -> normalizer.normalize(doc.toString()))
                .hasMessage("Splunk Enterprise Security: /results/1/status has unknown status 'in progress' (allowed:"
                        + " Unassigned, New, In Progress, Pending, Resolved, Closed)");

        ((ObjectNode) doc.get("results").get(1)).put("status", "99999999999");
        assertThatThrownBy(() -> normalizer.normalize(doc.toString()))
                .hasMessageStartingWith("Splunk Enterprise Security: /results/1/status has unknown status '99999999999'");
    }

    @Test
    void unknownDispositionIsRejected() {
        assertThatThrownBy(() -> normalizer.normalize(firstNotable().put("disposition", "disposition:7").toString()))
                .hasMessage("Splunk Enterprise Security: /disposition has unknown disposition 'disposition:7'"
                        + " (allowed: disposition:0, disposition:1, disposition:2, disposition:3, disposition:4,"
                        + " disposition:5, disposition:6)");
        ObjectNode none = firstNotable();
        none.remove("disposition");
        assertThat(normalizer.normalize(none.toString()).get(0).classification()).isNull();
    }

    private ObjectNode firstNotable() {
        return (ObjectNode) tree(fixture()).get("results").get(0);
    }
}
