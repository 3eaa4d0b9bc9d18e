package org.soarplaybooks.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder.responseDefinition;

/**
 * WireMock transformer {@code adversarial-incidents-update} for {@code PATCH /api/v1/incidents}
 * (api-docs/adversarial-bulk-update-incidents.md), applied only by {@code adversarial-incidents-200.json}, i.e.
 * after the body matched the documented request.
 *
 * <p>The register ({@code simulator/__files/adversarial/register.json}) holds {@code INC-00001}..{@code INC-00005}
 * and the users. Answers 200 {@code {"incidents": [row...]}} with one register row per requested id the register
 * holds, in request order, the requested fields applied ({@code assigned_to} becomes the user object, {@code tags}
 * tag objects, {@code threat_objectives} relations dated now), {@code updated_by} the service account and
 * {@code updated_date} now; ids the register does not hold are simply missing. An {@code assigned_to} that is not
 * an active user of the register answers 400 ("inactive assignee"). Nothing is stored.
 */
final class AdversarialIncidentsTransformer implements ResponseDefinitionTransformerV2 {

    static final String NAME = "adversarial-incidents-update";
    static final String REGISTER = VendorSimulator.CLASSPATH_ROOT + "/__files/adversarial/register.json";
    private static final List<String> PLAIN = List.of("contained_date", "description", "detected_date",
            "occurred_date", "responded_date", "severity", "severity_reasoning", "source", "status", "title");

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
        JsonNode request;
        try {
            request = Problems.JSON.readTree(serveEvent.getRequest().getBodyAsString());
        } catch (IOException e) {
            throw new IllegalStateException("body passed the schema but is not JSON", e);
        }
        JsonNode register = register();
        JsonNode serviceAccount = register.path("serviceAccount");
        JsonNode assignee = null;
        if (request.hasNonNull("assigned_to")) {
            assignee = user(register, request.get("assigned_to").asText());
            if (assignee == null) {
                return OneTrustAdversarialValidationTransformer.badRequest(
                        Problems.pathOf(serveEvent.getRequest().getUrl()),
                        Map.of("assigned_to", List.of("inactive assignee")));
            }
        }
        Set<String> ids = new LinkedHashSet<>();
        request.path("ids").forEach(id -> ids.add(id.asText()));
        String now = Problems.timestamp();
        ObjectNode answer = Problems.JSON.createObjectNode();
        ArrayNode rows = answer.putArray("incidents");
        for (String id : ids) {
            for (JsonNode stored : register.path("incidents")) {
                if (id.equals(stored.path("incident").path("id").asText())) {
                    rows.add(apply((ObjectNode) stored.deepCopy(), request, assignee, serviceAccount, now));
                }
            }
        }
        return responseDefinition().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody(answer.toString())
                .build();
    }

    private static ObjectNode apply(ObjectNode row, JsonNode request, JsonNode assignee, JsonNode serviceAccount,
                                    String now) {
        ObjectNode incident = (ObjectNode) row.get("incident");
        for (String member : PLAIN) {
            if (request.hasNonNull(member)) {
                incident.set(member, request.get(member));
            }
        }
        if (assignee != null) {
            incident.set("assigned_to", assignee);
        }
        if (request.hasNonNull("tags")) {
            ArrayNode tags = row.putArray("tags");
            for (JsonNode t : request.get("tags")) {
                tags.addObject().put("content", t.asText())
                        .put("creator_id", serviceAccount.path("id").asText())
                        .put("id", UUID.nameUUIDFromBytes(t.asText().getBytes()).toString())
                        .set("org_id", serviceAccount.get("org_id"));
            }
        }
        if (request.hasNonNull("threat_objectives")) {
            ArrayNode objectives = row.putArray("threat_objectives");
            for (JsonNode o : request.get("threat_objectives")) {
                ObjectNode relation = objectives.addObject().put("threat_objective", o.path("threat_objective").asText());
                relation.set("relevance", o.hasNonNull("relevance") ? o.get("relevance") : null);
                relation.put("created_date", now);
            }
        }
        ObjectNode updatedBy = Problems.JSON.createObjectNode();
        serviceAccount.fields().forEachRemaining(f -> {
            if (!"org_id".equals(f.getKey())) {
                updatedBy.set(f.getKey(), f.getValue());
            }
        });
        incident.set("updated_by", updatedBy);
        incident.put("updated_date", now);
        return row;
    }

    private static JsonNode user(JsonNode register, String id) {
        for (JsonNode u : register.path("users")) {
            if (id.equals(u.path("id").asText())) {
                return u;
            }
        }
        return null;
    }

    private static JsonNode register() {
        try (InputStream in = AdversarialIncidentsTransformer.class.getClassLoader().getResourceAsStream(REGISTER)) {
            if (in == null) {
                throw new IllegalStateException("no " + REGISTER + " on the classpath");
            }
            return Problems.JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
