package org.soarplaybooks.incident;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
 *       under their own names;</li>
 *   <li>{@code actions}: added by the values Kamelets ({@code contraforce-incident-status-values-action} puts
 *       {@code contraForceStatus}, {@code sentinelone-threat-incident-values-action} puts
 *       {@code sentinelOneThreat}): what each action is to send for this incident, read by the steps that send
 *       ({@link #action}).</li>
 * </ul>
 * Absent values are JSON nulls (the key is there), so {@code ${body[classification]} == null} tests them.
 */
public final class IncidentJson {

    /** Field added for the playbook: the incident key. */
    public static final String INCIDENT_KEY = "incidentKey";
    /** Field added for the playbook: what enrich steps add. */
    public static final String ENRICHMENT = "enrichment";
    /** Field added by values Kamelets: what each action is to send for the incident, by action name. */
    public static final String ACTIONS = "actions";

    private IncidentJson() {
    }

    /**
     * The incident as a mutable map, in the schema's field order, then {@code incidentKey} and an empty
     * {@code enrichment}. Objects are {@link JsonObject}s (see there why), arrays {@code ArrayList}s, numbers
     * {@code Long}, {@code BigInteger}, {@code Double} or {@code BigDecimal} as Jackson reads them.
     *
     * @param mapper the engine's JSON mapper (writes times as ISO-8601 text, keeps nulls)
     */
    public static Map<String, Object> of(ObjectMapper mapper, Incident incident) {
        JsonObject json = (JsonObject) value(mapper.valueToTree(incident));
        json.put(INCIDENT_KEY, incident.key());
        json.put(ENRICHMENT, new JsonObject());
        return json;
    }

    /**
     * Records what an action is to send for the incident: {@code incident.actions.<name> = value}.
     *
     * @return the incident
     * @throws IllegalArgumentException when {@code incident} is null
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> putAction(Map<String, Object> incident, String name, Object value) {
        if (incident == null) {
            throw new IllegalArgumentException("no incident (the body is empty)");
        }
        Object actions = incident.get(ACTIONS);
        if (!(actions instanceof Map)) {
            actions = new JsonObject();
            incident.put(ACTIONS, actions);
        }
        ((Map<String, Object>) actions).put(name, value);
        return incident;
    }

    /**
     * What an action is to send for an incident: {@code incident.actions.<name>}, or the value itself when
     * {@code incident} already is one of {@code type}.
     *
     * @return the value, or null when the incident has none (it was not meant for that action)
     */
    public static <T> T action(Object incident, String name, Class<T> type) {
        if (type.isInstance(incident)) {
            return type.cast(incident);
        }
        if (incident instanceof Map<?, ?> m && m.get(ACTIONS) instanceof Map<?, ?> actions) {
            Object v = actions.get(name);
            return type.isInstance(v) ? type.cast(v) : null;
        }
        return null;
    }

    /**
     * A JSON value of an incident as a tree again (for an action item's {@code item}): the tree it was read from
     * when {@code value} is an object of this body, else its conversion.
     */
    public static JsonNode tree(Object value) {
        if (value instanceof JsonObject o && o.source != null) {
            return o.source;
        }
        return value == null ? null : TREES.valueToTree(value);
    }

    /** Turns plain values (maps, lists, text, numbers) into trees; needs no module. */
    private static final ObjectMapper TREES = new ObjectMapper();

    /** A JSON value as plain Java: JsonObject, ArrayList, String, Number, Boolean or null. */
    static Object value(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isObject()) {
            JsonObject out = new JsonObject(node);
            node.fields().forEachRemaining(e -> out.put(e.getKey(), value(e.getValue())));
            return out;
        }
        if (node.isArray()) {
            List<Object> out = new ArrayList<>(node.size());
            node.forEach(n -> out.add(value(n)));
            return out;
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isIntegralNumber()) {
            return node.canConvertToLong() ? (Object) node.longValue() : node.bigIntegerValue();
        }
        if (node.isNumber()) {
            return node.isBigDecimal() ? node.decimalValue() : (Object) node.doubleValue();
        }
        return node.asText();
    }

    /**
     * A JSON object of an incident: a {@code LinkedHashMap} that hashes and compares by identity, not content.
     * Camel looks the object of every {@code ${body[field]}} Simple expression up in its bean-info cache by hash
     * ({@code BeanInfoCacheKey}); hashing an incident's whole JSON there on every expression took most of the
     * triage playbook's CPU under webhook load (seen in the benchmark's profile).
     */
    public static final class JsonObject extends LinkedHashMap<String, Object> {

        private static final long serialVersionUID = 1L;

        /** The JSON this was read from, or null for one built here. */
        private final transient JsonNode source;

        JsonObject() {
            this(null);
        }

        JsonObject(JsonNode source) {
            this.source = source;
        }

        @Override
        public boolean equals(Object other) {
            return this == other;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
        }
    }
}
