package org.soarplaybooks.mapping;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.soarplaybooks.incident.IncidentSource;
import org.soarplaybooks.vendor.contraforce.Classification;
import org.soarplaybooks.vendor.contraforce.ClassificationReason;
import org.soarplaybooks.vendor.contraforce.Status;

/**
 * The status, classification and workspace mapping between source systems and ContraForce, read from the
 * mapping file ({@code config/mapping.yaml}) and checked once at start-up.
 *
 * <p>File layout: one section per source system, named by the ContraForce source spelling in lower case
 * ({@code sentinel}, {@code sentinelone}, {@code defenderxdr}, {@code qradar}, {@code crowdstrike},
 * {@code splunk}), each holding tables {@code status}, {@code classification} and (where the source has one)
 * {@code classificationReason} that map a source value to a ContraForce enum constant; plus {@code workspaces.<source>} mapping a source-side workspace
 * (Sentinel Log Analytics workspace name, SentinelOne siteId) to a ContraForce workspace id (UUID). Which values
 * each source defines is listed in one place in code ({@code SourceVocabulary}). Values keep exact spelling; the
 * ContraForce enums are {@link Status}, {@link Classification} and {@link ClassificationReason}
 * (api-docs/contraforce-update-incident-status.md).
 *
 * <p>Two more sections translate ContraForce's own values to other vendors: {@code contraforce-to-sentinelone}
 * ({@link #contraForceToSentinelOne()}) and {@code privacy-register} ({@link #privacyRegister()}); the values the
 * other vendors accept are listed in one place in code ({@code VendorVocabulary}).
 *
 * <p>Immutable and thread-safe once loaded.
 */
public final class StatusMapping {

    /** The workspace key that stands for "any other source workspace, or none". */
    public static final String ANY_WORKSPACE = "*";

    private final Path file;
    private final MappingFileReader.Content content;

    private StatusMapping(Path file, MappingFileReader.Content content) {
        this.file = file;
        this.content = content;
    }

    /**
     * Reads and checks the mapping file.
     *
     * <p>The check rejects: a missing file ({@code "<file>: file not found"}); YAML syntax errors and duplicate
     * keys ({@code "<file>:LINE:COL: <reason>"}); an empty file; an unknown section or table; a key that is not
     * a value the source system defines (e.g. {@code sentinel.status.Actve: 'Actve' is not a Microsoft Sentinel
     * status (allowed: New, Active, Closed)}); a value that is not a ContraForce enum constant spelled exactly
     * (e.g. {@code sentinelone.status.resolved: 'Done' is not a ContraForce Status (allowed: Active, New,
     * Closed)}); a workspace id that is not a UUID; in the ContraForce sections, a key that is not a ContraForce
     * value, a value the other vendor does not define (e.g. {@code contraforce-to-sentinelone.analystVerdict
     * .TruePositive: 'true positive' is not a SentinelOne analystVerdict (allowed: true_positive, false_positive,
     * suspicious, undefined)}), a link key that is not {@code <source>:<incident id>}, a OneTrust incident id that is
     * not a UUID or an Adversarial one that is not {@code INC-<digits>}. All problems are reported together, one per
     * line.
     * A table need not list every source value; a value met at run time without an entry fails then.
     *
     * @param file the mapping file; shown in messages as given (e.g. {@code config/mapping.yaml})
     * @return the checked mapping
     * @throws MappingException naming the file, the key path and the offending value
     */
    public static StatusMapping load(Path file) {
        return new StatusMapping(file, MappingFileReader.read(file));
    }

    /**
     * The ContraForce status for a source status (Sentinel {@code status}, SentinelOne {@code incidentStatus}).
     *
     * @throws MappingException if the file has no {@code <source>.status} entry for {@code value}
     *         (e.g. {@code config/mapping.yaml has no sentinel.status entry for 'Archived'}), also for null
     */
    public Status status(IncidentSource source, String value) {
        return lookup(source, MappingTable.STATUS, value, Status.class);
    }

    /**
     * The ContraForce classification for a source classification (Sentinel {@code classification}, SentinelOne
     * {@code analystVerdict}).
     *
     * @return null when {@code value} is null (the source has no classification yet)
     * @throws MappingException if the file has no {@code <source>.classification} entry for {@code value}
     */
    public Classification classification(IncidentSource source, String value) {
        return value == null ? null : lookup(source, MappingTable.CLASSIFICATION, value, Classification.class);
    }

    /**
     * The ContraForce classification reason for a source classification reason (Sentinel
     * {@code classificationReason}).
     *
     * @return null when {@code value} is null
     * @throws MappingException if the file has no {@code <source>.classificationReason} entry for {@code value}
     */
    public ClassificationReason classificationReason(IncidentSource source, String value) {
        return value == null ? null
                : lookup(source, MappingTable.CLASSIFICATION_REASON, value, ClassificationReason.class);
    }

