package org.soarplaybooks.incident;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The canonical incident as a playbook step sees it with {@code incidents:<playbook>?body=json}: a
 * {@code Map<String, Object>} of the JSON in {@code schemas/incident.schema.json}, so Simple
 * ({@code ${body[status]}}, {@code ${body[raw][threatInfo][threatName]}}) and JSONPath
 * ({@code $.raw.agentRealtimeInfo.agentComputerName}) read it. Fields: those of {@link Incident} (times as UTC
 * ISO-8601 text, {@code raw} as maps and lists), plus
 * <ul>
 *   <li>{@code incidentKey}: {@code <source>:<id>}, the name of the incident in logs, audit records and dead
 *       letters;</li>
 *   <li>{@code enrichment}: an object, empty when the incident leaves the queue; enrich steps add their answers
 *       under their own names.</li>
 * </ul>
 * Absent values are JSON nulls (the key is there), so {@code ${body[classification]} == null} tests them.
 */
public final class IncidentJson {

    /** Field added for the playbook: the incident key. */
    public static final String INCIDENT_KEY = "incidentKey";
    /** Field added for the playbook: what enrich steps add. */
    public static final String ENRICHMENT = "enrichment";

    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
    };

    private IncidentJson() {
    }

    /**
     * The incident as a mutable map, in the schema's field order, then {@code incidentKey} and an empty
     * {@code enrichment}.
     *
     * @param mapper the engine's JSON mapper (writes times as ISO-8601 text, keeps nulls)
     */
    public static Map<String, Object> of(ObjectMapper mapper, Incident incident) {
        LinkedHashMap<String, Object> json = mapper.convertValue(incident, MAP);
        json.put(INCIDENT_KEY, incident.key());
        json.put(ENRICHMENT, new LinkedHashMap<String, Object>());
        return json;
    }
}
