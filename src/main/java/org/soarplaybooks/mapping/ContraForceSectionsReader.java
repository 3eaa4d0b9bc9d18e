package org.soarplaybooks.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;
import org.soarplaybooks.incident.IncidentSource;
import org.soarplaybooks.vendor.adversarial.IncidentStatus;
import org.soarplaybooks.vendor.adversarial.ThreatObjective;

/**
 * Reads and checks the mapping-file sections that translate ContraForce values to other vendors:
 * {@value ContraForceToSentinelOne#SECTION} and {@value PrivacyRegister#SECTION} (part of the start-up check of
 * {@link StatusMapping#load}). Problems go to the reader's list as {@code <key path>: <reason>}, so the file's
 * author sees all of them at once; entries with a problem are left out of the result.
 */
final class ContraForceSectionsReader {

    static final String THREAT_OBJECTIVE = "threatObjective";
    static final String STATUS = "status";
    static final String ONETRUST_INCIDENT = "onetrustIncident";
    static final String ADVERSARIAL_INCIDENT = "adversarialIncident";

    private static final Pattern ADVERSARIAL_ID = Pattern.compile("INC-\\d+");
    private static final SourceVocabulary CONTRAFORCE = SourceVocabulary.CONTRAFORCE;

    private final Path file;
    private final BiConsumer<String, String> problem;

    /**
     * @param file    the mapping file, for the checked objects' run-time messages
     * @param problem receives {@code (key path, reason)} for every problem found
     */
    ContraForceSectionsReader(Path file, BiConsumer<String, String> problem) {
        this.file = file;
        this.problem = problem;
    }

    /** A section that is absent: every lookup fails (or finds nothing) at run time. */
    static ContraForceToSentinelOne emptyContraForceToSentinelOne(Path file) {
        return new ContraForceToSentinelOne(file, Map.of(), Map.of());
    }

    /** A section that is absent: no reason means data exposure, no incident is linked. */
    static PrivacyRegister emptyPrivacyRegister(Path file) {
        return new PrivacyRegister(file, Map.of(), Map.of());
    }

    /** Section {@code contraforce-to-sentinelone}: tables {@code incidentStatus} and {@code analystVerdict}. */
    ContraForceToSentinelOne contraForceToSentinelOne(JsonNode node) {
        String section = ContraForceToSentinelOne.SECTION;
        Map<String, Enum<?>> status = new HashMap<>();
        Map<String, Enum<?>> verdict = new HashMap<>();
        if (isMapping(section, node, "a mapping of tables (" + ContraForceToSentinelOne.INCIDENT_STATUS + ", "
                + ContraForceToSentinelOne.ANALYST_VERDICT + ")")) {
            node.properties().forEach(e -> {
                String path = section + "." + e.getKey();
                switch (e.getKey()) {
                    case ContraForceToSentinelOne.INCIDENT_STATUS -> table(path, e.getValue(), MappingTable.STATUS,
                            VendorVocabulary.SENTINELONE_INCIDENT_STATUS, status);
                    case ContraForceToSentinelOne.ANALYST_VERDICT -> table(path, e.getValue(),
                            MappingTable.CLASSIFICATION, VendorVocabulary.SENTINELONE_ANALYST_VERDICT, verdict);
                    default -> problem.accept(path, "unknown table (allowed for " + section + ": "
                            + ContraForceToSentinelOne.INCIDENT_STATUS + ", " + ContraForceToSentinelOne.ANALYST_VERDICT
                            + ")");
                }
            });
        }
        return new ContraForceToSentinelOne(file, status, verdict);
    }

