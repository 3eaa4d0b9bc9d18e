package org.soarplaybooks.bulk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.soarplaybooks.contract.ContractCheck;
import org.soarplaybooks.contract.ContractViolation;
import org.soarplaybooks.incident.IncidentSource;
import org.soarplaybooks.vendor.contraforce.Classification;
import org.soarplaybooks.vendor.contraforce.ClassificationReason;
import org.soarplaybooks.vendor.contraforce.ContraForceActions;
import org.soarplaybooks.vendor.contraforce.Status;
import org.soarplaybooks.vendor.contraforce.UpdateIncidentRequest;

/**
 * Checks one bulk row against the ContraForce {@code UpdateIncidentRequest} rules and turns a good one into the
 * bulk item (api-docs/contraforce-bulk-update-incidents-across-workspaces.md).
 *
 * <p>The values are checked by the same request schema the action checks every call against
 * ({@code schemas/contraforce-bulk-update-incidents.request.json}, through {@link ContractCheck}): {@code id} a
 * non-empty string; {@code status}, {@code classification} and {@code classificationReason} spelled as the
 * ContraForce enums ({@code Status}, {@code Classification}, {@code ClassificationReason}); {@code comment} a
 * string. Two rules are the bulk inbox's own: {@code source} is matched case-insensitively against the ContraForce
 * {@code IncidentSource} spelling ({@code sentinelone} means {@code SentinelOne}), and {@code workspace}, which the
 * docs type as a string, must be a UUID (ContraForce workspace ids are UUIDs: {@code workspaceId},
 * api-docs/contraforce-update-incident-status.md), so a typo is caught here rather than forbidden by the vendor.
 *
 * <p>An empty cell, an empty or blank string, or a JSON {@code null} leaves the field out. A field that is not a
 * column ({@link BulkColumns}) makes the row bad: it is most likely a misspelt column whose value would be lost.
 */
public final class BulkRowCheck {

    /** The request schema the rows are checked with. */
    static final String SCHEMA = ContractCheck.schemaName(ContraForceActions.VENDOR, ContraForceActions.BULK_UPDATE);

    private static final Set<String> WIRE_NAMES = java.util.Arrays.stream(IncidentSource.values())
            .map(IncidentSource::wireName).collect(java.util.stream.Collectors.toUnmodifiableSet());
    private static final int COLUMN_NAMES_KEPT = 64;
    private final Map<String, String> columns = new java.util.concurrent.ConcurrentHashMap<>();
    private static final String ITEM_POINTER = "/items/0/";

    private final ContractCheck contract;

    /** @param contract the request schemas (the same ones the actions use) */
    public BulkRowCheck(ContractCheck contract) {
        this.contract = contract;
    }

    /**
     * Checks a row.
     *
     * @param row  the row as read
     * @param file the file's name, for the incident key of a row without id ({@code bulk:<file>:<line>})
     * @return the bulk item, or the reason the row is bad (every problem of the row, separated by {@code "; "})
     */
    public CheckedRow check(BulkRow row, String file) {
        JsonNode item = row.item();
        List<String> problems = new ArrayList<>();
        ObjectNode wire = JsonNodeFactory.instance.objectNode();
        String rawSource = null;
        if (row.problem() != null) {
            problems.add(row.problem());
        }
        if (item == null || !item.isObject()) {
            if (row.problem() == null) {
                problems.add("a row must be a JSON object of columns (" + BulkColumns.list() + "), not "
                        + kindOf(item));
            }
        } else {
            Map<String, String> seen = new HashMap<>();
            for (Map.Entry<String, JsonNode> field : item.properties()) {
                String column = columnOf(field.getKey());
                if (column == null) {
                    problems.add("'" + field.getKey() + "' is not a column (columns: " + BulkColumns.list() + ")");
                    continue;
                }
                String before = seen.put(column, field.getKey());
                if (before != null) {
                    problems.add("'" + before + "' and '" + field.getKey() + "' name the same column");
                    continue;
                }
                JsonNode value = field.getValue();
                if (value == null || value.isNull() || value.isTextual() && value.asText().isBlank()) {
                    continue; // not given: the field is left out
                }
                if ("source".equals(column) && value.isTextual()) {
                    rawSource = value.asText().trim();
                    value = JsonNodeFactory.instance.textNode(canonicalSource(rawSource));
                }
                wire.set(BulkColumns.wireName(column), value);
            }
            if (row.problem() == null && problems.isEmpty()) {
                problems.addAll(checkedProblems(wire));
                JsonNode workspace = wire.get("workspace");
                if (workspace != null && workspace.isTextual() && !isUuid(workspace.asText())) {
                    problems.add("workspace " + workspace + " is not a UUID (a ContraForce workspace id)");
                }
            }
        }
        String id = wire.path("id").isTextual() ? wire.get("id").asText() : null;
        String key = keyOf(id, wire.path("incidentSource").asText(null), rawSource, file, row.line());
        if (!problems.isEmpty()) {
            return new CheckedRow(row.line(), item, id, key, null,
                    "line " + row.line() + ": " + String.join("; ", problems));
        }
        return new CheckedRow(row.line(), item, id, key, requestOf(wire), null);
    }

