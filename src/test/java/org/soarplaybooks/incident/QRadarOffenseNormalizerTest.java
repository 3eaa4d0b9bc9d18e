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

/** QRadar normalization of the real samples in {@code src/main/resources/samples/qradar/}. */
class QRadarOffenseNormalizerTest {

    private static final String OFFENSE = "qradar/offense-16-open-demisto.json";
    private static final String REASONS = "qradar/closing-reasons-list-demisto.json";
    /** The shape of rapid7's published example (ids 1 and 3), used as "another installation's list". */
    private static final String OTHER_INSTALLATION = "[{\"id\": 1, \"is_deleted\": false, \"is_reserved\": false,"
            + " \"text\": \"Non-Issue\"}, {\"id\": 3, \"is_deleted\": false, \"is_reserved\": false,"
            + " \"text\": \"Policy Violation\"}]";

    private final QRadarOffenseNormalizer normalizer = new QRadarOffenseNormalizer();

    @Test
    void openOffense16FromDemistoSample() {
        String json = sample(OFFENSE);

        Incident i = single(normalizer.normalize(json));

        assertThat(i.source()).isEqualTo(IncidentSource.QRADAR);
        assertThat(i.id()).isEqualTo("16");
        assertThat(i.number()).isNull();
        assertThat(i.workspace()).as("domain_id").isEqualTo("0");
        assertThat(i.title()).as("description exactly as sent").isEqualTo("Session Closed\n");
        assertThat(i.severity()).isEqualTo("2");
        assertThat(i.status()).isEqualTo("OPEN");
        assertThat(i.classification()).isNull();
        assertThat(i.classificationReason()).isNull();
        assertThat(i.classificationComment()).isNull();
        assertThat(i.owner()).isNull();
        assertThat(i.createdAt()).isEqualTo(Instant.ofEpochMilli(1613399051536L))
                .isEqualTo(Instant.parse("2021-02-15T14:24:11.536Z"));
        assertThat(i.updatedAt()).isEqualTo(Instant.parse("2021-02-15T14:24:11.536Z"));
        assertThat(i.raw()).isEqualTo(tree(json));
        assertThat(i.key()).isEqualTo("QRadar:16");
    }

    @Test
    void listWithAClosedOffenseResolvesTheClosingReasonFromTheBundledList() {
        ArrayNode list = new ObjectMapper().createArrayNode();
        list.add(tree(sample(OFFENSE)));
        list.add(closed(2).put("id", 17).put("assigned_to", "admin").put("last_updated_time", 1613400000000L));

        List<Incident> incidents = normalizer.normalize(list.toString());

        assertThat(incidents).hasSize(2);
        assertThat(incidents.get(0).id()).isEqualTo("16");
        assertThat(incidents.get(0).status()).isEqualTo("OPEN");
        Incident closed = incidents.get(1);
        assertThat(closed.id()).isEqualTo("17");
        assertThat(closed.status()).isEqualTo("CLOSED");
        assertThat(closed.classification()).isEqualTo("False-Positive, Tuned");
        assertThat(closed.classificationReason()).isEqualTo("False-Positive, Tuned");
        assertThat(closed.owner()).isEqualTo("admin");
        assertThat(closed.updatedAt()).isEqualTo(Instant.ofEpochMilli(1613400000000L));
        assertThat(closed.raw()).isEqualTo(list.get(1));
        assertThat(single(normalizer.normalize(closed(1).toString())).classification()).isEqualTo("Non-Issue");
        assertThat(normalizer.normalize("[]")).isEmpty();
    }

    @Test
    void bundledDefaultIsTheRealSample() {
        QRadarOffenseNormalizer explicit = new QRadarOffenseNormalizer(sample(REASONS));
        assertThat(explicit.normalize(closed(2).toString())).isEqualTo(normalizer.normalize(closed(2).toString()));
    }

    @Test
    void anInstallationsOwnClosingReasonsPerCallOrPerNormalizer() {
        String policyViolation = closed(3).toString();

        assertThat(single(normalizer.normalize(policyViolation, OTHER_INSTALLATION)).classification())
                .isEqualTo("Policy Violation");
        assertThat(single(new QRadarOffenseNormalizer(OTHER_INSTALLATION).normalize(policyViolation))
                .classificationReason()).isEqualTo("Policy Violation");
        assertThat(single(normalizer.normalize(closed(2).toString(), null)).classification())
                .as("null = the normalizer's own list").isEqualTo("False-Positive, Tuned");
    }

    @Test
    void closingReasonIdMissingFromTheListIsRejected() {
        assertThatThrownBy(() -> normalizer.normalize(closed(3).toString()))
                .isInstanceOf(NormalizationException.class)
                .hasMessage("IBM QRadar: /closing_reason_id is 3, which the closing-reasons list does not have"
                        + " (known: 1 'Non-Issue', 2 'False-Positive, Tuned'); pass this QRadar's"
                        + " GET /api/siem/offense_closing_reasons list");
    }

