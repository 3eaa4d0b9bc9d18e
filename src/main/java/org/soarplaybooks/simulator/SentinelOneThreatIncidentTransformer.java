package org.soarplaybooks.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.Set;

import static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder.responseDefinition;

/**
 * WireMock transformer {@code sentinelone-threat-incident} for {@code POST /web/api/v2.1/threats/incident}
 * (api-docs/sentinelone-update-threat-incident.md), applied only by {@code sentinelone-threats-incident-200.json},
 * i.e. after the body matched the documented shape.
 *
 * <p>Answers 200 {@code application/json} {@code {"data": {"affected": N}, "errors": []}} (the shape of the real
 * sample {@code threats-incident-update-response-affected-1.json}) with an {@code X-RQID} request id, where N is the
 * number of distinct {@code filter.ids} that are {@link SentinelOneKnownThreats}; a filter without {@code ids}
 * matches every known threat (the simulator ignores the other filter keys).
 */
final class SentinelOneThreatIncidentTransformer implements ResponseDefinitionTransformerV2 {

    static final String NAME = "sentinelone-threat-incident";

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
        JsonNode ids;
        try {
            ids = Problems.JSON.readTree(serveEvent.getRequest().getBodyAsString()).path("filter").path("ids");
        } catch (IOException e) {
            throw new IllegalStateException("body passed the schema but is not JSON", e);
        }
        int affected;
        if (ids.isArray()) {
            Set<String> known = new LinkedHashSet<>();
            ids.forEach(id -> {
                if (SentinelOneKnownThreats.isKnown(id.asText())) {
                    known.add(id.asText());
                }
            });
            affected = known.size();
        } else {
            affected = SentinelOneKnownThreats.IDS.size();
        }
        ObjectNode answer = Problems.JSON.createObjectNode();
        answer.putObject("data").put("affected", affected);
        answer.putArray("errors");
        return responseDefinition().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withHeader("X-RQID", Problems.requestId())
                .withBody(answer.toString())
                .build();
    }
}
