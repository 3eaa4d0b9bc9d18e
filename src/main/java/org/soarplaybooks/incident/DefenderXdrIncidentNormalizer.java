package org.soarplaybooks.incident;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.stream.Stream;

/**
 * Turns Microsoft Defender XDR incident JSON into {@link Incident}s, from either of Microsoft's two incident APIs.
 *
 * <p>Input (samples in {@code src/main/resources/samples/defender-xdr/}):
 * <ul>
 *   <li><b>legacy API</b> {@code GET https://api.security.microsoft.com/api/incidents[/{id}]} (learn.microsoft.com
 *       "Microsoft Defender XDR incidents API", "Update incidents API"): incident {@code {incidentId (long),
 *       redirectIncidentId, incidentName, createdTime, lastUpdateTime, assignedTo, classification, determination,
 *       status, severity, tags[], comments[], alerts[]}}; PascalCase values.</li>
 *   <li><b>Microsoft Graph</b> {@code GET https://graph.microsoft.com/v1.0/security/incidents[/{id}]} (Graph
 *       "incident resource type"): incident {@code {id (string), tenantId, status, incidentWebUrl,
 *       redirectIncidentId, displayName, createdDateTime, lastUpdateDateTime, assignedTo, classification,
 *       determination, severity, customTags[], systemTags[], description, comments[]}}; lower-camel values.</li>
 * </ul>
 * Document shapes: a list {@code {"@odata.context": ..., "value": [incident, ...]}} ({@code @odata.nextLink} is
 * ignored), or a single incident object. Each incident's API is detected on its own: {@code incidentId} means
 * legacy, else {@code id} means Graph. A Microsoft error body {@code {"error": {"code", "message"}}} is rejected
 * with its code and message.
 *
 * <p>Mapping (legacy field / Graph field): id = {@code incidentId} (decimal text) / {@code id}; number = null;
 * workspace = Graph {@code tenantId} (Microsoft Entra tenant) if present and not blank, else null (the legacy API
 * has no tenant field); title = {@code incidentName} / {@code displayName}; severity = {@code severity} as sent;
 * status = {@code status} (required; {@link #LEGACY_STATUSES} / {@link #GRAPH_STATUSES}); classification =
 * {@code classification} ({@link #LEGACY_CLASSIFICATIONS} / {@link #GRAPH_CLASSIFICATIONS}, null allowed);
 * classificationReason = {@code determination} ({@link #LEGACY_DETERMINATIONS} / {@link #GRAPH_DETERMINATIONS},
 * null allowed); classificationComment = null; owner = {@code assignedTo}; createdAt = {@code createdTime} /
 * {@code createdDateTime}; updatedAt = {@code lastUpdateTime} / {@code lastUpdateDateTime} (ISO-8601 UTC, up to 7
 * fractional digits). Values keep Microsoft's spelling of the API they came from ({@code Resolved} vs
 * {@code resolved}); the mapping file's {@code defenderxdr} section lists both. Stateless and thread-safe.
 */
public final class DefenderXdrIncidentNormalizer extends DocumentNormalizer {

    /** Source name used in error messages. */
    public static final String SOURCE_NAME = "Microsoft Defender XDR";

    /**
     * Legacy API {@code status}: the documented {@code Active, InProgress, Resolved, Redirected}, plus {@code New},
     * which published samples carry.
     */
    public static final List<String> LEGACY_STATUSES = List.of("Active", "New", "InProgress", "Resolved", "Redirected");

    /** Legacy API {@code classification} ({@code Unknown} is what an unclassified incident carries). */
    public static final List<String> LEGACY_CLASSIFICATIONS =
            List.of("Unknown", "TruePositive", "FalsePositive", "InformationalExpectedActivity");

    /**
     * Legacy API {@code determination}. Microsoft's pages spell some values two ways (incident resource page vs
     * update page: {@code CompromisedUser}/{@code CompromisedAccount}, {@code ConfirmedUserActivity}/
     * {@code ConfirmedActivity}, {@code InsufficientData}/{@code NoEnoughDataToValidate}); both are accepted.
     * {@code Apt} and {@code SecurityPersonnel} were deprecated in 2022 but still appear on old incidents.
     */
    public static final List<String> LEGACY_DETERMINATIONS = List.of(
            "NotAvailable", "Apt", "Malware", "SecurityPersonnel", "SecurityTesting", "UnwantedSoftware", "Other",
            "MultiStagedAttack", "MaliciousUserActivity", "CompromisedAccount", "CompromisedUser", "Phishing",
            "LineOfBusinessApplication", "ConfirmedActivity", "ConfirmedUserActivity", "Clean",
            "NoEnoughDataToValidate", "InsufficientData");

    /**
     * Graph {@code incidentStatus}. {@code unknownFutureValue} is what Graph sends for members newer than the
     * client asked for (e.g. {@code awaitingAction} without {@code Prefer: include-unknown-enum-members}).
     */
    public static final List<String> GRAPH_STATUSES =
            List.of("active", "inProgress", "awaitingAction", "resolved", "redirected", "unknownFutureValue");

    /** Graph {@code alertClassification}. */
    public static final List<String> GRAPH_CLASSIFICATIONS = List.of(
            "unknown", "truePositive", "falsePositive", "informationalExpectedActivity", "unknownFutureValue");