    /**
     * The schema's answer for a row. The row is checked as a one-item bulk request, so {@link ContractCheck} answers
     * a row of a shape it already found valid without running the validator again (see its item shapes); a bad row
     * is checked in full, for its exact problems.
     */
    private List<String> checkedProblems(ObjectNode wire) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.putArray("items").add(wire);
        List<String> out = new ArrayList<>();
        for (ContractViolation v : contract.violations(SCHEMA, body)) {
            String field = v.field().startsWith(ITEM_POINTER)
                    ? BulkColumns.columnOf(v.field().substring(ITEM_POINTER.length())) : v.field();
            // an empty cell is how a row leaves a field out, so "null" is not offered as a value to write
            out.add(field + " " + v.reason().replace(", null]", "]"));
        }
        return out;
    }

    /** The ContraForce spelling of a source written in any case; the text itself when it is not one. */
    private static String canonicalSource(String text) {
        if (WIRE_NAMES.contains(text)) {
            return text; // already spelt as ContraForce spells it
        }
        try {
            return IncidentSource.fromWireName(text).wireName();
        } catch (IllegalArgumentException e) {
            return text; // the schema names the allowed values
        }
    }

    private static String keyOf(String id, String source, String rawSource, String file, long line) {
        if (id == null) {
            return "bulk:" + file + ":" + line;
        }
        String prefix = source != null && isSource(source) ? source : rawSource != null ? rawSource : "ContraForce";
        return prefix + ":" + id;
    }

    private static boolean isSource(String wireName) {
        return WIRE_NAMES.contains(wireName);
    }

    /** The column a row's field names (see {@link BulkColumns#canonical}), remembered for the few names a file uses. */
    private String columnOf(String name) {
        String column = columns.get(name);
        if (column == null) {
            column = BulkColumns.canonical(name);
            if (column != null && columns.size() < COLUMN_NAMES_KEPT) {
                columns.put(name, column);
            }
        }
        return column;
    }

    /** {@code 8-4-4-4-12} hexadecimal digits, either case, nothing else: the text form of a UUID. */
    static boolean isUuid(String text) {
        if (text.length() != 36) {
            return false;
        }
        for (int i = 0; i < 36; i++) {
            char c = text.charAt(i);
            boolean ok = i == 8 || i == 13 || i == 18 || i == 23 ? c == '-'
                    : c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** The typed item; only called once the schema passed, so every enum value exists. */
    private static UpdateIncidentRequest requestOf(ObjectNode wire) {
        return new UpdateIncidentRequest(
                wire.get("id").asText(),
                wire.has("status") ? Status.valueOf(wire.get("status").asText()) : null,
                null,
                wire.has("workspace") ? wire.get("workspace").asText() : null,
                null,
                wire.has("comment") ? wire.get("comment").asText() : null,
                wire.has("classification") ? Classification.valueOf(wire.get("classification").asText()) : null,
                wire.has("classificationReason")
                        ? ClassificationReason.valueOf(wire.get("classificationReason").asText()) : null,
                wire.has("incidentSource") ? IncidentSource.fromWireName(wire.get("incidentSource").asText()) : null);
    }

    private static String kindOf(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return "null";
        }
        if (node.isArray()) {
            return "an array";
        }
        if (node.isTextual()) {
            return "a string";
        }
        if (node.isNumber()) {
            return "a number";
        }
        return node.isBoolean() ? "a boolean" : node.getNodeType().toString().toLowerCase();
    }
}
