package org.soarplaybooks.mapping;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.soarplaybooks.incident.IncidentSource;
import org.soarplaybooks.incident.SentinelIncidentNormalizer;
import org.soarplaybooks.incident.SentinelOneThreatNormalizer;

/**
 * THE table of source systems the mapping file knows: for each source, the values the source system itself
 * defines for each mapping table. The start-up check accepts a key in {@code <source>.<table>} only if it is one
 * of these values.
 *
 * <p>To support another source (e.g. {@code defenderxdr}, {@code qradar}, {@code splunk}, {@code crowdstrike}),
 * add one constant here with its value sets; the mapping file then accepts a section named after the source
 * ({@link IncidentSource#wireName()} in lower case) and a {@code workspaces.<source>} table. No other code changes.
 */
enum SourceVocabulary {

    /** Microsoft Sentinel incident properties, api-version 2024-09-01 (values from the normalizer). */
    SENTINEL(IncidentSource.SENTINEL, "Microsoft Sentinel", true, Map.of(
            MappingTable.STATUS, new Values("status", SentinelIncidentNormalizer.STATUSES),
            MappingTable.CLASSIFICATION, new Values("classification", SentinelIncidentNormalizer.CLASSIFICATIONS),
            MappingTable.CLASSIFICATION_REASON,
            new Values("classificationReason", SentinelIncidentNormalizer.CLASSIFICATION_REASONS))),

    /** SentinelOne threat incidentStatus / analystVerdict (values from the normalizer). */
    SENTINELONE(IncidentSource.SENTINELONE, "SentinelOne", false, Map.of(
            MappingTable.STATUS, new Values("incidentStatus", SentinelOneThreatNormalizer.INCIDENT_STATUSES),
            MappingTable.CLASSIFICATION, new Values("analystVerdict", SentinelOneThreatNormalizer.ANALYST_VERDICTS)));

    /**
     * The values a source defines for one table.
     *
     * @param field  the source's own name of the field, for messages (e.g. {@code incidentStatus})
     * @param values the allowed values, exact spelling
     */
    record Values(String field, List<String> values) {
    }

    private final IncidentSource source;
    private final String displayName;
    private final boolean workspaceIgnoresCase;
    private final Map<MappingTable, Values> tables;

    SourceVocabulary(IncidentSource source, String displayName, boolean workspaceIgnoresCase,
                     Map<MappingTable, Values> tables) {
        this.source = source;
        this.displayName = displayName;
        this.workspaceIgnoresCase = workspaceIgnoresCase;
        this.tables = new EnumMap<>(tables);
    }

    IncidentSource source() {
        return source;
    }

    /** Section name in the mapping file: the ContraForce source spelling in lower case, e.g. {@code sentinelone}. */
    String section() {
        return sectionOf(source);
    }

    /** Human name for messages, e.g. {@code Microsoft Sentinel}. */
    String displayName() {
        return displayName;
    }

    /** True when the source's workspace names are case-insensitive (Azure resource names are). */
    boolean workspaceIgnoresCase() {
        return workspaceIgnoresCase;
    }

    /** The tables this source has, in {@link MappingTable} order. */
    Map<MappingTable, Values> tables() {
        return tables;
    }

    static String sectionOf(IncidentSource source) {
        return source.wireName().toLowerCase(Locale.ROOT);
    }

    static Optional<SourceVocabulary> bySection(String section) {
        return Arrays.stream(values()).filter(v -> v.section().equals(section)).findFirst();
    }

    static Optional<SourceVocabulary> of(IncidentSource source) {
        return Arrays.stream(values()).filter(v -> v.source == source).findFirst();
    }

    static List<String> sections() {
        return Arrays.stream(values()).map(SourceVocabulary::section).toList();
    }
}
