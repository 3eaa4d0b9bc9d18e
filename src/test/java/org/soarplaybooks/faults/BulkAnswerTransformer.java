package org.soarplaybooks.faults;

import static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder.responseDefinition;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.UUID;

/**
 * WireMock transformer {@value #NAME}: answers a ContraForce bulk update ({@code POST
 * /api/v2/incidents/across-workspaces/bulk-update}, api-docs/contraforce-bulk-update-incidents-across-workspaces.md)
 * with 200 {@code {"data": {"accepted": [id...], "forbidden": [{"incidentId", "workspaceId", "reason"}...]},
 * "meta": {"requestId", "timestamp"}}}, built from the ids of the request's {@code items[]}.
 *
 * <p>Stub parameters (both optional, lists of incident ids): {@value #FORBIDDEN} ids come back in
 * {@code forbidden[]} with reason {@value #FORBIDDEN_REASON}; {@value #OMITTED} ids are in neither list (a vendor
 * that "forgot" an item). Every other id of the request is accepted, in request order.
 */
final class BulkAnswerTransformer implements ResponseDefinitionTransformerV2 {

    static final String NAME = "fault-suite-bulk-answer";
    static final String FORBIDDEN = "forbidden";
    static final String OMITTED = "omitted";
    static final String FORBIDDEN_REASON = "INSUFFICIENT_WORKSPACE_ROLE: caller has no role in the workspace";

    private static final ObjectMapper JSON = new ObjectMapper();

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
        Parameters parameters = serveEvent.getTransformerParameters();
        List<?> forbiddenIds = listOf(parameters, FORBIDDEN);
        List<?> omittedIds = listOf(parameters, OMITTED);
        JsonNode items;
        try {
            items = JSON.readTree(serveEvent.getRequest().getBodyAsString()).path("items");
        } catch (IOException e) {
            throw new UncheckedIOException("the bulk update body is not JSON", e);
        }
        ObjectNode answer = JSON.createObjectNode();
        ObjectNode data = answer.putObject("data");
        ArrayNode accepted = data.putArray("accepted");
        ArrayNode forbidden = data.putArray("forbidden");
        for (JsonNode item : items) {
            String id = item.path("id").asText();
            if (forbiddenIds.contains(id)) {
                forbidden.addObject().put("incidentId", id).put("workspaceId", item.path("workspace").asText(null))
                        .put("reason", FORBIDDEN_REASON);
            } else if (!omittedIds.contains(id)) {
                accepted.add(id);
            }
        }
        answer.putObject("meta").put("requestId", UUID.randomUUID().toString())
                .put("timestamp", "2026-11-21T20:00:00Z");
        // the stub's delay (if any) is kept: WireMock applies the delay of the transformed answer
        Integer delay = serveEvent.getResponseDefinition().getFixedDelayMilliseconds();
        return responseDefinition().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody(answer.toString()).withFixedDelay(delay).build();
    }

    private static List<?> listOf(Parameters parameters, String name) {
        Object value = parameters == null ? null : parameters.get(name);
        return value instanceof List<?> list ? list : List.of();
    }
}
