package org.soarplaybooks.incident;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.soarplaybooks.engine.PlaybookBeans;

/**
 * {@code schemas/incident.schema.json} describes the canonical incident as the engine writes it (a message body on
 * a playbook's queue, a dead letter's {@code incident}): every incident of every bundled real sample, serialized with
 * the engine's mapper, is valid, and the schema names exactly the record's fields.
 */
class IncidentSchemaTest {

    static final ObjectMapper JSON = PlaybookBeans.newMapper();
    static final Normalizers NORMALIZERS = new Normalizers();
    static final JsonSchema SCHEMA = schema();

    static Stream<Arguments> samples() {
        return Stream.of(
                sample("microsoft-sentinel/incident-1505-active-rapid7.json", NORMALIZERS::sentinel),
                sample("microsoft-sentinel/incident-73e01a99-closed-falsepositive-azure-rest-api-specs.json",
                        NORMALIZERS::sentinel),
                sample("microsoft-sentinel/incidents-list-response-azure-rest-api-specs.json", NORMALIZERS::sentinel),
                sample("sentinelone/threat-v2_1-schema-example-rapid7.json", NORMALIZERS::sentinelOne),
                sample("sentinelone/threats-list-same-status-rapid7.json", NORMALIZERS::sentinelOne),
                sample("sentinelone/threats-list-v2_0-flat-rapid7.json", NORMALIZERS::sentinelOne),
                sample("sentinelone/threats-list-v2_1-demisto.json", NORMALIZERS::sentinelOne),
                sample("defender-xdr/graph-incidents-list-12345-12346-demisto.json", NORMALIZERS::defenderXdr),
                sample("defender-xdr/incidents-list-924518-legacy-api-rapid7.json", NORMALIZERS::defenderXdr),
                sample("qradar/offense-16-open-demisto.json", NORMALIZERS::qradar),
                sample("crowdstrike/alerts-v2-entities-cloud-ioa-demisto.json", NORMALIZERS::crowdStrike));
    }

    static Arguments sample(String file, Function<String, List<Incident>> normalizer) {
        return Arguments.of(file, normalizer);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void everyIncidentOfARealSampleIsValid(String file, Function<String, List<Incident>> normalizer)
            throws IOException {
        List<Incident> incidents = normalizer.apply(read("samples/" + file));
        assertThat(incidents).isNotEmpty();
        for (Incident incident : incidents) {
            JsonNode json = JSON.valueToTree(incident);
            Set<ValidationMessage> errors = SCHEMA.validate(json);
            assertThat(errors).as("%s %s: %s", file, incident.key(), json).isEmpty();
            // the body a playbook step sees with incidents:<playbook>?body=json
            JsonNode body = JSON.valueToTree(IncidentJson.of(JSON, incident));
            assertThat(SCHEMA.validate(body)).as("%s %s as a playbook sees it: %s", file, incident.key(), body)
                    .isEmpty();
            assertThat(body.path("incidentKey").asText()).isEqualTo(incident.key());
            assertThat(body.path("enrichment").isObject()).isTrue();
        }
    }

    @Test
    void theSchemaNamesTheRecordsFieldsAndRefusesOthers() {
        Set<String> declared = new java.util.TreeSet<>();
        SCHEMA.getSchemaNode().path("properties").fieldNames().forEachRemaining(declared::add);
        Set<String> fields = new java.util.TreeSet<>();
        for (var c : Incident.class.getRecordComponents()) {
            fields.add(c.getName());
        }
        // what a playbook step sees adds two (IncidentJson)
        fields.add(IncidentJson.INCIDENT_KEY);
        fields.add(IncidentJson.ENRICHMENT);
        fields.add(IncidentJson.ACTIONS);
        assertThat(declared).isEqualTo(fields);

        ObjectNode extra = JSON.createObjectNode().put("source", "Sentinel").put("id", "1").put("status", "New")
                .put("severityScore", 7);
        extra.putObject("raw");
        assertThat(SCHEMA.validate(extra)).extracting(ValidationMessage::getMessage).anyMatch(m -> m.contains(
                "severityScore"));
        ObjectNode badSource = JSON.createObjectNode().put("source", "Jira").put("id", "1").put("status", "New");
        badSource.putObject("raw");
        assertThat(SCHEMA.validate(badSource)).isNotEmpty();
    }

    /** The example column of the table "The canonical incident" in docs/playbooks.md. */
    @Test
    void theReadmesExampleIsWhatTheSentinelSampleBecomes() throws IOException {
        List<Incident> incidents = NORMALIZERS.sentinel(read(
                "samples/microsoft-sentinel/incident-73e01a99-closed-falsepositive-azure-rest-api-specs.json"));
        assertThat(incidents).hasSize(1);
        JsonNode json = JSON.valueToTree(incidents.get(0));
        assertThat(incidents.get(0).key()).isEqualTo("Sentinel:73e01a99-5cd7-4139-a149-9f2736ff2ab5");
        assertThat(json.path("source").asText()).isEqualTo("Sentinel");
        assertThat(json.path("number").asText()).isEqualTo("3177");
        assertThat(json.path("workspace").asText()).isEqualTo("myWorkspace");
        assertThat(json.path("title").asText()).isEqualTo("My incident");
        assertThat(json.path("severity").asText()).isEqualTo("High");
        assertThat(json.path("status").asText()).isEqualTo("Closed");
        assertThat(json.path("classification").asText()).isEqualTo("FalsePositive");
        assertThat(json.path("classificationReason").asText()).isEqualTo("InaccurateData");
        assertThat(json.path("classificationComment").asText()).isEqualTo("Not a malicious activity");
        assertThat(json.path("owner").asText()).isEqualTo("john.doe@contoso.com");
        assertThat(json.path("createdAt").asText()).isEqualTo("2019-01-01T13:15:30Z");
        assertThat(json.path("updatedAt").asText()).isEqualTo("2019-01-01T13:15:30Z");
        assertThat(json.path("raw").path("name").asText()).isEqualTo("73e01a99-5cd7-4139-a149-9f2736ff2ab5");
    }

    static JsonSchema schema() {
        try (InputStream in = IncidentSchemaTest.class.getResourceAsStream("/schemas/incident.schema.json")) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(JSON.readTree(in));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static String read(String resource) throws IOException {
        try (InputStream in = IncidentSchemaTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
