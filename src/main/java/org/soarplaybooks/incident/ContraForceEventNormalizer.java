package org.soarplaybooks.incident;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.soarplaybooks.vendor.contraforce.Classification;
import org.soarplaybooks.vendor.contraforce.ClassificationReason;
import org.soarplaybooks.vendor.contraforce.Status;

/**
 * Turns ContraForce incident webhook events into {@link Incident}s.
 *
 * <p>Input: the body ContraForce POSTs to a webhook (ContraForce/integrations-examples
 * {@code servicenow-samples/README.md}, "Body shape"; reference copy
 * {@code src/main/resources/samples/contraforce/webhook-incident-created-v1-envelope.example.jsonc}, JSONC, not an
 * input as is): {@code {"type": "incident.created.v1", "timestamp", "isTest", "occurredAt", "data": {accountId,
 * accountName, incidentId, incidentNumber, title, description, severity (Informational|Low|Medium|High), source
 * (sentinel|defenderxdr|crowdstrike|sentinelone, lower case), sourceDisplayName, owner{displayName, email},
 * createdAt, lastActivityAt, occurredAt, alertProductNames[], alerts[], entities[]}}}. Document shapes: one
 * envelope, or a JSON array of envelopes. Only incident events ({@code type} starting {@code incident.}) are
 * accepted. The signature headers ({@code X-CF-Signature}, {@code X-CF-Timestamp}, {@code X-CF-Event-Id}) are the
 * webhook intake's job, not this class's; {@code isTest} is left in {@link Incident#raw()}.
 *
 * <p>A ContraForce incident wraps a source system's incident, so {@link Incident#source()} is {@code data.source}
 * matched case-insensitively to {@link IncidentSource} (the webhook spells it in lower case), and
 * {@link Incident#id()} is {@code data.incidentId}, the source system's incident id.
 *
 * <p><b>Our assumption</b> (the published example shows only {@code incident.created.v1}): events about a status
 * change carry ContraForce's own {@code data.status} ({@link #STATUSES}), {@code data.classification}
 * ({@link #CLASSIFICATIONS}) and {@code data.classificationReason} ({@link #CLASSIFICATION_REASONS}), spelled as
 * the ContraForce API enums. When {@code data.status} is absent, an {@code incident.created.v1} event means
 * {@code New}; any other event type without it is rejected.
 *
 * <p>Mapping: id = {@code data.incidentId}; number = {@code data.incidentNumber} (decimal text); workspace =
 * {@code data.workspaceId} if present (assumed, as on the ContraForce API), else {@code data.accountId}; title =
 * {@code data.title}; severity = {@code data.severity}; status, classification, classificationReason as above, in
 * ContraForce spelling (translate them with the mapping file's {@code contraforce} vocabulary, not the source
 * system's section); classificationComment = null; owner = {@code data.owner.email}, else
 * {@code data.owner.displayName}; createdAt = {@code data.createdAt}; updatedAt = {@code data.lastActivityAt}
 * (ISO-8601 UTC); raw = the whole envelope. Stateless and thread-safe.
 */
public final class ContraForceEventNormalizer extends DocumentNormalizer {

    /** Source name used in error messages. */
    public static final String SOURCE_NAME = "ContraForce";

    /** The event type that may omit {@code data.status} (it then means {@code New}). */
    public static final String INCIDENT_CREATED = "incident.created.v1";

    /** ContraForce incident status values (API enum {@link Status}). */
    public static final List<String> STATUSES = names(Status.values());

    /** ContraForce classification values (API enum {@link Classification}). */
    public static final List<String> CLASSIFICATIONS = names(Classification.values());

    /** ContraForce classification reason values (API enum {@link ClassificationReason}). */
    public static final List<String> CLASSIFICATION_REASONS = names(ClassificationReason.values());

