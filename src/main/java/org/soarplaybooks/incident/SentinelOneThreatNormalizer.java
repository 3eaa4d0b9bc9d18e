package org.soarplaybooks.incident;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns SentinelOne Management API threat JSON into {@link Incident}s.
 *
 * <p>Input: {@code GET /web/api/v2.1/threats} (and the older v2.0) responses; samples in
 * {@code src/main/resources/samples/sentinelone/} (demisto/content and rapid7/insightconnect-plugins test data).
 * Document shapes accepted:
 * <ul>
 *   <li>a list {@code {"data": [threat, ...], "pagination": {...}}}, with or without {@code pagination};</li>
 *   <li>a single threat wrapped as {@code {"data": {...threat...}}};</li>
 *   <li>a bare threat object (has a top-level {@code id}).</li>
 * </ul>
 * An {@code "errors"} member next to {@code data} is ignored (published responses carry {@code "errors": [{}]}
 * beside a normal list). A document with {@code errors} and no {@code data} is a SentinelOne error response and
 * is rejected with the first error's title and detail.
 *
 * <p>Two threat shapes, told apart by the presence of a {@code threatInfo} object:
 * <ul>
 *   <li><b>v2.1</b>: top-level {@code id}; {@code threatInfo.incidentStatus} (required), {@code analystVerdict},
 *       {@code threatName}, {@code confidenceLevel}, {@code createdAt}, {@code updatedAt}; site from
 *       {@code agentDetectionInfo.siteId}, else {@code agentRealtimeInfo.siteId}.</li>
 *   <li><b>flat v2.0</b>: top-level {@code id}, {@code threatName}, {@code siteId}, {@code createdAt},
 *       {@code updatedAt}, {@code incidentStatus}, {@code analystVerdict}, {@code resolved}. <b>Our rule</b>: when
 *       a flat threat has no {@code incidentStatus}, it is derived from the boolean {@code resolved}:
 *       {@code true} → {@code "resolved"}, {@code false} → {@code "unresolved"} (v2.0 had no
 *       "in progress" state). If both are absent the threat is rejected ("is missing"). The flat threat's
 *       {@code rank} and top-level {@code classification} (a malware family such as {@code "Malware"}, not an
 *       analyst verdict) are not mapped.</li>
 * </ul>
 *
 * <p>Mapping: id = threat {@code id}; number = null; workspace = siteId; title = threatName (kept as sent, may be
 * an empty string); severity = {@code threatInfo.confidenceLevel} (v2.1) or null; status = incidentStatus
 * ({@link #INCIDENT_STATUSES}); classification = analystVerdict ({@link #ANALYST_VERDICTS}, null allowed);
 * classificationReason, classificationComment and owner = null; createdAt/updatedAt = ISO-8601 UTC times;
 * raw = the threat object as received. Instances are stateless and thread-safe.
 */
public final class SentinelOneThreatNormalizer extends DocumentNormalizer {

    /** Source name used in error messages. */
    public static final String SOURCE_NAME = "SentinelOne";

    /** SentinelOne threat {@code incidentStatus} values. */
    public static final List<String> INCIDENT_STATUSES = List.of("unresolved", "in_progress", "resolved");

    /** SentinelOne threat {@code analystVerdict} values. */
    public static final List<String> ANALYST_VERDICTS =
            List.of("true_positive", "false_positive", "suspicious", "undefined");

    private static final String EXPECTED = "must be a SentinelOne threats response {\"data\": [...]},"
            + " a single threat {\"data\": {...}} or a threat object with \"id\"";

    /** A normalizer; stateless and thread-safe. */
    public SentinelOneThreatNormalizer() {
        super(SOURCE_NAME);
    }



    /**
     * Normalizes a SentinelOne threats document.
     *
     * @param document the JSON text
     * @return the threats in document order (empty for {@code "data": []})
     * @throws NormalizationException if the text is not valid JSON ({@code "is not valid JSON: <parser message>"}),
     *         has none of the accepted shapes, is a SentinelOne error response, lacks {@code id} or the incident
     *         status ("is missing"), has a field of the wrong JSON type, a time without a zone, or an
     *         incidentStatus / analystVerdict outside the documented values; the message names the JSON Pointer
     *         (e.g. {@code /data/0/threatInfo/incidentStatus}), the bad value and the allowed ones
     */
    @Override
    List<Incident> normalize(JsonNode root) {
        if (!root.isObject()) {
            throw json.error("", EXPECTED + ", but is " + JsonInput.describe(root));
        }
        JsonNode data = root.get("data");
        if (data != null && data.isArray()) {
            List<Incident> incidents = new ArrayList<>(data.size());
            for (int i = 0; i < data.size(); i++) {
                incidents.add(threat(data.get(i), JsonInput.child("/data", i)));
            }
            return incidents;
        }
        if (data != null && data.isObject()) {
            return List.of(threat(data, "/data"));
        }
        if (data != null && !data.isNull()) {
            throw json.error("/data", "must be a JSON array of threats or a threat object, but is "
                    + JsonInput.describe(data));
        }
        if (root.has("errors")) {
            throw json.error("/errors", "is a SentinelOne error response: " + firstError(root.get("errors")));
        }
        if (root.has("id")) {
            return List.of(threat(root, ""));
        }
        throw json.error("", EXPECTED + ", but has neither \"data\" nor \"id\"");
    }

    private static String firstError(JsonNode errors) {
        JsonNode first = errors.isArray() && !errors.isEmpty() ? errors.get(0) : errors;
        String title = first.path("title").asText("");
        String detail = first.path("detail").asText(first.path("message").asText(""));
        String text = (title + (title.isEmpty() || detail.isEmpty() ? "" : ": ") + detail).strip();
        return text.isEmpty() ? "no error detail given" : text;
    }

    private Incident threat(JsonNode node, String at) {
        if (node == null || !node.isObject()) {
            throw json.error(at, "must be a SentinelOne threat object, but is " + JsonInput.describe(node));
        }
        String id = json.requiredIdentifier(node, at, "id");
        JsonNode info = json.optionalObject(node, at, "threatInfo");
        return info != null ? v21(node, at, id, info) : flat(node, at, id);
    }

    private Incident v21(JsonNode node, String at, String id, JsonNode info) {
        String infoAt = JsonInput.child(at, "threatInfo");
        return incident(node, id, siteOf(node, at),
                json.optionalText(info, infoAt, "threatName"),
                json.optionalText(info, infoAt, "confidenceLevel"),
                status(json.requiredText(info, infoAt, "incidentStatus"), infoAt),
                verdict(info, infoAt), info, infoAt);
    }

    private Incident flat(JsonNode node, String at, String id) {
        String status = json.optionalText(node, at, "incidentStatus");
        if (status == null) {
            Boolean resolved = json.optionalBoolean(node, at, "resolved");
            if (resolved == null) {
                throw json.error(JsonInput.child(at, "incidentStatus"),
                        "is missing (and there is no \"resolved\" flag to derive it from)");
            }
            status = resolved ? "resolved" : "unresolved";
        }
        return incident(node, id, json.optionalIdentifier(node, at, "siteId"),
                json.optionalText(node, at, "threatName"), null,
                status(status, at), verdict(node, at), node, at);
    }

    private String siteOf(JsonNode node, String at) {
        for (String holder : List.of("agentDetectionInfo", "agentRealtimeInfo")) {
            JsonNode info = json.optionalObject(node, at, holder);
            String site = info == null ? null : json.optionalIdentifier(info, JsonInput.child(at, holder), "siteId");
            if (site != null && !site.isBlank()) {
                return site;
            }
        }
        return null;
    }

    private String status(String value, String holderAt) {
        return json.checkOneOf(value, JsonInput.child(holderAt, "incidentStatus"), "incidentStatus",
                INCIDENT_STATUSES);
    }

    private String verdict(JsonNode holder, String holderAt) {
        return json.checkOneOf(json.optionalText(holder, holderAt, "analystVerdict"),
                JsonInput.child(holderAt, "analystVerdict"), "analystVerdict", ANALYST_VERDICTS);
    }

    private Incident incident(JsonNode node, String id, String site, String title, String severity,
                              String status, String verdict, JsonNode times, String timesAt) {
        return new Incident(IncidentSource.SENTINELONE, id, null, site, title, severity, status, verdict,
                null, null, null,
                json.optionalInstant(times, timesAt, "createdAt"),
                json.optionalInstant(times, timesAt, "updatedAt"),
                node);
    }
}
