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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** SentinelOne normalization of the real samples in {@code src/main/resources/samples/sentinelone/}. */
class SentinelOneThreatNormalizerTest {

    private static final String V21 = "sentinelone/threats-list-v2_1-demisto.json";
    private static final String FLAT = "sentinelone/threats-list-v2_0-flat-rapid7.json";
    private static final String SAME_STATUS = "sentinelone/threats-list-same-status-rapid7.json";
    private static final String SCHEMA_EXAMPLE = "sentinelone/threat-v2_1-schema-example-rapid7.json";
    private static final String EMPTY = "sentinelone/threats-list-empty.json";

    private final SentinelOneThreatNormalizer normalizer = new SentinelOneThreatNormalizer();

    @Test
    void v21ListFromDemistoSample() {
        String json = sample(V21);

        List<Incident> incidents = normalizer.normalize(json);

        assertThat(incidents).hasSize(2);
        Incident first = incidents.get(0);
        assertThat(first.source()).isEqualTo(IncidentSource.SENTINELONE);
        assertThat(first.id()).isEqualTo("123456");
        assertThat(first.number()).isNull();
        assertThat(first.workspace()).isEqualTo("123456");
        assertThat(first.title()).isEqualTo("cmd.exe (interactive session)");
        assertThat(first.severity()).isEqualTo("malicious");
        assertThat(first.status()).isEqualTo("in_progress");
        assertThat(first.classification()).isEqualTo("true_positive");
        assertThat(first.classificationReason()).isNull();
        assertThat(first.classificationComment()).isNull();
        assertThat(first.owner()).isNull();
        assertThat(first.createdAt()).isEqualTo(Instant.parse("2022-12-20T13:54:53.009117Z"));
        assertThat(first.updatedAt()).isEqualTo(Instant.parse("2022-12-21T10:29:58.264166Z"));
        assertThat(first.raw()).isEqualTo(tree(json).get("data").get(0));

        Incident second = incidents.get(1);
        // the published sample gives both threats the same id and the second an empty threatName
        assertThat(second.id()).isEqualTo("123456");
        assertThat(second.workspace()).isEqualTo("123456");
        assertThat(second.title()).isEmpty();
        assertThat(second.severity()).isEqualTo("malicious");
        assertThat(second.status()).isEqualTo("unresolved");
        assertThat(second.classification()).isEqualTo("suspicious");
        assertThat(second.createdAt()).isEqualTo(Instant.parse("2022-12-20T15:51:17.514437Z"));
        assertThat(second.updatedAt()).isEqualTo(Instant.parse("2022-12-20T15:51:17.514437Z"));
        assertThat(second.raw()).isEqualTo(tree(json).get("data").get(1));
    }

    @Test
    void aParsedThreatGivesTheSameIncidentAsItsText() {
        com.fasterxml.jackson.databind.JsonNode threat = tree(sample(V21)).get("data").get(1);

        Incident parsed = single(normalizer.normalizeParsed(threat));

        assertThat(parsed).isEqualTo(single(normalizer.normalize(threat.toString())));
        assertThat(parsed.id()).isEqualTo(threat.get("id").asText());
        ObjectNode bad = threat.deepCopy();
        ((ObjectNode) bad.get("threatInfo")).put("incidentStatus", "closed");
        assertThatThrownBy(() -> normalizer.normalizeParsed(bad)).isInstanceOf(NormalizationException.class)
                .hasMessageContaining("incidentStatus");
    }

    @Test
    void flatV20ThreatDerivesStatusFromResolved() {
        String json = sample(FLAT);

        Incident i = single(normalizer.normalize(json));

        assertThat(i.id()).isEqualTo("11111111111111");
        assertThat(i.workspace()).isEqualTo("1626072197849348704");
        assertThat(i.title()).isEqualTo("example.txt");
        assertThat(i.severity()).isNull();
        assertThat(i.status()).as("resolved=false, no incidentStatus").isEqualTo("unresolved");
        assertThat(i.classification()).as("top-level 'classification: Malware' is not a verdict").isNull();
        assertThat(i.classificationReason()).isNull();
        assertThat(i.owner()).isNull();
        assertThat(i.createdAt()).isEqualTo(Instant.parse("2023-09-20T09:03:06.792Z"));
        assertThat(i.updatedAt()).isEqualTo(Instant.parse("2023-09-20T09:03:07.151615Z"));
        assertThat(i.raw()).isEqualTo(tree(json).get("data").get(0));
    }

