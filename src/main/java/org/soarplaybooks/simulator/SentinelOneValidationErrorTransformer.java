package org.soarplaybooks.simulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder.responseDefinition;

/**
 * WireMock transformer {@code sentinelone-validation-error}: answers 400 {@code application/json} with SentinelOne's
 * error envelope {@code {"errors": [{"code": 4000010, "detail": "…", "title": "Validation Error"}]}} (the shape of
 * the real sample {@code samples/sentinelone/sentinelone-400-validation-error-demisto.json}; design/vendor-facts.md,
 * "SentinelOne", Errors) and an {@code X-RQID} request id.
 *
 * <p>Transformer parameters: either {@code schemaFrom}, the mapping file whose {@code matchesJsonSchema} the body
 * failed ({@link SchemaExplainer} names each broken field; one error item per message, detail
 * {@code "<field>: <message>"}), or {@code detail} (one item with that text) and optionally {@code title} (default
 * {@code Validation Error}).
 */
final class SentinelOneValidationErrorTransformer implements ResponseDefinitionTransformerV2 {

    static final String NAME = "sentinelone-validation-error";
    /** SentinelOne's code for a validation error (demisto test data, design/vendor-facts.md). */
    static final int VALIDATION_ERROR_CODE = 4000010;

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
        ObjectNode envelope = Problems.JSON.createObjectNode();
        ArrayNode errors = envelope.putArray("errors");
        if (parameters.containsKey("schemaFrom")) {
            Map<String, List<String>> broken = SchemaExplainer.explain(parameters.getString("schemaFrom"),
                    serveEvent.getRequest().getBodyAsString());
            broken.forEach((field, messages) -> messages.forEach(message -> errors.addObject()
                    .put("code", VALIDATION_ERROR_CODE)
                    .put("detail", field.isEmpty() ? message : field + ": " + message)
                    .put("title", "Validation Error")));
        } else {
            errors.addObject()
                    .put("code", VALIDATION_ERROR_CODE)
                    .put("detail", parameters.getString("detail"))
                    .put("title", parameters.getString("title", "Validation Error"));
        }
        return responseDefinition().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withHeader("X-RQID", Problems.requestId())
                .withBody(envelope.toString())
                .build();
    }
}