    /**
     * The ContraForce workspace id (UUID text) for a source-side workspace: Sentinel Log Analytics workspace
     * name (matched ignoring case, as Azure does) or SentinelOne siteId (exact). When the source workspace is
     * null or not listed, the entry {@value #ANY_WORKSPACE} ("any other, or none") applies if the table has one.
     *
     * @return empty when neither the source workspace nor {@value #ANY_WORKSPACE} is listed under
     *         {@code workspaces.<source>}
     */
    public Optional<String> workspace(IncidentSource source, String sourceWorkspace) {
        Map<String, String> table = content.workspaces().getOrDefault(source, Map.of());
        if (sourceWorkspace != null) {
            boolean ignoreCase = SourceVocabulary.of(source).map(SourceVocabulary::workspaceIgnoresCase)
                    .orElse(false);
            String exact = table.get(ignoreCase ? sourceWorkspace.toLowerCase(Locale.ROOT) : sourceWorkspace);
            if (exact != null) {
                return Optional.of(exact);
            }
        }
        return Optional.ofNullable(table.get(ANY_WORKSPACE));
    }


    /**
     * Section {@code contraforce-to-sentinelone}: ContraForce status and classification → SentinelOne
     * {@code incidentStatus} and {@code analystVerdict}. Never null; when the file has no such section, every lookup
     * fails naming the missing entry.
     */
    public ContraForceToSentinelOne contraForceToSentinelOne() {
        return content.contraForceToSentinelOne();
    }

    /**
     * Section {@code privacy-register}: the ContraForce classification reasons that mean personal data may have been
     * exposed (with the Adversarial threat objective and status to record) and the links from ContraForce incidents
     * to their OneTrust and Adversarial incidents. Never null; empty when the file has no such section.
     */
    public PrivacyRegister privacyRegister() {
        return content.privacyRegister();
    }

    /**
     * One value of the mapping file, for playbook YAML (bean {@code mapping}), e.g.
     * {@code ${bean:mapping?method=value('sentinelone.status', ${body[status]})}} gives {@code Closed} for a
     * SentinelOne threat whose incidentStatus is {@code resolved}. Tables ({@code <section>.<table>}):
     * <ul>
     *   <li>{@code <source>.status}, {@code <source>.classification}, {@code <source>.classificationReason}
     *       (source {@code sentinel}, {@code sentinelone}, {@code defenderxdr}, {@code qradar},
     *       {@code crowdstrike}, {@code splunk}): the ContraForce value;</li>
     *   <li>{@code workspaces.<source>}: the ContraForce workspace id for a source workspace (or the table's
     *       {@value #ANY_WORKSPACE} entry);</li>
     *   <li>{@code contraforce-to-sentinelone.incidentStatus}, {@code contraforce-to-sentinelone.analystVerdict}:
     *       the SentinelOne wire value for a ContraForce value;</li>
     *   <li>{@code privacy-register.dataExposureReasons.threatObjective}, {@code ...status}: the Adversarial threat
     *       objective and status for a ContraForce classification reason that means personal data may have been
     *       exposed;</li>
     *   <li>{@code privacy-register.links.onetrustIncident}, {@code ...adversarialIncident}: the OneTrust incident
     *       uuid and the Adversarial incident id linked to an incident key ({@code DefenderXDR:924518}).</li>
     * </ul>
     * Source names may be written as the incident's {@code source} spells them ({@code SentinelOne.status},
     * {@code workspaces.DefenderXDR}), so one expression serves every source:
     * {@code value('${body[source]}.status', ${body[status]})}.
     *
     * @param table the table, as above
     * @param value the value to look up (its text; null counts as missing)
     * @return the value the table gives, as the target vendor spells it
     * @throws MappingException when the table has no entry for the value, e.g. {@code config/mapping.yaml has no
     *         contraforce-to-sentinelone.analystVerdict entry for 'Benign'}, or there is no such table; in a
     *         playbook run this fails the incident that has the value: it becomes its own dead letter with this
     *         message, the others go on
     */
    public String value(String table, Object value) {
        String text = value == null ? null : value.toString();
        int dot = table == null ? -1 : table.indexOf('.');
        String section = dot < 0 ? String.valueOf(table) : table.substring(0, dot);
        String name = dot < 0 ? "" : table.substring(dot + 1);
        if (section.equals("workspaces")) {
            name = name.toLowerCase(Locale.ROOT); // workspaces.${body[source]}: SentinelOne -> sentinelone
        } else if (!section.equals(ContraForceToSentinelOne.SECTION)) {
            section = section.toLowerCase(Locale.ROOT); // ${body[source]}.status: Sentinel -> sentinel
        }
        if (section.equals("workspaces")) {
            IncidentSource source = SourceVocabulary.bySourceSection(name).map(SourceVocabulary::source)
                    .orElseThrow(() -> noTable(table));
            String shownTable = section + "." + name;
            return workspace(source, text).orElseThrow(() -> new MappingException(text == null
                    ? file + ": " + shownTable + " has no \"" + ANY_WORKSPACE + "\" entry, which an incident without"
                            + " a source workspace needs: add one with the ContraForce workspace id"
                    : file + " has no " + shownTable + " entry for '" + text + "' (nor \"" + ANY_WORKSPACE
                            + "\"): add the ContraForce workspace id under " + shownTable));
        }
        if (section.equals(ContraForceToSentinelOne.SECTION)) {
            ContraForceToSentinelOne c = contraForceToSentinelOne();
            if (name.equals(ContraForceToSentinelOne.INCIDENT_STATUS)) {
                return c.incidentStatus(text).wireName();
            }
            if (name.equals(ContraForceToSentinelOne.ANALYST_VERDICT)) {
                if (text == null) {
                    throw new MappingException(file + " has no " + table + " entry for a missing value");
                }
                return c.analystVerdict(text).wireName();
            }
            throw noTable(table);
        }
        if (section.equals(PrivacyRegister.SECTION)) {
            return privacyValue(table, name, text);
        }
        IncidentSource source = SourceVocabulary.bySourceSection(section).map(SourceVocabulary::source)
                .orElseThrow(() -> noTable(table));
        for (MappingTable t : MappingTable.values()) {
            if (t.key().equals(name)) {
                return lookup(source, t, text, Enum.class).name();
            }
        }
        throw noTable(table);
    }

