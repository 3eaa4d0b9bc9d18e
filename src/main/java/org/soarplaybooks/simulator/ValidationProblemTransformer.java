package org.soarplaybooks.simulator;

import com.fasterxml.jackson.core.type.TypeReference;
import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import java.util.List;
import java.util.Map;

/**
 * WireMock transformer {@code contraforce-validation-problem}: answers 400 {@code application/problem+json}
 * {@code VALIDATION_ERROR} (api-docs/contraforce-*.md, response {@code 400} "validation or parameter binding
 * failed", schema {@code ApiProblemDetails}); see {@link Problems#validation}.
 *
 * <p>Transformer parameters (in the stub mapping): either {@code errors}, a fixed field-keyed map used as is
 * (e.g. a bad {@code {source}} path segment), or {@code schemaFrom}, the mapping file whose
 * {@code matchesJsonSchema} the body failed, which {@link SchemaExplainer} uses to name the broken fields.
 */
final class ValidationProblemTransformer implements ResponseDefinitionTransformerV2 {

    static final String NAME = "contraforce-validation-problem";
    private static final TypeReference<Map<String, List<String>>> ERRORS = new TypeReference<>() {
    };

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
        Map<String, List<String>> errors = parameters.containsKey("errors")
                ? Problems.JSON.convertValue(parameters.get("errors"), ERRORS)
                : SchemaExplainer.explain(parameters.getString("schemaFrom"), serveEvent.getRequest().getBodyAsString());
        return Problems.validation(Problems.pathOf(serveEvent.getRequest().getUrl()), errors);
    }
}
