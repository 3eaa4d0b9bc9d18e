package org.soarplaybooks.incident;

import java.util.List;

/**
 * One bean for playbooks: turns a source system's JSON into canonical {@link Incident}s.
 *
 * <p>Playbooks call it from Camel YAML, e.g. {@code bean: {ref: normalizers, method: sentinel}}; the message
 * body (a {@code String}, or anything Camel converts to one, such as a file) is the JSON document. Each method
 * has exactly one parameter so Camel's bean binding can never pick the wrong overload; Java callers that hold
 * bytes or a stream can use {@link SentinelIncidentNormalizer} and {@link SentinelOneThreatNormalizer} directly.
 *
 * <p>Stateless and thread-safe.
 */
public class Normalizers {

    private final SentinelIncidentNormalizer sentinel = new SentinelIncidentNormalizer();
    private final SentinelOneThreatNormalizer sentinelOne = new SentinelOneThreatNormalizer();

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
}