    @Test
    void closingReasonCountsOnlyWhenClosed() {
        ObjectNode noReason = closed(2);
        noReason.putNull("closing_reason_id");
        assertThat(single(normalizer.normalize(noReason.toString())).classification()).isNull();

        ObjectNode reopened = closed(99).put("status", "OPEN");
        Incident i = single(normalizer.normalize(reopened.toString()));
        assertThat(i.classification()).as("a reopened offense keeps its old id; it is not a verdict").isNull();
        assertThat(i.classificationReason()).isNull();
        assertThat(single(normalizer.normalize(closed(2).put("status", "HIDDEN").toString())).status())
                .isEqualTo("HIDDEN");
    }

    @Test
    void facadeUsesTheBundledList() {
        String json = sample(OFFENSE);
        assertThat(new Normalizers().qradar(json)).isEqualTo(normalizer.normalize(json));
        assertThat(new Normalizers().qradar(closed(2).toString()).get(0).classification())
                .isEqualTo("False-Positive, Tuned");
    }

    @Test
    void invalidJsonIsRejectedWithTheParserMessage() {
        assertThatThrownBy(() -> normalizer.normalize("[{\"id\": 16,]"))
                .isInstanceOf(NormalizationException.class)
                .hasMessageStartingWith("IBM QRadar: document is not valid JSON: Unexpected character (']'");
    }

    @Test
    void unknownShapesNameTheSourceAndTheMissingField() {
        assertThatThrownBy(() -> normalizer.normalize("{\"description\": \"x\", \"status\": \"OPEN\"}"))
                .hasMessage("IBM QRadar: document must be a QRadar offense {\"id\", \"status\", ...} or a JSON array"
                        + " of offenses, but has no \"id\"");
        assertThatThrownBy(() -> normalizer.normalize("\"16\""))
                .hasMessage("IBM QRadar: document must be a QRadar offense {\"id\", \"status\", ...} or a JSON array"
                        + " of offenses, but is a JSON string");
        assertThatThrownBy(() -> normalizer.normalize("[{\"id\": 16}]"))
                .hasMessage("IBM QRadar: /0/status is missing");
        assertThatThrownBy(() -> normalizer.normalize("[16]"))
                .hasMessage("IBM QRadar: /0 must be a QRadar offense object, but is a JSON number");
    }

    @Test
    void qradarErrorBodyIsRejectedWithItsMessage() {
        String error = "{\"http_response\": {\"code\": 404, \"message\": \"We could not find the resource you"
                + " requested.\"}, \"code\": 1002, \"message\": \"No offense was found for the provided offense_id\","
                + " \"description\": \"\", \"details\": {}}";
        assertThatThrownBy(() -> normalizer.normalize(error))
                .hasMessage("IBM QRadar: /http_response is a QRadar error response: No offense was found for the"
                        + " provided offense_id");
    }

    @Test
    void unknownStatusNamesPointerValueAndAllowedValues() {
        ArrayNode list = new ObjectMapper().createArrayNode();
        list.add(tree(sample(OFFENSE)));
        list.add(tree(sample(OFFENSE)).put("status", "closed"));

        assertThatThrownBy(() -> normalizer.normalize(list.toString()))
                .isInstanceOf(NormalizationException.class)
                .hasMessage("IBM QRadar: /1/status has unknown status 'closed' (allowed: OPEN, HIDDEN, CLOSED)")
                .satisfies(e -> assertThat(((NormalizationException) e).field()).isEqualTo("/1/status"));
    }

    @Test
    void timesMustBeEpochMilliseconds() {
        ObjectNode offense = tree(sample(OFFENSE)).put("start_time", "2021-02-15T14:24:11Z");
        assertThatThrownBy(() -> normalizer.normalize(offense.toString()))
                .hasMessage("IBM QRadar: /start_time must be epoch milliseconds (a JSON integer), but is a JSON string");
    }

    @Test
    void badClosingReasonListsAreRejectedUnderTheirOwnName() {
        String offense = sample(OFFENSE);
        assertThatThrownBy(() -> normalizer.normalize(offense, "{\"data\": []}"))
                .isInstanceOf(NormalizationException.class)
                .hasMessage("IBM QRadar closing reasons: document must be a JSON array of closing reasons {\"id\","
                        + " \"text\", ...}, but is a JSON object");
        assertThatThrownBy(() -> new QRadarOffenseNormalizer("[{\"id\": 1, \"text\": \"a\"}, {\"id\": 1, \"text\": \"b\"}]"))
                .hasMessage("IBM QRadar closing reasons: /1/id repeats closing reason id 1");
        assertThatThrownBy(() -> new QRadarOffenseNormalizer("[{\"id\": 1}]"))
                .hasMessage("IBM QRadar closing reasons: /0/text is missing");
        assertThatThrownBy(() -> new QRadarOffenseNormalizer("[{\"id\": 1,"))
                .hasMessageStartingWith("IBM QRadar closing reasons: document is not valid JSON:");
    }

    /** Offense 16 of the real sample, closed with closing reason {@code reasonId}. */
    private static ObjectNode closed(int reasonId) {
        return tree(sample(OFFENSE)).put("status", "CLOSED").put("closing_reason_id", reasonId)
                .put("close_time", 1613400000000L).put("closing_user", "admin");
    }

    private static Incident single(List<Incident> incidents) {
        assertThat(incidents).hasSize(1);
        return incidents.get(0);
    }
}