    private static final String EXPECTED = "a ContraForce webhook event {\"type\", \"data\": {...}} or a"
            + " JSON array of them";
    private static final String SOURCES = Arrays.stream(IncidentSource.values())
            .map(s -> s.wireName().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "));

    /** A normalizer; stateless and thread-safe. */
    public ContraForceEventNormalizer() {
        super(SOURCE_NAME);
    }

    /**
     * Normalizes a ContraForce webhook body.
     *
     * @param document the JSON text
     * @return one incident per event, in document order (empty for {@code []})
     * @throws NormalizationException if the text is not valid JSON, has neither accepted shape (the message names
     *         {@code type} and {@code data}), an event lacks {@code type}, {@code data}, {@code data.source} or
     *         {@code data.incidentId}, is not an incident event, names an unknown source, lacks {@code data.status}
     *         without being {@code incident.created.v1}, or has a status / classification / classification reason
     *         outside the ContraForce enums, a field of the wrong JSON type or a time without a zone; the message
     *         names the JSON Pointer (e.g. {@code /0/data/status}), the bad value and the allowed ones
     */
    @Override
    List<Incident> normalize(JsonNode root) {
        if (root.isArray()) {
            return json.items(root, "", "ContraForce webhook events", this::event);
        }
        json.requireObject(root, "", EXPECTED);
        if (!root.has("type") && !root.has("data")) {
            throw json.error("", "must be " + EXPECTED + ", but has neither \"type\" nor \"data\"");
        }
        return List.of(event(root, ""));
    }

    private Incident event(JsonNode node, String at) {
        json.requireObject(node, at, "a ContraForce webhook event object");
        String type = json.requiredText(node, at, "type");
        if (!type.startsWith("incident.")) {
            throw json.error(JsonInput.child(at, "type"), "is '" + type
                    + "', but only incident events (incident.*) are supported");
        }
        JsonNode data = json.optionalObject(node, at, "data");
        String dataAt = JsonInput.child(at, "data");
        if (data == null) {
            throw json.error(dataAt, "is missing");
        }
        return new Incident(
                source(data, dataAt),
                json.requiredIdentifier(data, dataAt, "incidentId"),
                json.optionalIdentifier(data, dataAt, "incidentNumber"),
                workspace(data, dataAt),
                json.optionalText(data, dataAt, "title"),
                json.optionalText(data, dataAt, "severity"),
                status(type, data, dataAt),
                json.optionalOneOf(data, dataAt, "classification", CLASSIFICATIONS),
                json.optionalOneOf(data, dataAt, "classificationReason", CLASSIFICATION_REASONS),
                null,
                owner(data, dataAt),
                json.optionalInstant(data, dataAt, "createdAt"),
                json.optionalInstant(data, dataAt, "lastActivityAt"),
                node);
    }

    private IncidentSource source(JsonNode data, String dataAt) {
        String source = json.requiredText(data, dataAt, "source");
        try {
            return IncidentSource.fromWireName(source);
        } catch (IllegalArgumentException e) {
            throw json.error(JsonInput.child(dataAt, "source"), "has unknown source '" + source
                    + "' (allowed, in any case: " + SOURCES + ")");
        }
    }

    private String workspace(JsonNode data, String dataAt) {
        String workspace = json.optionalIdentifier(data, dataAt, "workspaceId");
        return workspace != null && !workspace.isBlank() ? workspace
                : JsonInput.blankToNull(json.optionalIdentifier(data, dataAt, "accountId"));
    }

    private String status(String type, JsonNode data, String dataAt) {
        String status = json.optionalOneOf(data, dataAt, "status", STATUSES);
        if (status != null) {
            return status;
        }
        if (INCIDENT_CREATED.equals(type)) {
            return Status.New.name();
        }
        throw json.error(JsonInput.child(dataAt, "status"), "is missing (only " + INCIDENT_CREATED
                + " events may omit it; this event is " + type + ")");
    }

    private String owner(JsonNode data, String dataAt) {
        JsonNode owner = json.optionalObject(data, dataAt, "owner");
        return owner == null ? null : json.firstText(owner, JsonInput.child(dataAt, "owner"), "email", "displayName");
    }

    private static List<String> names(Enum<?>[] constants) {
        return Arrays.stream(constants).map(Enum::name).toList();
    }
}
