package org.soarplaybooks.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import java.io.IOException;

import static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder.responseDefinition;

/**
 * WireMock transformer {@code contraforce-bulk-update} for {@code POST /api/v2/incidents/across-workspaces/bulk-update}
 * (api-docs/contraforce-bulk-update-incidents-across-workspaces.md), applied only by {@code contraforce-bulk-200.json},
 * i.e. after the body matched the {@code BulkUpdateIncidentsRequest} schema.
 *
 * <p>Answers 200 {@code application/json}
 * {@code {"data":{"accepted":[id...],"forbidden":[{"incidentId","workspaceId","reason"}...]},"meta":{"requestId","timestamp"}}}:
 * an item whose {@code workspace} is missing or not in {@link KnownWorkspaces} is forbidden with reason
 * {@code INSUFFICIENT_WORKSPACE_ROLE: caller has no role in workspace <id>}; every other item is accepted, in
 * request order.
 */
final class BulkUpdateTransformer implements ResponseDefinitionTransformerV2 {

    static final String NAME = "contraforce-bulk-update";

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
        JsonNode items;
        try {
            items = Problems.JSON.readTree(serveEvent.getRequest().getBodyAsString()).path("items");
        } catch (IOException e) {
            throw new IllegalStateException("body passed the schema but is not JSON", e);
        }
        ObjectNode answer = Problems.JSON.createObjectNode();
        ObjectNode data = answer.putObject("data");
        ArrayNode accepted = data.putArray("accepted");
        ArrayNode forbidden = data.putArray("forbidden");
        for (JsonNode item : items) {
            String id = item.path("id").asText();
            JsonNode workspace = item.path("workspace");
            String workspaceId = workspace.isTextual() ? workspace.asText() : null;
            if (KnownWorkspaces.isKnown(workspaceId)) {
                accepted.add(id);
            } else {
                forbidden.addObject()
                        .put("incidentId", id)
                        .put("workspaceId", workspaceId)
                        .put("reason", "INSUFFICIENT_WORKSPACE_ROLE: caller has no role in workspace "
                                + (workspaceId == null ? "(none)" : workspaceId));
            }
        }
        answer.putObject("meta").put("requestId", Problems.requestId()).put("timestamp", Problems.timestamp());
        return responseDefinition().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody(answer.toString())
                .build();
    }
}