    @Test
    void flatThreatResolvedTrueAndExplicitStatusAndVerdict() {
        ObjectNode threat = (ObjectNode) tree(sample(FLAT)).get("data").get(0);
        threat.put("resolved", true);
        assertThat(single(normalizer.normalize(threat.toString())).status()).isEqualTo("resolved");

        threat.put("incidentStatus", "in_progress").put("analystVerdict", "false_positive");
        Incident i = single(normalizer.normalize(threat.toString()));
        assertThat(i.status()).as("an explicit incidentStatus wins over resolved").isEqualTo("in_progress");
        assertThat(i.classification()).isEqualTo("false_positive");
    }

    @Test
    void flatThreatWithoutStatusOrResolvedIsRejected() {
        ObjectNode doc = tree(sample(FLAT));
        ((ObjectNode) doc.get("data").get(0)).remove("resolved");

        assertThatThrownBy(() -> normalizer.normalize(doc.toString()))
                .isInstanceOf(NormalizationException.class)
                .hasMessage("SentinelOne: /data/0/incidentStatus is missing (and there is no \"resolved\" flag to"
                        + " derive it from)");
    }

    @Test
    void minimalSameStatusThreat() {
        String json = sample(SAME_STATUS);

        Incident i = single(normalizer.normalize(json));

        assertThat(i.id()).isEqualTo("same_status_threat_id_1");
        assertThat(i.status()).isEqualTo("in_progress");
        assertThat(i.classification()).isEqualTo("false_positive");
        assertThat(i.workspace()).isNull();
        assertThat(i.title()).isNull();
        assertThat(i.severity()).isNull();
        assertThat(i.createdAt()).isNull();
        assertThat(i.updatedAt()).isNull();
        assertThat(i.raw()).isEqualTo(tree(json).get("data").get(0));
    }

    @Test
    void schemaExampleWithErrorsBesideDataNormalizes() {
        String json = sample(SCHEMA_EXAMPLE);

        Incident i = single(normalizer.normalize(json));

        assertThat(i.id()).isEqualTo("valid_threat_id_1");
        assertThat(i.workspace()).isEqualTo("string");
        assertThat(i.title()).isEqualTo("string");
        assertThat(i.severity()).isEqualTo("malicious");
        assertThat(i.status()).isEqualTo("unresolved");
        assertThat(i.classification()).isEqualTo("undefined");
        assertThat(i.createdAt()).isEqualTo(Instant.parse("2018-02-27T04:49:26.257525Z"));
        assertThat(i.updatedAt()).isEqualTo(Instant.parse("2018-02-27T04:49:26.257525Z"));
        assertThat(i.raw()).isEqualTo(tree(json).get("data").get(0));
    }

    @Test
    void emptyPage() {
        assertThat(normalizer.normalize(sample(EMPTY))).isEmpty();
        assertThat(normalizer.normalize("{\"errors\": [{}], \"data\": []}")).isEmpty();
    }

    @Test
    void singleThreatInDataAndBareThreat() {
        ObjectNode threat = (ObjectNode) tree(sample(V21)).get("data").get(0);
        ObjectNode wrapped = SentinelIncidentNormalizerTest.tree("{}");
        wrapped.set("data", threat);

        Incident fromData = single(normalizer.normalize(wrapped.toString()));
        Incident bare = single(normalizer.normalize(threat.toString()));

        assertThat(fromData).isEqualTo(bare);
        assertThat(bare.id()).isEqualTo("123456");
        assertThat(bare.status()).isEqualTo("in_progress");
        assertThat(bare.raw()).isEqualTo(threat);
    }

    @Test
    void siteFallsBackToAgentRealtimeInfo() {
        ObjectNode threat = (ObjectNode) tree(sample(SCHEMA_EXAMPLE)).get("data").get(0);
        threat.remove("agentDetectionInfo");
        ((ObjectNode) threat.get("agentRealtimeInfo")).put("siteId", "realtime-site");

        assertThat(single(normalizer.normalize(threat.toString())).workspace()).isEqualTo("realtime-site");
    }

    @Test
    void bytesAndFacadeGiveTheSameResult() {
        String json = sample(V21);
        assertThat(normalizer.normalize(json.getBytes(StandardCharsets.UTF_8))).isEqualTo(normalizer.normalize(json));
        assertThat(new Normalizers().sentinelOne(json)).isEqualTo(normalizer.normalize(json));
    }