    /**
     * Like {@link #value} for a value that may be absent: null or blank gives null (e.g. no classification yet:
     * the target's value is left as it is), anything else must be in the table.
     *
     * @throws MappingException as {@link #value}
     */
    public String optional(String table, Object value) {
        return value == null || value.toString().isBlank() ? null : value(table, value);
    }

    /**
     * True when {@link #value} has an entry for {@code value} in {@code table}, e.g. whether a classification
     * reason means personal data may have been exposed:
     * {@code ${bean:mapping?method=has('privacy-register.dataExposureReasons.status', ${body[classificationReason]})}}.
     *
     * @throws MappingException when there is no such table
     */
    public boolean has(String table, Object value) {
        if (value == null || value.toString().isBlank()) {
            return false;
        }
        try {
            value(table, value);
            return true;
        } catch (MappingException e) {
            if (e.getMessage().contains(" has no table '")) {
                throw e;
            }
            return false;
        }
    }

    /** Tables of section privacy-register: values as the vendors spell them on the wire. */
    private String privacyValue(String table, String name, String text) {
        PrivacyRegister register = privacyRegister();
        switch (name) {
            case "dataExposureReasons.threatObjective", "dataExposureReasons.status" -> {
                PrivacyRegister.DataExposure e = register.dataExposure(text).orElseThrow(() -> new MappingException(
                        file + " has no " + PrivacyRegister.SECTION + ".dataExposureReasons entry for " + shown(text)));
                return WIRE.convertValue(name.endsWith("status") ? e.status() : e.threatObjective(), String.class);
            }
            case "links.onetrustIncident", "links.adversarialIncident" -> {
                PrivacyRegister.Link l = register.link(text).orElseThrow(() -> new MappingException(file
                        + " has no " + PrivacyRegister.SECTION + ".links entry for ContraForce incident " + text
                        + ": add \"" + text + "\" with its onetrustIncident (OneTrust incident uuid) and"
                        + " adversarialIncident (INC-...)"));
                return name.endsWith("onetrustIncident") ? l.onetrustIncident() : l.adversarialIncident();
            }
            default -> throw noTable(table);
        }
    }

    /** Writes a vendor enum constant as its wire spelling. */
    private static final com.fasterxml.jackson.databind.ObjectMapper WIRE =
            new com.fasterxml.jackson.databind.ObjectMapper();

    private MappingException noTable(String table) {
        return new MappingException(file + " has no table '" + table + "' (tables: <source>.status, "
                + "<source>.classification, <source>.classificationReason, workspaces.<source>, "
                + ContraForceToSentinelOne.SECTION + ".incidentStatus, " + ContraForceToSentinelOne.SECTION
                + ".analystVerdict, privacy-register.dataExposureReasons.threatObjective,"
                + " privacy-register.dataExposureReasons.status, privacy-register.links.onetrustIncident,"
                + " privacy-register.links.adversarialIncident; sources: " + String.join(", ", SourceVocabulary.sections()) + ")");
    }

    private static String shown(String value) {
        return value == null ? "a missing value" : "'" + value + "'";
    }

    /** The mapping file this was loaded from, as given to {@link #load(Path)}. */
    public Path file() {
        return file;
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private <E extends Enum> E lookup(IncidentSource source, MappingTable table, String value, Class<E> type) {
        Enum<?> target = value == null ? null
                : content.tables().getOrDefault(source, Map.of()).getOrDefault(table, Map.of()).get(value);
        if (target == null) {
            throw new MappingException(file + " has no " + SourceVocabulary.sectionOf(source) + "." + table.key()
                    + " entry for " + (value == null ? "a missing value" : "'" + value + "'"));
        }
        return type.cast(target);
    }
}
