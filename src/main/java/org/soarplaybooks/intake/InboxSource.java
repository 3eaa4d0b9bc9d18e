package org.soarplaybooks.intake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.soarplaybooks.incident.ContraForceEventNormalizer;
import org.soarplaybooks.incident.CrowdStrikeAlertNormalizer;
import org.soarplaybooks.incident.DefenderXdrIncidentNormalizer;
import org.soarplaybooks.incident.DocumentNormalizer;
import org.soarplaybooks.incident.Incident;
import org.soarplaybooks.incident.QRadarOffenseNormalizer;
import org.soarplaybooks.incident.SentinelIncidentNormalizer;
import org.soarplaybooks.incident.SentinelOneThreatNormalizer;
import org.soarplaybooks.incident.SplunkNotableNormalizer;

/**
 * The document shapes of each source an inbox folder takes, for {@link ItemStream}: which member of a list
 * document holds the items, and how one item is normalized on its own.
 */
enum InboxSource {
    /** {@code {"value": [incident, ...]}}, one incident, or an automation-rule envelope. */
    SENTINEL(new SentinelIncidentNormalizer(), SentinelIncidentNormalizer.SOURCE_NAME, "Sentinel", false,
            Set.of("value"), UnaryOperator.identity(), "/name"),
    /** {@code {"data": [threat, ...], "pagination"}}, {@code {"data": threat}} or a bare threat. */
    SENTINELONE(new SentinelOneThreatNormalizer(), SentinelOneThreatNormalizer.SOURCE_NAME, "SentinelOne", false,
            Set.of("data"), UnaryOperator.identity(), "/id"),
    /** {@code {"value": [incident, ...]}} (legacy API or Microsoft Graph) or one incident. */
    DEFENDER_XDR(new DefenderXdrIncidentNormalizer(), DefenderXdrIncidentNormalizer.SOURCE_NAME, "DefenderXDR", false,
            Set.of("value"), UnaryOperator.identity(), "/incidentId", "/id"),
    /** {@code [offense, ...]} or one offense. */
    QRADAR(new QRadarOffenseNormalizer(), QRadarOffenseNormalizer.SOURCE_NAME, "QRadar", true, Set.of(),
            UnaryOperator.identity(), "/id"),
    /** {@code [notable, ...]}, {@code {"results": [notable, ...]}} or one notable. */
    SPLUNK(new SplunkNotableNormalizer(), SplunkNotableNormalizer.SOURCE_NAME, "Splunk", true, Set.of("results"),
            UnaryOperator.identity(), "/event_id"),
    /** {@code {"meta", "errors", "resources": [alert, ...]}}: each alert is read in an envelope of its own. */
    CROWDSTRIKE(new CrowdStrikeAlertNormalizer(), CrowdStrikeAlertNormalizer.SOURCE_NAME, "CrowdStrike", false,
            Set.of("resources"), InboxSource::inEnvelope, "/composite_id", "/id"),
    /** {@code [event, ...]} or one ContraForce webhook event envelope. */
    CONTRAFORCE(new ContraForceEventNormalizer(), ContraForceEventNormalizer.SOURCE_NAME, "ContraForce", true,
            Set.of(), UnaryOperator.identity(), "/data/incidentId");

    private final DocumentNormalizer normalizer;
    private final String displayName;
    private final String keyPrefix;
    private final boolean arrays;
    private final Set<String> listFields;
    private final UnaryOperator<JsonNode> asDocument;
    private final List<String> idPointers;

    InboxSource(DocumentNormalizer normalizer, String displayName, String keyPrefix, boolean arrays,
            Set<String> listFields, UnaryOperator<JsonNode> asDocument, String... idPointers) {
        this.normalizer = normalizer;
        this.displayName = displayName;
        this.keyPrefix = keyPrefix;
        this.arrays = arrays;
        this.listFields = listFields;
        this.asDocument = asDocument;
        this.idPointers = List.of(idPointers);
    }

    /** The item's id as the source writes it, if it has a readable one (for the key of its dead letter). */
    String idOf(JsonNode item) {
        for (String pointer : idPointers) {
            JsonNode id = item == null ? null : item.at(pointer);
            if (id != null && id.isValueNode() && !id.asText().isBlank()) {
                return id.asText();
            }
        }
        return null;
    }

    /** The source's name in messages, e.g. {@code Microsoft Sentinel}. */
    String displayName() {
        return displayName;
    }

    /** The source's spelling in incident keys, e.g. {@code Sentinel}. */
    String keyPrefix() {
        return keyPrefix;
    }

    /** Whether a document may be a JSON array of items. */
    boolean arrays() {
        return arrays;
    }

    /**
     * Whether a document without a list of items may be one item (one incident); a CrowdStrike document is always
     * its {@code {"meta", "errors", "resources"}} envelope.
     */
    boolean singles() {
        return this != CROWDSTRIKE;
    }

    /** Members of a list document that hold the items. */
    Set<String> listFields() {
        return listFields;
    }

    /**
     * The incidents of one item of a list document.
     *
     * @throws org.soarplaybooks.incident.NormalizationException naming the field and the reason
     */
    List<Incident> item(JsonNode item) {
        return normalizer.normalizeParsed(asDocument.apply(item));
    }

    /**
     * The incidents of a whole document (one without a list, or a list document whose list was empty: its
     * envelope, which may be an error answer).
     *
     * @throws org.soarplaybooks.incident.NormalizationException naming the field and the reason
     */
    List<Incident> document(JsonNode document) {
        return normalizer.normalizeParsed(document);
    }

    private static JsonNode inEnvelope(JsonNode alert) {
        ObjectNode envelope = JsonNodeFactory.instance.objectNode();
        envelope.putObject("meta");
        envelope.putArray("errors");
        envelope.putArray("resources").add(alert);
        return envelope;
    }
}
