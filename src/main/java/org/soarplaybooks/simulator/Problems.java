package org.soarplaybooks.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder.responseDefinition;

/**
 * Builds the ContraForce answers that Java code (not a body file) renders: the {@code ApiProblemDetails}
 * 400 {@code VALIDATION_ERROR} problem and the fresh {@code requestId} / {@code timestamp} pair that every
 * answer carries (api-docs/contraforce-*.md, schemas {@code ApiProblemDetails} and {@code ResponseMeta}).
 */
final class Problems {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String TYPE = "https://docs.contraforce.com/api-reference/errors";

    private Problems() {
    }

    /** A fresh request id (uuid), like the body-file templates' {@code randomValue type='UUID'}. */
    static String requestId() {
        return UUID.randomUUID().toString();
    }

    /** Now, ISO-8601 UTC to the second, like the body-file templates' {@code now}. */
    static String timestamp() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /**
     * 400 {@code application/problem+json}: {@code type}, {@code title} "One or more validation errors occurred.",
     * {@code status} 400, {@code detail}, {@code instance} (the request path), {@code code} {@code VALIDATION_ERROR},
     * {@code requestId}, {@code timestamp} and the field-keyed {@code errors} map.
     */
    static ResponseDefinition validation(String path, Map<String, List<String>> errors) {
        ObjectNode problem = JSON.createObjectNode()
                .put("type", TYPE)
                .put("title", "One or more validation errors occurred.")
                .put("status", 400)
                .put("detail", "See the errors property for details.")
                .put("instance", path)
                .put("code", "VALIDATION_ERROR")
                .put("requestId", requestId())
                .put("timestamp", timestamp());
        problem.set("errors", JSON.valueToTree(errors));
        return responseDefinition().withStatus(400)
                .withHeader("Content-Type", "application/problem+json")
                .withBody(problem.toString())
                .build();
    }

    /** The path part of a WireMock request url (query dropped). */
    static String pathOf(String url) {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query);
    }
}
