package org.soarplaybooks.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Input files for the fault suite, built from the real bundled samples (src/main/resources/samples/, see
 * PROVENANCE.md): only the identifying fields are varied, every other field stays as the vendor sent it.
 */
final class Inputs {

    static final ObjectMapper JSON = new ObjectMapper();

    /** Microsoft Sentinel incident 73e01a99 (Closed, FalsePositive, InaccurateData, workspace myWorkspace). */
    static final String SENTINEL_SAMPLE =
            "samples/microsoft-sentinel/incident-73e01a99-closed-falsepositive-azure-rest-api-specs.json";
    static final String SENTINEL_SAMPLE_NAME = "73e01a99-5cd7-4139-a149-9f2736ff2ab5";

    /** SentinelOne flat v2.0 threats list with one threat (id 11111111111111, resolved false). */
    static final String SENTINELONE_FLAT_SAMPLE = "samples/sentinelone/threats-list-v2_0-flat-rapid7.json";

    /** The SentinelOne site every generated threat is on: mapped to a ContraForce workspace in config/mapping.yaml. */
    static final String MAPPED_SITE = "123456";

    private Inputs() {
    }

    /**
     * A Sentinel list {@code {"value": [incident, ...]}}: one copy of incident 73e01a99 per name, with {@code name},
     * the ARM {@code id} (its last segment) and {@code properties.incidentNumber} varied.
     */
    static String sentinelIncidents(List<String> names) {
        JsonNode sample = load(SENTINEL_SAMPLE);
        ObjectNode root = JSON.createObjectNode();
        ArrayNode value = root.putArray("value");
        int number = sample.path("properties").path("incidentNumber").asInt();
        for (String name : names) {
            ObjectNode incident = sample.deepCopy();
            incident.put("name", name);
            incident.put("id", sample.path("id").asText().replace(SENTINEL_SAMPLE_NAME, name));
            ((ObjectNode) incident.path("properties")).put("incidentNumber", ++number);
            value.add(incident);
        }
        return root.toString();
    }

    /**
     * A SentinelOne flat v2.0 list {@code {"data": [threat, ...], "pagination": {...}}}: one copy of the rapid7
     * threat per id, with {@code id} varied and {@code siteId} set to {@value #MAPPED_SITE} (the sample's
     * {@code pagination} is kept as it is).
     */
    static String sentinelOneThreats(List<String> ids) {
        JsonNode sample = load(SENTINELONE_FLAT_SAMPLE);
        ObjectNode root = sample.deepCopy();
        ArrayNode data = root.putArray("data");
        JsonNode threat = sample.path("data").get(0);
        for (String id : ids) {
            ObjectNode copy = threat.deepCopy();
            copy.put("id", id);
            copy.put("siteId", MAPPED_SITE);
            data.add(copy);
        }
        return root.toString();
    }

    private static JsonNode load(String resource) {
        try (InputStream in = Inputs.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no bundled sample " + resource);
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
