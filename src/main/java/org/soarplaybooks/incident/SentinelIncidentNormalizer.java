package org.soarplaybooks.incident;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns Microsoft Sentinel incident JSON into {@link Incident}s.
 *
 * <p>Input: the ARM incident resource of the SecurityInsights REST API, api-version {@code 2024-09-01}
 * (azure-rest-api-specs {@code stable/2024-09-01/examples/incidents/GetIncidentById.json} and
 * {@code GetIncidents.json}; samples in {@code src/main/resources/samples/microsoft-sentinel/}). Three document
 * shapes are accepted:
 * <ul>
 *   <li>a single incident {@code {id, name, type, properties{...}}};</li>
 *   <li>a list {@code {"value": [incident, ...], "nextLink": ...}} ({@code nextLink} is ignored);</li>
 *   <li>a Sentinel automation-rule / Logic App incident-trigger envelope {@code {eventUniqueId, objectSchemaType,
 *       objectEventType, workspaceInfo{SubscriptionId, ResourceGroupName, WorkspaceName}, workspaceId,
 *       object{...incident...}}}: the incident is {@code object}.</li>
 * </ul>
 *
 * <p>Fields read, per incident: {@code name} (required) → {@link Incident#id()}; {@code id} (ARM resource id) →
 * {@link Incident#workspace()}, the Log Analytics workspace name after {@code /workspaces/} (matched
 * case-insensitively; for an envelope whose {@code object.id} lacks it, {@code workspaceInfo.WorkspaceName});
 * {@code type}, if present, must be {@code Microsoft.SecurityInsights/incidents} (any case);
 * and from {@code properties}: {@code incidentNumber} → number (as decimal text), {@code title},
 * {@code severity}, {@code status} (required, {@link #STATUSES}), {@code classification} ({@link #CLASSIFICATIONS}
 * or null), {@code classificationReason} ({@link #CLASSIFICATION_REASONS} or null), {@code classificationComment},
 * {@code owner} ({@code email}, else {@code userPrincipalName}, else {@code assignedTo}), {@code createdTimeUtc}
 * → createdAt and {@code lastModifiedTimeUtc} → updatedAt (ISO-8601 UTC, up to 7 fractional digits as Sentinel
 * sends them). {@link Incident#raw()} is the incident object as received (the {@code object} of an envelope,
 * one element of a list).
 *
 * <p>Values keep Sentinel's spelling; translation is {@link org.soarplaybooks.mapping.StatusMapping}'s job.
 * Instances are stateless and thread-safe.
 */
public final class SentinelIncidentNormalizer extends DocumentNormalizer {

    /** Source name used in error messages. */
    public static final String SOURCE_NAME = "Microsoft Sentinel";

    /** Sentinel incident {@code properties.status} values (api-version 2024-09-01, enum IncidentStatus). */
    public static final List<String> STATUSES = List.of("New", "Active", "Closed");

    /** Sentinel {@code properties.classification} values (enum IncidentClassification). */
    public static final List<String> CLASSIFICATIONS =
            List.of("BenignPositive", "FalsePositive", "TruePositive", "Undetermined");

    /** Sentinel {@code properties.classificationReason} values (enum IncidentClassificationReason). */
    public static final List<String> CLASSIFICATION_REASONS =
            List.of("SuspiciousActivity", "SuspiciousButExpected", "IncorrectAlertLogic", "InaccurateData");

    private static final String INCIDENT_TYPE = "Microsoft.SecurityInsights/incidents";
    private static final Pattern WORKSPACE = Pattern.compile("/workspaces/([^/]+)", Pattern.CASE_INSENSITIVE);
    private static final String EXPECTED = "must be a Microsoft Sentinel incident {\"id\", \"name\", \"properties\": {...}},"
            + " a list {\"value\": [...]} or an automation envelope {\"object\": {...incident...}}";

    /** A normalizer; stateless and thread-safe. */
    public SentinelIncidentNormalizer() {
        super(SOURCE_NAME);
    }



    /**
     * Normalizes a Sentinel document (single incident, {@code value} list or automation envelope).
     *
     * @param document the JSON text
     * @return the incidents in document order (empty for an empty {@code value} list)
     * @throws NormalizationException if the text is not valid JSON ({@code "is not valid JSON: <parser message>"}),
     *         has none of the accepted shapes, lacks {@code name} or {@code properties.status} ("is missing"),
     *         has a field of the wrong JSON type, a time without a zone, or a status / classification /
     *         classification reason outside Sentinel's documented values; the message names the JSON Pointer
     *         (e.g. {@code /value/1/properties/status}), the bad value and the allowed ones
     */
    @Override
    List<Incident> normalize(JsonNode root) {
        if (!root.isObject()) {
            throw json.error("", EXPECTED + ", but is " + JsonInput.describe(root));
        }
        if (root.has("properties")) {
            return List.of(incident(root, "", null));
        }
        if (root.has("value")) {
            return list(root.get("value"));
        }
        if (root.has("object")) {
            return List.of(envelope(root));
        }
        throw json.error("", EXPECTED + ", but has none of \"properties\", \"value\", \"object\"");
    }

    private List<Incident> list(JsonNode value) {
        if (!value.isArray()) {
            throw json.error("/value", "must be a JSON array of incidents, but is " + JsonInput.describe(value));
        }
        List<Incident> incidents = new ArrayList<>(value.size());
        for (int i = 0; i < value.size(); i++) {
            incidents.add(incident(value.get(i), JsonInput.child("/value", i), null));
        }
        return incidents;
    }

    private Incident envelope(JsonNode root) {
        String schemaType = json.optionalText(root, "", "objectSchemaType");
        if (schemaType != null && !schemaType.equalsIgnoreCase("Incident")) {
            throw json.error("/objectSchemaType", "is '" + schemaType + "', but only 'Incident' is supported");
        }
        JsonNode info = json.optionalObject(root, "", "workspaceInfo");
        String workspace = info == null ? null : json.optionalText(info, "/workspaceInfo", "WorkspaceName");
        return incident(root.get("object"), "/object", workspace);
    }

    private Incident incident(JsonNode node, String at, String fallbackWorkspace) {
        if (node == null || !node.isObject() || !node.has("properties")) {
            throw json.error(at, "must be a Microsoft Sentinel incident object with \"properties\", but is "
                    + JsonInput.describe(node) + (node != null && node.isObject() ? " without \"properties\"" : ""));
        }
        checkType(node, at);
        String name = json.requiredIdentifier(node, at, "name");
        String propsAt = JsonInput.child(at, "properties");
        JsonNode props = json.optionalObject(node, at, "properties");
        if (props == null) {
            throw json.error(propsAt, "is missing");
        }
        String status = json.checkOneOf(json.requiredText(props, propsAt, "status"),
                JsonInput.child(propsAt, "status"), "status", STATUSES);
        String classification = json.checkOneOf(json.optionalText(props, propsAt, "classification"),
                JsonInput.child(propsAt, "classification"), "classification", CLASSIFICATIONS);
        String reason = json.checkOneOf(json.optionalText(props, propsAt, "classificationReason"),
                JsonInput.child(propsAt, "classificationReason"), "classificationReason", CLASSIFICATION_REASONS);
        String workspace = workspaceOf(json.optionalText(node, at, "id"));
        return new Incident(
                IncidentSource.SENTINEL,
                name,
                json.optionalIdentifier(props, propsAt, "incidentNumber"),
                workspace != null ? workspace : fallbackWorkspace,
                json.optionalText(props, propsAt, "title"),
                json.optionalText(props, propsAt, "severity"),
                status,
                classification,
                reason,
                json.optionalText(props, propsAt, "classificationComment"),
                owner(props, propsAt),
                json.optionalInstant(props, propsAt, "createdTimeUtc"),
                json.optionalInstant(props, propsAt, "lastModifiedTimeUtc"),
                node);
    }

    private void checkType(JsonNode node, String at) {
        String type = json.optionalText(node, at, "type");
        if (type != null && !type.equalsIgnoreCase(INCIDENT_TYPE)) {
            throw json.error(JsonInput.child(at, "type"), "is '" + type + "', expected '" + INCIDENT_TYPE + "'");
        }
    }

    /** The Log Analytics workspace name: the ARM id segment after {@code /workspaces/}, or null. */
    static String workspaceOf(String armId) {
        if (armId == null) {
            return null;
        }
        Matcher m = WORKSPACE.matcher(armId);
        return m.find() ? m.group(1) : null;
    }

    private String owner(JsonNode props, String propsAt) {
        JsonNode owner = json.optionalObject(props, propsAt, "owner");
        if (owner == null) {
            return null;
        }
        String ownerAt = JsonInput.child(propsAt, "owner");
        for (String field : List.of("email", "userPrincipalName", "assignedTo")) {
            String value = json.optionalText(owner, ownerAt, field);
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }
}
