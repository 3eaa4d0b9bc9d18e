package org.soarplaybooks.mapping;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.soarplaybooks.incident.IncidentSource;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads and checks the mapping file (the start-up check of {@link StatusMapping#load}). Collects every problem
 * before failing, so an author fixes the file in one go.
 */
final class MappingFileReader {

    static final String WORKSPACES = "workspaces";

    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    /**
     * What the file says, checked: source → table → source value → ContraForce constant, workspaces, and the
     * sections that translate ContraForce values to other vendors (empty when the file has none).
     */
    record Content(Map<IncidentSource, Map<MappingTable, Map<String, Enum<?>>>> tables,
                   Map<IncidentSource, Map<String, String>> workspaces,
                   ContraForceToSentinelOne contraForceToSentinelOne,
                   PrivacyRegister privacyRegister) {
    }

    private final Path file;
    private final String name;
    private final List<String> problems = new ArrayList<>();
    private final Map<IncidentSource, Map<MappingTable, Map<String, Enum<?>>>> tables = new EnumMap<>(IncidentSource.class);
    private final Map<IncidentSource, Map<String, String>> workspaces = new EnumMap<>(IncidentSource.class);
    private final ContraForceSectionsReader contraForceSections;
    private ContraForceToSentinelOne contraForceToSentinelOne;
    private PrivacyRegister privacyRegister;

    private MappingFileReader(Path file) {
        this.file = file;
        this.name = file.toString();
        this.contraForceSections = new ContraForceSectionsReader(file, this::problem);
        this.contraForceToSentinelOne = ContraForceSectionsReader.emptyContraForceToSentinelOne(file);
        this.privacyRegister = ContraForceSectionsReader.emptyPrivacyRegister(file);
    }

    static Content read(Path file) {
        return new MappingFileReader(file).read();
    }

    private Content read() {
        JsonNode root = parse();
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw new MappingException(name + ": is empty (expected the sections " + allowedSections() + ")");
        }
        if (!root.isObject()) {
            throw new MappingException(name + ": must be a mapping of sections (" + allowedSections()
                    + "), but is " + describe(root));
        }
        root.properties().forEach(e -> section(e.getKey(), e.getValue()));
        if (!problems.isEmpty()) {
            throw new MappingException(problems);
        }
        return new Content(tables, workspaces, contraForceToSentinelOne, privacyRegister);
    }

    private JsonNode parse() {
        if (!Files.exists(file)) {
            throw new MappingException(name + ": file not found");
        }
        try {
            return YAML.readTree(file.toFile());
        } catch (JacksonException e) {
            throw syntaxError(e);
        } catch (NoSuchFileException e) {
            throw new MappingException(name + ": file not found", e);
        } catch (IOException e) {
            throw new MappingException(name + ": could not be read: " + e.getMessage(), e);
        }
    }

    /** {@code file:LINE:COL: reason}, taking position and wording from SnakeYAML when it is the cause. */
    private MappingException syntaxError(JacksonException e) {
        if (e.getCause() instanceof MarkedYAMLException yaml && yaml.getProblemMark() != null) {
            Mark at = yaml.getProblemMark();
            String reason = yaml.getProblem();
            Mark context = yaml.getContextMark();
            if (yaml.getContext() != null && context != null) {
                reason += " (" + yaml.getContext() + " at line " + (context.getLine() + 1)
                        + ", column " + (context.getColumn() + 1) + ")";
            }
            if (reason.contains("block")) {
                reason += "; check the indentation";
            }
            return new MappingException(name + ":" + (at.getLine() + 1) + ":" + (at.getColumn() + 1) + ": "
                    + reason, e);
        }
        JsonLocation at = e.getLocation();
        String position = at == null ? "" : ":" + at.getLineNr() + ":" + at.getColumnNr();
        String reason = e.getOriginalMessage();
        int eol = reason == null ? -1 : reason.indexOf('\n');
        return new MappingException(name + position + ": " + (eol < 0 ? reason : reason.substring(0, eol)), e);
    }

    private void section(String key, JsonNode node) {
        if (key.equals(WORKSPACES)) {
            workspaceSection(node);
            return;
        }
        if (key.equals(ContraForceToSentinelOne.SECTION)) {
            contraForceToSentinelOne = contraForceSections.contraForceToSentinelOne(node);
            return;
        }
        if (key.equals(PrivacyRegister.SECTION)) {
            privacyRegister = contraForceSections.privacyRegister(node);
            return;
        }
        Optional<SourceVocabulary> source = SourceVocabulary.bySection(key);
        if (source.isEmpty()) {
            problem(key, "unknown section (allowed: " + allowedSections() + ")");
            return;
        }
        if (!source.get().isIncidentSource()) {
            problem(key, source.get().displayName() + " values are mapped to other vendors in the sections "
                    + ContraForceToSentinelOne.SECTION + " and " + PrivacyRegister.SECTION + " (a source section maps"
                    + " source values to ContraForce: " + String.join(", ", SourceVocabulary.sections()) + ")");
            return;
        }
        if (!isMapping(key, node, "a mapping of tables (" + tableKeys(source.get()) + ")")) {
            return;
        }
        Map<MappingTable, Map<String, Enum<?>>> sourceTables = new EnumMap<>(MappingTable.class);
        node.properties().forEach(e -> table(source.get(), key + "." + e.getKey(), e.getKey(), e.getValue())
                .ifPresent(t -> sourceTables.put(t.table, t.entries)));
        tables.put(source.get().source(), sourceTables);
    }

    private record Table(MappingTable table, Map<String, Enum<?>> entries) {
    }

    private Optional<Table> table(SourceVocabulary source, String path, String key, JsonNode node) {
        MappingTable table = source.tables().keySet().stream().filter(t -> t.key().equals(key)).findFirst().orElse(null);
        if (table == null) {
            problem(path, "unknown table (allowed for " + source.section() + ": " + tableKeys(source) + ")");
            return Optional.empty();
        }
        SourceVocabulary.Values values = source.tables().get(table);
        if (!isMapping(path, node, "a mapping of " + source.displayName() + " " + values.field() + " -> "
                + table.targetName())) {
            return Optional.empty();
        }
        Map<String, Enum<?>> entries = new LinkedHashMap<>();
        node.properties().forEach(e -> {
            String entryPath = path + "." + e.getKey();
            boolean keyOk = values.values().contains(e.getKey());
            if (!keyOk) {
                problem(entryPath, "'" + e.getKey() + "' is not a " + source.displayName() + " " + values.field()
                        + " (allowed: " + String.join(", ", values.values()) + ")");
            }
            String value = scalar(e.getValue());
            Enum<?> target = value == null ? null : table.target(value);
            if (e.getValue().isContainerNode()) {
                problem(entryPath, "must be a single " + table.targetName() + ", but is " + describe(e.getValue()));
            } else if (value == null) {
                problem(entryPath, "has no value (allowed: " + String.join(", ", table.targetNames()) + ")");
            } else if (target == null) {
                problem(entryPath, "'" + value + "' is not a " + table.targetName() + " (allowed: "
                        + String.join(", ", table.targetNames()) + ")");
            } else if (keyOk) {
                entries.put(e.getKey(), target);
            }
        });
        return Optional.of(new Table(table, Map.copyOf(entries)));
    }

    private void workspaceSection(JsonNode node) {
        if (!isMapping(WORKSPACES, node, "a mapping of sources (" + String.join(", ", SourceVocabulary.sections())
                + ")")) {
            return;
        }
        node.properties().forEach(e -> {
            String path = WORKSPACES + "." + e.getKey();
            Optional<SourceVocabulary> source = SourceVocabulary.bySourceSection(e.getKey());
            if (source.isEmpty()) {
                problem(path, "unknown source (allowed: " + String.join(", ", SourceVocabulary.sections()) + ")");
            } else if (isMapping(path, e.getValue(), "a mapping of " + source.get().displayName()
                    + " workspace -> ContraForce workspace id (UUID)")) {
                workspaces.put(source.get().source(), workspaceTable(source.get(), path, e.getValue()));
            }
        });
    }

    private Map<String, String> workspaceTable(SourceVocabulary source, String path, JsonNode node) {
        Map<String, String> ids = new HashMap<>();
        Map<String, String> seen = new HashMap<>();
        node.properties().forEach(e -> {
            String entryPath = path + "." + e.getKey();
            String lookupKey = source.workspaceIgnoresCase() ? e.getKey().toLowerCase(Locale.ROOT) : e.getKey();
            String value = scalar(e.getValue());
            if (seen.containsKey(lookupKey)) {
                problem(entryPath, "'" + e.getKey() + "' is the same workspace as '" + seen.get(lookupKey)
                        + "' (" + source.displayName() + " workspace names ignore case)");
            } else if (e.getValue().isContainerNode()) {
                problem(entryPath, "must be a single ContraForce workspace id (a UUID), but is "
                        + describe(e.getValue()));
            } else if (value == null) {
                problem(entryPath, "has no value (expected a ContraForce workspace id, a UUID)");
            } else if (!UUID.matcher(value).matches()) {
                problem(entryPath, "'" + value + "' is not a UUID (expected a ContraForce workspace id such as"
                        + " 6eca6a1f-2b3c-4d5e-8f90-a1b2c3d4e5f6)");
            } else {
                ids.put(lookupKey, value);
            }
            seen.putIfAbsent(lookupKey, e.getKey());
        });
        return Map.copyOf(ids);
    }

    private boolean isMapping(String path, JsonNode node, String expected) {
        if (node.isObject()) {
            return true;
        }
        problem(path, "must be " + expected + ", but is " + describe(node));
        return false;
    }

    /** A single value as text, or null for an empty value or a list/mapping (reported by the caller). */
    static String scalar(JsonNode node) {
        return node == null || node.isNull() || node.isContainerNode() ? null : node.asText();
    }

    private void problem(String path, String reason) {
        problems.add(name + ": " + path + ": " + reason);
    }

    static String describe(JsonNode node) {
        if (node.isNull()) {
            return "empty";
        }
        if (node.isArray()) {
            return "a list";
        }
        return node.isObject() ? "a mapping" : "the single value '" + node.asText() + "'";
    }

    private static String allowedSections() {
        List<String> all = new ArrayList<>(SourceVocabulary.sections());
        all.add(ContraForceToSentinelOne.SECTION);
        all.add(PrivacyRegister.SECTION);
        all.add(WORKSPACES);
        return String.join(", ", all);
    }

    private static String tableKeys(SourceVocabulary source) {
        return String.join(", ", Arrays.stream(MappingTable.values())
                .filter(source.tables()::containsKey).map(MappingTable::key).toList());
    }
}
