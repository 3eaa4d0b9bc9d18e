package org.soarplaybooks.mapping;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.soarplaybooks.vendor.adversarial.ThreatObjective;
import org.soarplaybooks.vendor.sentinelone.AnalystVerdict;

/**
 * THE table of the values other vendors accept, for the mapping-file sections that translate ContraForce values to
 * them ({@code contraforce-to-sentinelone}, {@code privacy-register}). The source side of those sections is
 * ContraForce's own vocabulary ({@link SourceVocabulary#CONTRAFORCE}).
 *
 * <p>Each constant is backed by the vendor's wire enum, so the allowed values are written down once, in the vendor
 * package, and spelled here exactly as on the wire (the enum's JSON form):
 * <ul>
 *   <li>SentinelOne {@code incidentStatus} {@code unresolved|in_progress|resolved} and {@code analystVerdict}
 *       {@code true_positive|false_positive|suspicious|undefined} (api-docs/sentinelone-update-threat-incident.md,
 *       values from design/vendor-facts.md);</li>
 *   <li>Adversarial incident {@code status} {@code New|In Progress|Review|Closed} and
 *       {@code threat_objectives[].threat_objective} {@code Sabotage|Data Disclosure|Extortion|Customer
 *       Targeting|Resource Hijacking|Fraud} (api-docs/adversarial-bulk-update-incidents.md).</li>
 * </ul>
 * To accept another vendor field, add one constant naming its enum.
 */
enum VendorVocabulary {

    SENTINELONE_INCIDENT_STATUS("SentinelOne incidentStatus",
            org.soarplaybooks.vendor.sentinelone.IncidentStatus.class),
    SENTINELONE_ANALYST_VERDICT("SentinelOne analystVerdict", AnalystVerdict.class),
    ADVERSARIAL_STATUS("Adversarial status", org.soarplaybooks.vendor.adversarial.IncidentStatus.class),
    ADVERSARIAL_THREAT_OBJECTIVE("Adversarial threat objective", ThreatObjective.class);

    private final String displayName;
    private final Map<String, Enum<?>> byWireName;

    VendorVocabulary(String displayName, Class<? extends Enum<?>> type) {
        this.displayName = displayName;
        Map<String, Enum<?>> values = new LinkedHashMap<>();
        for (Enum<?> constant : type.getEnumConstants()) {
            values.put(Wire.MAPPER.convertValue(constant, String.class), constant);
        }
        this.byWireName = Collections.unmodifiableMap(values);
    }

    /** For messages, e.g. {@code SentinelOne analystVerdict}. */
    String displayName() {
        return displayName;
    }

    /** The wire spellings, in the enum's declaration order. */
    List<String> wireNames() {
        return List.copyOf(byWireName.keySet());
    }

    /** Reads an enum constant's JSON spelling ({@code @JsonValue} or {@code @JsonProperty}). */
    private static final class Wire {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

    /** The enum constant spelled exactly {@code wireName} on the wire, or null. */
    Enum<?> parse(String wireName) {
        return wireName == null ? null : byWireName.get(wireName);
    }
}
