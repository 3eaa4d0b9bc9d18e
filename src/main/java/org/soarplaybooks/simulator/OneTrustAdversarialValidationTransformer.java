package org.soarplaybooks.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder.responseDefinition;

/**
 * WireMock transformer {@code onetrust-adversarial-validation-error}: 400 for a OneTrust or Adversarial request body
 * that breaks the documented schema (OneTrust: "400 Bad Request"; Adversarial: "Validation failed (e.g. empty
 * payload, unknown source, inactive assignee)"). Neither vendor documents an error body, so the simulator answers
 * {@code application/json} {@code {"status": 400, "error": "Bad Request", "message": "Validation failed",
 * "path", "errors": {field: [messages]}}}, the fields named by {@link SchemaExplainer} from the
 * {@code matchesJsonSchema} of the mapping file given in the transformer parameter {@code schemaFrom}.
 */
final class OneTrustAdversarialValidationTransformer implements ResponseDefinitionTransformerV2 {

    static final String NAME = "onetrust-adversarial-validation-error";

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
        Map<String, List<String>> errors = SchemaExplainer.explain(
                serveEvent.getTransformerParameters().getString("schemaFrom"), serveEvent.getRequest().getBodyAsString());
        return badRequest(Problems.pathOf(serveEvent.getRequest().getUrl()), errors);
    }

    /** The 400 answer with the given field-keyed messages. */
    static ResponseDefinition badRequest(String path, Map<String, List<String>> errors) {
        ObjectNode body = Problems.JSON.createObjectNode()
                .put("timestamp", Problems.timestamp())
                .put("status", 400)
                .put("error", "Bad Request")
                .put("message", "Validation failed")
                .put("path", path);
        body.set("errors", Problems.JSON.valueToTree(errors));
        return responseDefinition().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody(body.toString())
                .build();
    }
}