    /** Section {@code privacy-register}: tables {@code dataExposureReasons} and {@code links}. */
    PrivacyRegister privacyRegister(JsonNode node) {
        String section = PrivacyRegister.SECTION;
        Map<String, PrivacyRegister.DataExposure> reasons = new HashMap<>();
        Map<String, PrivacyRegister.Link> links = new HashMap<>();
        if (isMapping(section, node, "a mapping of tables (" + PrivacyRegister.DATA_EXPOSURE_REASONS + ", "
                + PrivacyRegister.LINKS + ")")) {
            node.properties().forEach(e -> {
                String path = section + "." + e.getKey();
                switch (e.getKey()) {
                    case PrivacyRegister.DATA_EXPOSURE_REASONS -> dataExposureReasons(path, e.getValue(), reasons);
                    case PrivacyRegister.LINKS -> links(path, e.getValue(), links);
                    default -> problem.accept(path, "unknown table (allowed for " + section + ": "
                            + PrivacyRegister.DATA_EXPOSURE_REASONS + ", " + PrivacyRegister.LINKS + ")");
                }
            });
        }
        return new PrivacyRegister(file, reasons, links);
    }

    private void table(String path, JsonNode node, MappingTable from, VendorVocabulary to, Map<String, Enum<?>> out) {
        SourceVocabulary.Values keys = CONTRAFORCE.tables().get(from);
        if (!isMapping(path, node, "a mapping of ContraForce " + keys.field() + " -> " + to.displayName())) {
            return;
        }
        node.properties().forEach(e -> {
            String entryPath = path + "." + e.getKey();
            boolean keyOk = contraForceKey(entryPath, e.getKey(), keys);
            Enum<?> target = vendorValue(entryPath, e.getValue(), to);
            if (keyOk && target != null) {
                out.put(e.getKey(), target);
            }
        });
    }

    private void dataExposureReasons(String path, JsonNode node, Map<String, PrivacyRegister.DataExposure> out) {
        SourceVocabulary.Values keys = CONTRAFORCE.tables().get(MappingTable.CLASSIFICATION_REASON);
        if (!isMapping(path, node, "a mapping of ContraForce " + keys.field() + " -> {" + THREAT_OBJECTIVE + ", "
                + STATUS + "}")) {
            return;
        }
        node.properties().forEach(e -> {
            String entryPath = path + "." + e.getKey();
            boolean keyOk = contraForceKey(entryPath, e.getKey(), keys);
            Map<String, JsonNode> members = members(entryPath, e.getValue(), THREAT_OBJECTIVE, STATUS);
            if (members == null) {
                return;
            }
            Enum<?> objective = vendorValue(entryPath + "." + THREAT_OBJECTIVE, members.get(THREAT_OBJECTIVE),
                    VendorVocabulary.ADVERSARIAL_THREAT_OBJECTIVE);
            Enum<?> status = vendorValue(entryPath + "." + STATUS, members.get(STATUS),
                    VendorVocabulary.ADVERSARIAL_STATUS);
            if (keyOk && objective != null && status != null) {
                out.put(e.getKey(), new PrivacyRegister.DataExposure((ThreatObjective) objective,
                        (IncidentStatus) status));
            }
        });
    }

    private void links(String path, JsonNode node, Map<String, PrivacyRegister.Link> out) {
        if (!isMapping(path, node, "a mapping of ContraForce incident (<source>:<incident id>) -> {"
                + ONETRUST_INCIDENT + ", " + ADVERSARIAL_INCIDENT + "}")) {
            return;
        }
        Map<String, String> seen = new HashMap<>();
        node.properties().forEach(e -> {
            String entryPath = path + "." + e.getKey();
            String key = PrivacyRegister.incidentKey(e.getKey());
            if (key == null) {
                problem.accept(entryPath, "'" + e.getKey() + "' is not a ContraForce incident (write <source>:<incident"
                        + " id>, e.g. \"SentinelOne:123456\"; sources: " + sources() + ")");
            } else if (seen.containsKey(key)) {
                problem.accept(entryPath, "'" + e.getKey() + "' is the same ContraForce incident as '"
                        + seen.get(key) + "'");
            } else {
                seen.put(key, e.getKey());
            }
            Map<String, JsonNode> members = members(entryPath, e.getValue(), ONETRUST_INCIDENT, ADVERSARIAL_INCIDENT);
            if (members == null) {
                return;
            }
            String onetrust = id(entryPath + "." + ONETRUST_INCIDENT, members.get(ONETRUST_INCIDENT),
                    MappingFileReader.UUID, "a OneTrust incident id (a UUID such as"
                            + " f7114aef-b6b6-42d6-9249-56a467950aa7)");
            String adversarial = id(entryPath + "." + ADVERSARIAL_INCIDENT, members.get(ADVERSARIAL_INCIDENT),
                    ADVERSARIAL_ID, "an Adversarial incident id (INC- and digits, such as INC-00002)");
            if (key != null && seen.get(key).equals(e.getKey()) && onetrust != null && adversarial != null) {
                out.put(key, new PrivacyRegister.Link(onetrust.toLowerCase(Locale.ROOT), adversarial));
            }
        });
    }