    /**
     * Graph {@code alertDetermination}: the values of the Graph v1.0 metadata ({@code compromisedAccount},
     * {@code notMalicious}, {@code notEnoughDataToValidate}, {@code confirmedActivity}) and the older spellings on
     * the incident resource page ({@code compromisedUser}, {@code clean}, {@code insufficientData},
     * {@code confirmedUserActivity}).
     */
    public static final List<String> GRAPH_DETERMINATIONS = List.of(
            "unknown", "apt", "malware", "securityPersonnel", "securityTesting", "unwantedSoftware", "other",
            "multiStagedAttack", "compromisedAccount", "compromisedUser", "phishing", "maliciousUserActivity",
            "notMalicious", "clean", "notEnoughDataToValidate", "insufficientData", "confirmedActivity",
            "confirmedUserActivity", "lineOfBusinessApplication", "unknownFutureValue");

    /** Every status either API sends (legacy first); the mapping file's {@code defenderxdr.status} keys. */
    public static final List<String> STATUSES = concat(LEGACY_STATUSES, GRAPH_STATUSES);

    /** Every classification either API sends; the mapping file's {@code defenderxdr.classification} keys. */
    public static final List<String> CLASSIFICATIONS = concat(LEGACY_CLASSIFICATIONS, GRAPH_CLASSIFICATIONS);

    /** Every determination either API sends; the mapping file's {@code defenderxdr.classificationReason} keys. */
    public static final List<String> DETERMINATIONS = concat(LEGACY_DETERMINATIONS, GRAPH_DETERMINATIONS);

    private static final String EXPECTED = "a Defender XDR incident list {\"value\": [...]} or an incident"
            + " with \"incidentId\" (legacy API) or \"id\" (Microsoft Graph)";

    /** The field names and value sets of one of the two APIs. */
    private enum Api {
        LEGACY("incidentId", "incidentName", "createdTime", "lastUpdateTime",
                LEGACY_STATUSES, LEGACY_CLASSIFICATIONS, LEGACY_DETERMINATIONS),
        GRAPH("id", "displayName", "createdDateTime", "lastUpdateDateTime",
                GRAPH_STATUSES, GRAPH_CLASSIFICATIONS, GRAPH_DETERMINATIONS);

        final String id;
        final String title;
        final String created;
        final String updated;
        final List<String> statuses;
        final List<String> classifications;
        final List<String> determinations;

        Api(String id, String title, String created, String updated, List<String> statuses,
            List<String> classifications, List<String> determinations) {
            this.id = id;
            this.title = title;
            this.created = created;
            this.updated = updated;
            this.statuses = statuses;
            this.classifications = classifications;
            this.determinations = determinations;
        }
    }

    /** A normalizer; stateless and thread-safe. */
    public DefenderXdrIncidentNormalizer() {
        super(SOURCE_NAME);
    }



    /**
     * Normalizes a Defender XDR document (legacy or Graph; list or single incident).
     *
     * @param document the JSON text
     * @return the incidents in document order (empty for {@code "value": []})
     * @throws NormalizationException if the text is not valid JSON, has none of the accepted shapes (the message
     *         names the fields looked for), is a Microsoft error body, lacks the id or {@code status}
     *         ("is missing"), has a field of the wrong JSON type, a time without a zone, or a status /
     *         classification / determination outside the values of its API; the message names the JSON Pointer
     *         (e.g. {@code /value/0/status}), the bad value and the allowed ones
     */
    @Override
    List<Incident> normalize(JsonNode root) {
        json.requireObject(root, "", EXPECTED);
        if (root.has("value")) {
            return json.items(root.get("value"), "/value", "incidents", this::incident);
        }
        if (root.has("error")) {
            JsonNode error = root.get("error");
            String text = (error.path("code").asText("") + ": " + error.path("message").asText("")).strip();
            throw json.error("/error", "is a Microsoft error response: "
                    + (text.equals(":") ? "no error detail given" : text));
        }
        if (root.has("incidentId") || root.has("id")) {
            return List.of(incident(root, ""));
        }
        throw json.error("", "must be " + EXPECTED + ", but has none of \"value\", \"incidentId\", \"id\"");
    }

    private Incident incident(JsonNode node, String at) {
        json.requireObject(node, at, "a Defender XDR incident object");
        Api api = node.has(Api.LEGACY.id) ? Api.LEGACY : Api.GRAPH;
        if (!node.has(Api.GRAPH.id) && api == Api.GRAPH) {
            throw json.error(at, "must be a Defender XDR incident with \"incidentId\" (legacy API) or \"id\""
                    + " (Microsoft Graph), but has neither");
        }
        return new Incident(
                IncidentSource.DEFENDER_XDR,
                json.requiredIdentifier(node, at, api.id),
                null,
                JsonInput.blankToNull(json.optionalText(node, at, "tenantId")),
                json.optionalText(node, at, api.title),
                json.optionalText(node, at, "severity"),
                json.requiredOneOf(node, at, "status", api.statuses),
                json.optionalOneOf(node, at, "classification", api.classifications),
                json.optionalOneOf(node, at, "determination", api.determinations),
                null,
                json.optionalText(node, at, "assignedTo"),
                json.optionalInstant(node, at, api.created),
                json.optionalInstant(node, at, api.updated),
                node);
    }

    private static List<String> concat(List<String> first, List<String> second) {
        return Stream.concat(first.stream(), second.stream()).toList();
    }
}
