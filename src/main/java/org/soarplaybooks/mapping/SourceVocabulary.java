package org.soarplaybooks.mapping;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.soarplaybooks.incident.ContraForceEventNormalizer;
import org.soarplaybooks.incident.CrowdStrikeAlertNormalizer;
import org.soarplaybooks.incident.DefenderXdrIncidentNormalizer;
import org.soarplaybooks.incident.IncidentSource;
import org.soarplaybooks.incident.QRadarOffenseNormalizer;
import org.soarplaybooks.incident.SentinelIncidentNormalizer;
import org.soarplaybooks.incident.SentinelOneThreatNormalizer;
import org.soarplaybooks.incident.SplunkNotableNormalizer;

/**
 * THE table of source systems the mapping file knows: for each source, the values the source system itself
 * defines for each mapping table. The start-up check accepts a key in {@code <source>.<table>} only if it is one
 * of these values.
 *
 * <p>To support another source, add one constant here with its value sets; the mapping file then accepts a
 * section named after the source ({@link IncidentSource#wireName()} in lower case) and a
 * {@code workspaces.<source>} table. No other code changes.
 *
 * <p>{@link #CONTRAFORCE} is different: it lists ContraForce's own values (what a ContraForce webhook event
 * carries) and has no {@link IncidentSource}. It is the key side of the sections that map ContraForce values to
 * other vendors ({@code contraforce-to-sentinelone}, {@code privacy-register}; the other vendors' values are in
 * {@link VendorVocabulary}); a section named {@code contraforce} is rejected with a message pointing to them.
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
            MappingTable.CLASSIFICATION, new Values("analystVerdict", SentinelOneThreatNormalizer.ANALYST_VERDICTS))),

    /**
     * Microsoft Defender XDR incidents, legacy API (PascalCase) and Microsoft Graph (lower-camel) values together;
     * {@code determination} is the classification reason. Workspace = Entra tenant id (a GUID, so case-insensitive).
     */
    DEFENDER_XDR(IncidentSource.DEFENDER_XDR, "Microsoft Defender XDR", true, Map.of(
            MappingTable.STATUS, new Values("status", DefenderXdrIncidentNormalizer.STATUSES),
            MappingTable.CLASSIFICATION, new Values("classification", DefenderXdrIncidentNormalizer.CLASSIFICATIONS),
            MappingTable.CLASSIFICATION_REASON,
            new Values("determination", DefenderXdrIncidentNormalizer.DETERMINATIONS))),

    /**
     * IBM QRadar offenses: status, and the default closing reasons' texts, which serve as both classification and
     * reason. Workspace = domain id (exact).
     */
    QRADAR(IncidentSource.QRADAR, "QRadar", false, Map.of(
            MappingTable.STATUS, new Values("offense status", QRadarOffenseNormalizer.STATUSES),
            MappingTable.CLASSIFICATION, new Values("closing reason", QRadarOffenseNormalizer.DEFAULT_CLOSING_REASONS),
            MappingTable.CLASSIFICATION_REASON,
            new Values("closing reason", QRadarOffenseNormalizer.DEFAULT_CLOSING_REASONS))),

    /** CrowdStrike Falcon alerts: status only (no verdict). Workspace = customer id (cid, hex; case-insensitive). */
    CROWDSTRIKE(IncidentSource.CROWDSTRIKE, "CrowdStrike Falcon", true, Map.of(
            MappingTable.STATUS, new Values("alert status", CrowdStrikeAlertNormalizer.STATUSES))),

    /**
     * Splunk ES notable events: status labels, and dispositions, which serve as both classification and reason.
     * Notables carry no workspace.
     */
    SPLUNK(IncidentSource.SPLUNK, "Splunk Enterprise Security", false, Map.of(
            MappingTable.STATUS, new Values("status", SplunkNotableNormalizer.STATUSES),
            MappingTable.CLASSIFICATION, new Values("disposition", SplunkNotableNormalizer.DISPOSITIONS),
            MappingTable.CLASSIFICATION_REASON, new Values("disposition", SplunkNotableNormalizer.DISPOSITIONS))),

    /**
     * ContraForce's own values (webhook events, API enums). Not a source system: no {@link IncidentSource}, no
     * workspaces, and no section of its own (see the class comment).
     */
    CONTRAFORCE("contraforce", null, "ContraForce", false, Map.of(
            MappingTable.STATUS, new Values("status", ContraForceEventNormalizer.STATUSES),
            MappingTable.CLASSIFICATION, new Values("classification", ContraForceEventNormalizer.CLASSIFICATIONS),
            MappingTable.CLASSIFICATION_REASON,
            new Values("classificationReason", ContraForceEventNormalizer.CLASSIFICATION_REASONS)));

    /**
     * The values a source defines for one table.
     *
     * @param field  the source's own name of the field, for messages (e.g. {@code incidentStatus})
     * @param values the allowed values, exact spelling
     */
    record Values(String field, List<String> values) {
    }

    private final String section;
    private final IncidentSource source;
    private final String displayName;
    private final boolean workspaceIgnoresCase;
    private final Map<MappingTable, Values> tables;

    SourceVocabulary(IncidentSource source, String displayName, boolean workspaceIgnoresCase,
                     Map<MappingTable, Values> tables) {
        this(sectionOf(source), source, displayName, workspaceIgnoresCase, tables);
    }

    SourceVocabulary(String section, IncidentSource source, String displayName, boolean workspaceIgnoresCase,
                     Map<MappingTable, Values> tables) {
        this.section = section;
        this.source = source;
        this.displayName = displayName;
        this.workspaceIgnoresCase = workspaceIgnoresCase;
        this.tables = new EnumMap<>(tables);
    }

    /** The source system, or null for {@link #CONTRAFORCE} (ContraForce's own values). */
    IncidentSource source() {
        return source;
    }

    /** True for a source system whose values the mapping file translates to ContraForce. */
    boolean isIncidentSource() {
        return source != null;
    }

    /**
     * Section name in the mapping file: the ContraForce source spelling in lower case, e.g. {@code sentinelone};
     * {@code contraforce} for {@link #CONTRAFORCE}.
     */
    String section() {
        return section;
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

    /** Any vocabulary by section name, {@link #CONTRAFORCE} included. */
    static Optional<SourceVocabulary> bySection(String section) {
        return Arrays.stream(values()).filter(v -> v.section().equals(section)).findFirst();
    }

    /** A source system's vocabulary by section name (never {@link #CONTRAFORCE}). */
    static Optional<SourceVocabulary> bySourceSection(String section) {
        return bySection(section).filter(SourceVocabulary::isIncidentSource);
    }

    static Optional<SourceVocabulary> of(IncidentSource source) {
        return Arrays.stream(values()).filter(v -> source != null && v.source == source).findFirst();
    }

    /** The section names of the source systems, in declaration order (the sections the mapping file accepts). */
    static List<String> sections() {
        return Arrays.stream(values()).filter(SourceVocabulary::isIncidentSource).map(SourceVocabulary::section)
                .toList();
    }
}