    private boolean contraForceKey(String path, String key, SourceVocabulary.Values keys) {
        if (keys.values().contains(key)) {
            return true;
        }
        problem.accept(path, "'" + key + "' is not a ContraForce " + keys.field() + " (allowed: "
                + String.join(", ", keys.values()) + ")");
        return false;
    }

    /** The vendor constant a value names, or null after reporting why not ({@code node} null: missing). */
    private Enum<?> vendorValue(String path, JsonNode node, VendorVocabulary to) {
        String allowed = " (allowed: " + String.join(", ", to.wireNames()) + ")";
        if (node == null) {
            problem.accept(path, "is missing" + allowed);
            return null;
        }
        String value = MappingFileReader.scalar(node);
        Enum<?> target = to.parse(value);
        if (node.isContainerNode()) {
            problem.accept(path, "must be " + article(to.displayName()) + ", but is " + MappingFileReader.describe(node));
        } else if (value == null) {
            problem.accept(path, "has no value" + allowed);
        } else if (target == null) {
            problem.accept(path, "'" + value + "' is not " + article(to.displayName()) + allowed);
        }
        return target;
    }

    /** An id matching {@code pattern}, or null after reporting why not ({@code node} null: missing). */
    private String id(String path, JsonNode node, Pattern pattern, String expected) {
        String value = node == null ? null : MappingFileReader.scalar(node);
        if (node == null) {
            problem.accept(path, "is missing (expected " + expected + ")");
        } else if (node.isContainerNode()) {
            problem.accept(path, "must be " + expected + ", but is " + MappingFileReader.describe(node));
        } else if (value == null) {
            problem.accept(path, "has no value (expected " + expected + ")");
        } else if (!pattern.matcher(value).matches()) {
            problem.accept(path, "'" + value + "' is not " + expected);
        } else {
            return value;
        }
        return null;
    }

    /** The named members of a mapping (unknown ones reported), or null after reporting that it is no mapping. */
    private Map<String, JsonNode> members(String path, JsonNode node, String... names) {
        List<String> allowed = Arrays.asList(names);
        if (!isMapping(path, node, "a mapping with " + String.join(" and ", allowed))) {
            return null;
        }
        Map<String, JsonNode> out = new LinkedHashMap<>();
        node.properties().forEach(e -> {
            if (allowed.contains(e.getKey())) {
                out.put(e.getKey(), e.getValue());
            } else {
                problem.accept(path + "." + e.getKey(), "unknown key (allowed: " + String.join(", ", allowed) + ")");
            }
        });
        return out;
    }

    private boolean isMapping(String path, JsonNode node, String expected) {
        if (node.isObject()) {
            return true;
        }
        problem.accept(path, "must be " + expected + ", but is " + MappingFileReader.describe(node));
        return false;
    }

    private static String article(String name) {
        return ("AEIOU".indexOf(Character.toUpperCase(name.charAt(0))) >= 0 ? "an " : "a ") + name;
    }

    private static String sources() {
        return String.join(", ", Arrays.stream(IncidentSource.values()).map(IncidentSource::wireName).toList());
    }
}
