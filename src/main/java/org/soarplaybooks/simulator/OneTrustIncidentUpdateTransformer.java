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
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder.responseDefinition;

/**
 * WireMock transformer {@code onetrust-incident-update} for {@code PUT /api/incident/v1/incidents/{incidentId}}
 * (api-docs/onetrust-update-incident.md), applied only by {@code onetrust-incident-put-200.json}, i.e. to a known
 * incident whose body matched {@code IncidentUpdateRequest}.
 *
 * <p>Answers 200 {@code IncidentInformation}: the stored incident ({@code simulator/__files/onetrust/incident-<id>.json},
 * the same file the GET answers) replaced by the request, as the PUT is documented to replace: every settable member
 * comes from the request, a member the request leaves out is gone ({@code sourceType} and {@code notificationNeeded}
 * fall back to their defaults {@code MANUAL} and {@code UNKNOWN}), and a stored custom attribute the request leaves
 * out of {@code attributeValues} answers with an empty list. Read-only members ({@code id}, {@code number},
 * {@code orgGroupName}, workflow and stage, creator, ...) stay; {@code updatedDT} is now. Nothing is stored: the next
 * GET answers the original incident again.
 */
final class OneTrustIncidentUpdateTransformer implements ResponseDefinitionTransformerV2 {

    static final String NAME = "onetrust-incident-update";
    /** Classpath folder of the stored incidents, {@code incident-<uuid>.json} each. */
    static final String INCIDENTS = VendorSimulator.CLASSPATH_ROOT + "/__files/onetrust/";
    private static final List<String> SETTABLE = List.of("name", "description", "incidentTypeName", "orgGroupId",
            "dateOccurred", "dateDiscovered", "deadline", "rootCause");

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
        String path = Problems.pathOf(serveEvent.getRequest().getUrl());
        String id = path.substring(path.lastIndexOf('/') + 1);
        ObjectNode incident = stored(id);
        JsonNode request;
        try {
            request = Problems.JSON.readTree(serveEvent.getRequest().getBodyAsString());
        } catch (IOException e) {
            throw new IllegalStateException("body passed the schema but is not JSON", e);
        }
        for (String member : SETTABLE) {
            if (request.hasNonNull(member)) {
                incident.set(member, request.get(member));
            } else {
                incident.remove(member);
            }
        }
        incident.put("sourceType", request.path("sourceType").asText("MANUAL"));
        incident.put("notificationNeeded", request.path("notificationNeeded").asText("UNKNOWN"));
        incident.set("attributeValues", attributeValues(incident.path("attributeValues"), request.path("attributeValues")));
        assignees(incident, request.path("incidentAssigneeRequests"));
        incident.set("jurisdictions", jurisdictions(incident.path("jurisdictions"), request.path("jurisdictions")));
        incident.put("updatedDT", Problems.timestamp());
        return responseDefinition().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody(incident.toString())
                .build();
    }

    /** The stored incident of a known id (the stub's path pattern only lets known ids through). */
    static ObjectNode stored(String id) {
        try (InputStream in = OneTrustIncidentUpdateTransformer.class.getClassLoader()
                .getResourceAsStream(INCIDENTS + "incident-" + id + ".json")) {
            if (in == null) {
                throw new IllegalStateException("no stored OneTrust incident " + id);
            }
            return (ObjectNode) Problems.JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode attributeValues(JsonNode stored, JsonNode requested) {
        ObjectNode out = Problems.JSON.createObjectNode();
        for (Iterator<String> names = stored.fieldNames(); names.hasNext(); ) {
            out.putArray(names.next()); // left out of the request = emptied
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = requested.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> attribute = it.next();
            ArrayNode values = out.putArray(attribute.getKey());
            for (JsonNode v : attribute.getValue()) {
                ObjectNode named = Problems.JSON.createObjectNode().put("attributeName", attribute.getKey());
                named.setAll((ObjectNode) v);
                if (!named.has("disabled")) {
                    named.put("disabled", false);
                }
                values.add(named);
            }
        }
        return out;
    }

    private static void assignees(ObjectNode incident, JsonNode requested) {
        JsonNode stored = incident.path("incidentAssigneeInformation");
        ArrayNode out = Problems.JSON.createArrayNode();
        for (JsonNode a : requested) {
            String assigneeId = a.path("assigneeId").asText();
            ObjectNode info = out.addObject().put("assigneeId", assigneeId);
            for (JsonNode s : stored) {
                if (assigneeId.equals(s.path("assigneeId").asText())) {
                    info.set("assigneeName", s.get("assigneeName"));
                }
            }
            info.put("type", a.path("type").asText("USER"));
        }
        incident.set("incidentAssigneeInformation", out);
        if (out.isEmpty()) {
            incident.remove("assigneeId");
            incident.remove("assigneeName");
        } else {
            incident.set("assigneeId", out.get(0).get("assigneeId"));
            incident.set("assigneeName", out.get(0).get("assigneeName"));
        }
    }

    private static ArrayNode jurisdictions(JsonNode stored, JsonNode requested) {
        ArrayNode out = Problems.JSON.createArrayNode();
        for (JsonNode j : requested) {
            ObjectNode guidance = Problems.JSON.createObjectNode();
            for (JsonNode s : stored) {
                if (j.hasNonNull("jurisdictionId") && j.get("jurisdictionId").equals(s.get("jurisdictionId"))) {
                    guidance.setAll((ObjectNode) s);
                }
            }
            guidance.setAll((ObjectNode) j);
            out.add(guidance);
        }
        return out;
    }
}
