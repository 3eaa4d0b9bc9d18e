package org.soarplaybooks.mapping;

import java.nio.file.Path;
import java.util.Map;
import org.soarplaybooks.vendor.sentinelone.AnalystVerdict;
import org.soarplaybooks.vendor.sentinelone.IncidentStatus;

/**
 * The mapping file's section {@value #SECTION}: how a ContraForce incident's status and classification become a
 * SentinelOne threat's {@code incidentStatus} and {@code analystVerdict} (playbook
 * {@code contraforce-closure-to-sentinelone}). YAML:
 * <pre>
 * contraforce-to-sentinelone:
 *   incidentStatus:          # ContraForce Status -> SentinelOne incidentStatus
 *     Closed: resolved
 *   analystVerdict:          # ContraForce Classification -> SentinelOne analystVerdict
 *     TruePositive: true_positive
 * </pre>
 * Keys are ContraForce values ({@code contraforce} vocabulary of {@link SourceVocabulary}); values are SentinelOne
 * wire values ({@link VendorVocabulary}); both are checked at start-up. Immutable.
 */
public final class ContraForceToSentinelOne {

    /** The section name in the mapping file. */
    public static final String SECTION = "contraforce-to-sentinelone";
    static final String INCIDENT_STATUS = "incidentStatus";
    static final String ANALYST_VERDICT = "analystVerdict";

    private final Path file;
    private final Map<String, Enum<?>> incidentStatus;
    private final Map<String, Enum<?>> analystVerdict;

    ContraForceToSentinelOne(Path file, Map<String, Enum<?>> incidentStatus, Map<String, Enum<?>> analystVerdict) {
        this.file = file;
        this.incidentStatus = Map.copyOf(incidentStatus);
        this.analystVerdict = Map.copyOf(analystVerdict);
    }

    /**
     * The SentinelOne {@code incidentStatus} for a ContraForce status ({@code New}, {@code Active}, {@code Closed}).
     *
     * @throws MappingException when the section has no entry for it, e.g. {@code config/mapping.yaml has no
     *         contraforce-to-sentinelone.incidentStatus entry for 'Closed'} (also for null)
     */
    public IncidentStatus incidentStatus(String contraForceStatus) {
        return (IncidentStatus) lookup(incidentStatus, INCIDENT_STATUS, contraForceStatus);
    }

    /**
     * The SentinelOne {@code analystVerdict} for a ContraForce classification (e.g. {@code BenignPositive}).
     *
     * @return null when {@code contraForceClassification} is null (no classification: the verdict is left as is)
     * @throws MappingException when the section has no entry for it, e.g. {@code config/mapping.yaml has no
     *         contraforce-to-sentinelone.analystVerdict entry for 'PolicyViolation'}
     */
    public AnalystVerdict analystVerdict(String contraForceClassification) {
        return contraForceClassification == null ? null
                : (AnalystVerdict) lookup(analystVerdict, ANALYST_VERDICT, contraForceClassification);
    }

    private Enum<?> lookup(Map<String, Enum<?>> table, String tableKey, String value) {
        Enum<?> target = value == null ? null : table.get(value);
        if (target == null) {
            throw new MappingException(file + " has no " + SECTION + "." + tableKey + " entry for "
                    + (value == null ? "a missing value" : "'" + value + "'"));
        }
        return target;
    }
}