    @Test
    void invalidJsonIsRejectedWithTheParserMessage() {
        assertThatThrownBy(() -> normalizer.normalize("{\"data\": [}"))
                .isInstanceOf(NormalizationException.class)
                .hasMessageStartingWith("SentinelOne: document is not valid JSON: Unexpected close marker");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"threat\"", "3.5", "[{\"id\": \"1\"}]"})
    void nonObjectDocumentsAreRejected(String json) {
        assertThatThrownBy(() -> normalizer.normalize(json))
                .isInstanceOf(NormalizationException.class)
                .hasMessageStartingWith("SentinelOne: document must be a SentinelOne threats response")
                .hasMessageMatching(".*but is a JSON (string|number|array)$");
    }

    @Test
    void objectThatIsNoThreatIsRejected() {
        assertThatThrownBy(() -> normalizer.normalize("{\"pagination\": {}}"))
                .hasMessageEndingWith("but has neither \"data\" nor \"id\"");
        assertThatThrownBy(() -> normalizer.normalize("{\"data\": \"x\"}"))
                .hasMessage("SentinelOne: /data must be a JSON array of threats or a threat object, but is a JSON string");
        assertThatThrownBy(() -> normalizer.normalize("{\"data\": [42]}"))
                .hasMessage("SentinelOne: /data/0 must be a SentinelOne threat object, but is a JSON number");
    }

    @Test
    void errorResponseIsRejectedWithItsDetail() {
        String error = "{\"errors\": [{\"code\": 4000010, \"detail\": \"Invalid cursor value received\","
                + " \"title\": \"Validation Error\"}]}";

        assertThatThrownBy(() -> normalizer.normalize(error))
                .hasMessage("SentinelOne: /errors is a SentinelOne error response: Validation Error:"
                        + " Invalid cursor value received");
    }

    @Test
    void unknownIncidentStatusNamesPointerValueAndAllowedValues() {
        ObjectNode doc = tree(sample(V21));
        ((ObjectNode) doc.get("data").get(1).get("threatInfo")).put("incidentStatus", "closed");

        assertThatThrownBy(() -> normalizer.normalize(doc.toString()))
                .isInstanceOf(NormalizationException.class)
                .hasMessage("SentinelOne: /data/1/threatInfo/incidentStatus has unknown incidentStatus 'closed'"
                        + " (allowed: unresolved, in_progress, resolved)")
                .satisfies(e -> assertThat(((NormalizationException) e).field())
                        .isEqualTo("/data/1/threatInfo/incidentStatus"));
    }

    @Test
    void unknownVerdictIsRejectedAndNullVerdictAllowed() {
        ObjectNode doc = tree(sample(V21));
        ObjectNode info = (ObjectNode) doc.get("data").get(0).get("threatInfo");
        info.put("analystVerdict", "benign");
        assertThatThrownBy(() -> normalizer.normalize(doc.toString()))
                .hasMessage("SentinelOne: /data/0/threatInfo/analystVerdict has unknown analystVerdict 'benign'"
                        + " (allowed: true_positive, false_positive, suspicious, undefined)");

        info.putNull("analystVerdict");
        assertThat(normalizer.normalize(doc.toString()).get(0).classification()).isNull();
        info.remove("analystVerdict");
        assertThat(normalizer.normalize(doc.toString()).get(0).classification()).isNull();
    }

    @Test
    void missingIdOrV21StatusIsReported() {
        ObjectNode noId = tree(sample(SAME_STATUS));
        ((ObjectNode) noId.get("data").get(0)).remove("id");
        assertThatThrownBy(() -> normalizer.normalize(noId.toString()))
                .hasMessage("SentinelOne: /data/0/id is missing");

        ObjectNode noStatus = tree(sample(SAME_STATUS));
        ((ObjectNode) noStatus.get("data").get(0).get("threatInfo")).remove("incidentStatus");
        assertThatThrownBy(() -> normalizer.normalize(noStatus.toString()))
                .hasMessage("SentinelOne: /data/0/threatInfo/incidentStatus is missing");
    }

    @Test
    void numericIdsAreAcceptedAsText() {
        Incident i = single(normalizer.normalize(
                "{\"id\": 1778148227837931640, \"siteId\": 1626072197849348704, \"resolved\": true}"));

        assertThat(i.id()).isEqualTo("1778148227837931640");
        assertThat(i.workspace()).isEqualTo("1626072197849348704");
        assertThat(i.status()).isEqualTo("resolved");
    }

    private static Incident single(List<Incident> incidents) {
        assertThat(incidents).hasSize(1);
        return incidents.get(0);
    }
}
