package org.soarplaybooks.incident;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Turns CrowdStrike Falcon Alerts API (v2) JSON into {@link Incident}s.
 *
 * <p>Input: the answer of {@code POST /alerts/entities/alerts/v2} (alert details), which like every Falcon API
 * answer is the envelope {@code {"meta": {query_time, trace_id, ...}, "errors": [{"code", "message"}],
 * "resources": [alert, ...]}}; sample {@code src/main/resources/samples/crowdstrike/alerts-v2-entities-cloud-ioa-demisto.json}.
 * Envelope rules:
 * <ul>
 *   <li>{@code errors} next to a non-empty {@code resources} list is not fatal: Falcon returns partial results
 *       with errors, and the resources present are normalized;</li>
 *   <li>{@code errors} (non-empty) with no resources (absent, null or empty) is a Falcon error response: rejected
 *       with the first error's code and message;</li>
 *   <li>no {@code resources} member and no errors is not an alerts answer ("/resources is missing");
 *       {@code "resources": null} or {@code []} without errors is an empty result.</li>
 * </ul>
 *
 * <p>Mapping per alert: id = {@code composite_id} (unique across customers), else {@code id}; number = null;
 * workspace = {@code cid} (the Falcon customer id), null if absent; title = the first non-blank of
 * {@code display_name}, {@code name}, {@code description}; severity = {@code severity_name} (e.g. {@code High});
 * status = {@code status} ({@link #STATUSES}, required); classification, classificationReason and
 * classificationComment = null (alerts carry no analyst verdict); owner = {@code assigned_to_name}, else
 * {@code assigned_to_uid}; createdAt = {@code created_timestamp}; updatedAt = {@code updated_timestamp} (ISO-8601
 * UTC, up to 9 fractional digits); raw = the alert object. Stateless and thread-safe.
 */
public final class CrowdStrikeAlertNormalizer extends DocumentNormalizer {

    /** Source name used in error messages. */
    public static final String SOURCE_NAME = "CrowdStrike Falcon";

    /** Falcon alert {@code status} values. */
    public static final List<String> STATUSES = List.of("new", "in_progress", "closed", "reopened");

    private static final String EXPECTED = "a CrowdStrike Falcon response {\"meta\", \"errors\","
            + " \"resources\": [...]}";

    /** A normalizer; stateless and thread-safe. */
    public CrowdStrikeAlertNormalizer() {
        super(SOURCE_NAME);
    }

    /**
     * Normalizes a Falcon alerts answer.
     *
     * @param document the JSON text
     * @return the alerts in document order (empty for {@code "resources": []} or {@code null} without errors)
     * @throws NormalizationException if the text is not valid JSON, is not an object, has no {@code resources}
     *         member, is an error response (errors and no resources: the message gives the first error's code and
     *         message), an alert lacks both {@code composite_id} and {@code id} or lacks {@code status}, a status
     *         is outside {@link #STATUSES}, or a field has the wrong JSON type or a time has no zone; the message
     *         names the JSON Pointer (e.g. {@code /resources/1/status})
     */
    @Override
    List<Incident> normalize(JsonNode root) {
        json.requireObject(root, "", EXPECTED);
        JsonNode resources = root.get("resources");
        boolean noResources = resources == null || resources.isNull() || resources.isArray() && resources.isEmpty();
        JsonNode errors = root.get("errors");
        if (noResources && errors != null && errors.isArray() && !errors.isEmpty()) {
            throw json.error("/errors", "is a CrowdStrike Falcon error response: " + firstError(errors.get(0)));
        }
        if (resources == null) {
            throw json.error("/resources", "is missing (expected " + EXPECTED + ")");
        }
        if (resources.isNull()) {
            return List.of();
        }
        return json.items(resources, "/resources", "alerts", this::alert);
    }

    private static String firstError(JsonNode error) {
        String code = error.path("code").asText("");
        String message = error.path("message").asText("").strip();
        String text = (code.isEmpty() ? "" : "code " + code + (message.isEmpty() ? "" : ": ")) + message;
        return text.isEmpty() ? "no error detail given" : text;
    }

    private Incident alert(JsonNode node, String at) {
        json.requireObject(node, at, "a CrowdStrike Falcon alert object");
        String id = json.firstText(node, at, "composite_id", "id");
        if (id == null) {
            throw json.error(JsonInput.child(at, "composite_id"), "is missing (and there is no \"id\")");
        }
        return new Incident(
                IncidentSource.CROWDSTRIKE,
                id,
                null,
                json.optionalText(node, at, "cid"),
                json.firstText(node, at, "display_name", "name", "description"),
                json.optionalText(node, at, "severity_name"),
                json.requiredOneOf(node, at, "status", STATUSES),
                null,
                null,
                null,
                json.firstText(node, at, "assigned_to_name", "assigned_to_uid"),
                json.optionalInstant(node, at, "created_timestamp"),
                json.optionalInstant(node, at, "updated_timestamp"),
                node);
    }
}
