package org.soarplaybooks.incident;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Turns IBM QRadar offense JSON into {@link Incident}s.
 *
 * <p>Input: items of {@code GET /api/siem/offenses} (QRadar REST API, SIEM endpoints); sample
 * {@code src/main/resources/samples/qradar/offense-16-open-demisto.json}. Offense fields read: {@code id} (int),
 * {@code description}, {@code status} ({@code OPEN|HIDDEN|CLOSED}), {@code severity} (int 1–10),
 * {@code assigned_to}, {@code domain_id}, {@code start_time} and {@code last_updated_time} (epoch
 * <b>milliseconds</b>, UTC), {@code closing_reason_id}. Document shapes: a single offense object, or a JSON array
 * of offenses (the list answer). A QRadar error body ({@code {"http_response": {...}, "code", "message", ...}})
 * is rejected with its message.
 *
 * <p>Closing reasons: QRadar stores only {@code closing_reason_id}; its text comes from
 * {@code GET /api/siem/offense_closing_reasons} ({@link QRadarClosingReasons}), whose ids differ per installation.
 * A normalizer is built with such a list (the no-argument constructor uses the bundled sample
 * {@code samples/qradar/closing-reasons-list-demisto.json}: 1 {@code Non-Issue}, 2 {@code False-Positive, Tuned}),
 * and {@link #normalize(String, String)} can take the list per call.
 *
 * <p>Mapping: id = {@code id} (decimal text); number = null; workspace = {@code domain_id} (decimal text; QRadar
 * domains separate tenants, {@code 0} is the default domain), null if absent; title = {@code description} exactly
 * as sent (QRadar descriptions often end with a newline); severity = {@code severity} as decimal text; status =
 * {@code status} ({@link #STATUSES}); classification and classificationReason = the closing reason's
 * <b>text</b> when the offense is {@code CLOSED} and has a {@code closing_reason_id}, else null. QRadar has one
 * closing reason that is both the verdict and its reason, so it fills both fields, and the mapping file's
 * {@code qradar.classification} / {@code qradar.classificationReason} tables translate it (e.g.
 * {@code "False-Positive, Tuned"} → ContraForce {@code QradarFalsePositive}); classificationComment = null; owner
 * = {@code assigned_to}; createdAt = {@code start_time}; updatedAt = {@code last_updated_time}; raw = the offense
 * object. Immutable and thread-safe.
 */
public final class QRadarOffenseNormalizer extends DocumentNormalizer {

    /** Source name used in error messages. */
    public static final String SOURCE_NAME = "IBM QRadar";

    /** QRadar offense {@code status} values. */
    public static final List<String> STATUSES = List.of("OPEN", "HIDDEN", "CLOSED");

    /**
     * The texts of QRadar's default closing reasons: the values the mapping file's {@code qradar.classification}
     * and {@code qradar.classificationReason} tables accept. Custom closing reasons an installation adds are
     * passed through by the normalizer, but need adding here before the mapping file can translate them.
     */
    public static final List<String> DEFAULT_CLOSING_REASONS =
            List.of("Non-Issue", "False-Positive, Tuned", "Policy Violation");

    private static final String CLOSED = "CLOSED";
    private static final String EXPECTED = "a QRadar offense {\"id\", \"status\", ...} or a JSON array of"
            + " offenses";

    private final QRadarClosingReasons closingReasons;

    /** A normalizer that resolves closing reasons through the bundled default list. */
    public QRadarOffenseNormalizer() {
        super(SOURCE_NAME);
        this.closingReasons = QRadarClosingReasons.defaults();
    }

    /**
     * A normalizer that resolves closing reasons through the installation's list.
     *
     * @param closingReasonsJson the body of {@code GET /api/siem/offense_closing_reasons}: {@code [{"id": 1,
     *                           "text": "Non-Issue", "is_deleted": false, "is_reserved": false}, ...]}
     * @throws NormalizationException (source {@code IBM QRadar closing reasons}) if the list is not valid JSON,
     *         not a JSON array, or has an item without {@code id} / {@code text} or a repeated id
     */
    public QRadarOffenseNormalizer(String closingReasonsJson) {
        super(SOURCE_NAME);
        this.closingReasons = QRadarClosingReasons.parse(closingReasonsJson);
    }

    /**
     * Normalizes a QRadar offense document (an offense object or a JSON array of offenses; see
     * {@link #normalize(String)}) with this normalizer's closing-reasons list.
     *
     * @return the offenses in document order (empty for {@code []})
     * @throws NormalizationException if the text is not valid JSON, has neither accepted shape (the message names
     *         the missing {@code id}), is a QRadar error body, lacks {@code id} or {@code status} ("is missing"), has
     *         a status outside {@link #STATUSES}, a field of the wrong JSON type, or is {@code CLOSED} with a
     *         {@code closing_reason_id} that the closing-reasons list does not have; the message names the JSON
     *         Pointer (e.g. {@code /0/status}), the bad value and the allowed ones
     */
    @Override
    List<Incident> normalize(JsonNode root) {
        return normalize(root, closingReasons);
    }

    /**
     * As {@link #normalize(String)}, resolving closing reasons through {@code closingReasonsJson} (the body of
     * {@code GET /api/siem/offense_closing_reasons}) instead; null means this normalizer's own list.
     *
     * @throws NormalizationException as {@link #normalize(String)}, and (source {@code IBM QRadar closing reasons})
     *         when the closing-reasons list itself is invalid
     */
    public List<Incident> normalize(String document, String closingReasonsJson) {
        QRadarClosingReasons reasons = closingReasonsJson == null
                ? closingReasons : QRadarClosingReasons.parse(closingReasonsJson);
        return normalize(json.parse(document), reasons);
    }

    private List<Incident> normalize(JsonNode root, QRadarClosingReasons reasons) {
        if (root.isArray()) {
            return json.items(root, "", "offenses", (node, at) -> offense(node, at, reasons));
        }
        json.requireObject(root, "", EXPECTED);
        if (root.has("http_response")) {
            String message = root.path("message").asText(root.path("http_response").path("message").asText(""));
            throw json.error("/http_response", "is a QRadar error response: "
                    + (message.isBlank() ? "no error detail given" : message.strip()));
        }
        if (!root.has("id")) {
            throw json.error("", "must be " + EXPECTED + ", but has no \"id\"");
        }
        return List.of(offense(root, "", reasons));
    }

    private Incident offense(JsonNode node, String at, QRadarClosingReasons reasons) {
        json.requireObject(node, at, "a QRadar offense object");
        String id = json.requiredIdentifier(node, at, "id");
        String status = json.requiredOneOf(node, at, "status", STATUSES);
        String closingReason = CLOSED.equals(status) ? closingReason(node, at, reasons) : null;
        return new Incident(
                IncidentSource.QRADAR,
                id,
                null,
                json.optionalIdentifier(node, at, "domain_id"),
                json.optionalText(node, at, "description"),
                json.optionalIdentifier(node, at, "severity"),
                status,
                closingReason,
                closingReason,
                null,
                json.optionalText(node, at, "assigned_to"),
                json.optionalEpochMillis(node, at, "start_time"),
                json.optionalEpochMillis(node, at, "last_updated_time"),
                node);
    }

    private String closingReason(JsonNode node, String at, QRadarClosingReasons reasons) {
        String id = json.optionalIdentifier(node, at, "closing_reason_id");
        if (id == null) {
            return null;
        }
        String text = reasons.text(id);
        if (text == null) {
            throw json.error(JsonInput.child(at, "closing_reason_id"), "is " + id + ", which the closing-reasons"
                    + " list does not have (known: " + reasons.describe() + "); pass this QRadar's"
                    + " GET /api/siem/offense_closing_reasons list");
        }
        return text;
    }
}
