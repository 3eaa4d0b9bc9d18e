package org.soarplaybooks.incident;

import java.util.List;

/**
 * One bean for playbooks: turns a source system's JSON into canonical {@link Incident}s.
 *
 * <p>Playbooks call it from Camel YAML, e.g. {@code bean: {ref: normalizers, method: sentinel}}; the message
 * body (a {@code String}, or anything Camel converts to one, such as a file) is the JSON document. Each method
 * has exactly one parameter so Camel's bean binding can never pick the wrong overload; Java callers that hold
 * bytes or a stream, or that need QRadar closing reasons other than the bundled default list, can use the
 * normalizer classes ({@link SentinelIncidentNormalizer}, {@link QRadarOffenseNormalizer}, ...) directly.
 *
 * <p>Stateless and thread-safe.
 */
public class Normalizers {

    private final SentinelIncidentNormalizer sentinel = new SentinelIncidentNormalizer();
    private final SentinelOneThreatNormalizer sentinelOne = new SentinelOneThreatNormalizer();
    private final DefenderXdrIncidentNormalizer defenderXdr = new DefenderXdrIncidentNormalizer();
    private final QRadarOffenseNormalizer qradar = new QRadarOffenseNormalizer();
    private final CrowdStrikeAlertNormalizer crowdStrike = new CrowdStrikeAlertNormalizer();
    private final SplunkNotableNormalizer splunk = new SplunkNotableNormalizer();
    private final ContraForceEventNormalizer contraForce = new ContraForceEventNormalizer();

    /**
     * Microsoft Sentinel: a single ARM incident resource, a {@code {"value": [...]}} list or an automation-rule
     * envelope {@code {..., "object": {...incident...}}} (api-version 2024-09-01). See
     * {@link SentinelIncidentNormalizer} for the fields read.
     *
     * @param json the JSON text
     * @return the incidents in document order, source {@link IncidentSource#SENTINEL}
     * @throws NormalizationException for invalid JSON, an unknown shape, a missing {@code name} /
     *         {@code properties.status}, or a value outside Sentinel's documented enums (the message names the
     *         JSON Pointer of the field)
     */
    public List<Incident> sentinel(String json) {
        return sentinel.normalize(json);
    }

    /**
     * SentinelOne: a threats list {@code {"data": [...]}}, a single {@code {"data": {...}}} or a bare threat, in
     * the v2.1 ({@code threatInfo}) or flat v2.0 shape. See {@link SentinelOneThreatNormalizer} for the fields
     * read and the rule that derives {@code incidentStatus} from {@code resolved}.
     *
     * @param json the JSON text
     * @return the threats in document order, source {@link IncidentSource#SENTINELONE}
     * @throws NormalizationException for invalid JSON, an unknown shape, an error response, a missing {@code id}
     *         / incident status, or an incidentStatus / analystVerdict outside the documented values (the
     *         message names the JSON Pointer of the field)
     */
    public List<Incident> sentinelOne(String json) {
        return sentinelOne.normalize(json);
    }

    /**
     * Microsoft Defender XDR: the legacy API ({@code api.security.microsoft.com/api/incidents}, {@code incidentId},
     * PascalCase values) or Microsoft Graph {@code security/incidents} ({@code id}, lower-camel values), as a
     * {@code {"value": [...]}} list or a single incident. See {@link DefenderXdrIncidentNormalizer}.
     *
     * @param json the JSON text
     * @return the incidents in document order, source {@link IncidentSource#DEFENDER_XDR}; status,
     *         classification and determination (as classificationReason) in the spelling of the API they came from
     * @throws NormalizationException for invalid JSON, an unknown shape (naming the fields looked for), a Microsoft
     *         error body, a missing id / {@code status}, or a value outside the API's documented enums (the message
     *         names the JSON Pointer of the field)
     */
    public List<Incident> defenderXdr(String json) {
        return defenderXdr.normalize(json);
    }

    /**
     * IBM QRadar: an offense object or a JSON array of offenses ({@code GET /api/siem/offenses}); a closed
     * offense's {@code closing_reason_id} is resolved through the bundled default closing-reasons list. See
     * {@link QRadarOffenseNormalizer} (which also takes an installation's own list).
     *
     * @param json the JSON text
     * @return the offenses in document order, source {@link IncidentSource#QRADAR}
     * @throws NormalizationException for invalid JSON, an unknown shape, a QRadar error body, a missing
     *         {@code id} / {@code status}, a status outside {@code OPEN|HIDDEN|CLOSED}, or a closing reason id the
     *         list does not have (the message names the JSON Pointer of the field)
     */
    public List<Incident> qradar(String json) {
        return qradar.normalize(json);
    }

    /**
     * CrowdStrike Falcon: an Alerts v2 answer {@code {"meta", "errors", "resources": [alert, ...]}}. See
     * {@link CrowdStrikeAlertNormalizer}.
     *
     * @param json the JSON text
     * @return the alerts in document order, source {@link IncidentSource#CROWDSTRIKE}
     * @throws NormalizationException for invalid JSON, a document without {@code resources}, an error response
     *         (errors and no resources; the message gives the first error's code and message), a missing id /
     *         {@code status}, or a status outside {@code new|in_progress|closed|reopened}
     */
    public List<Incident> crowdStrike(String json) {
        return crowdStrike.normalize(json);
    }

    /**
     * Splunk Enterprise Security: a notable event, a JSON array of them, or search results
     * {@code {"results": [...]}}. See {@link SplunkNotableNormalizer}.
     *
     * @param json the JSON text
     * @return the notables in document order, source {@link IncidentSource#SPLUNK}; status as the ES label
     *         ({@code In Progress}), disposition ({@code disposition:N}) as classification and classificationReason
     * @throws NormalizationException for invalid JSON, an unknown shape, a missing {@code event_id} / status, or a
     *         status or disposition that is not an ES default (the message names the JSON Pointer of the field)
     */
    public List<Incident> splunk(String json) {
        return splunk.normalize(json);
    }

    /**
     * ContraForce incident webhook events: one envelope {@code {"type", "timestamp", "isTest", "occurredAt",
     * "data": {...}}} or a JSON array of them. See {@link ContraForceEventNormalizer} (including our assumption
     * about {@code data.status} on status-change events).
     *
     * @param json the JSON text
     * @return one incident per event; source = the wrapped incident's system ({@code data.source}); status,
     *         classification and classificationReason in ContraForce spelling
     * @throws NormalizationException for invalid JSON, an unknown shape, a non-incident event type, an unknown
     *         {@code data.source}, a missing {@code data.incidentId} / status, or a value outside the ContraForce
     *         enums (the message names the JSON Pointer of the field)
     */
    public List<Incident> contraForce(String json) {
        return contraForce.normalize(json);
    }
}
