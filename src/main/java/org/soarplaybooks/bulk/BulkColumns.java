package org.soarplaybooks.bulk;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The columns (CSV) or fields (JSON, NDJSON) of a bulk row, matched case-insensitively: {@code id} (required),
 * {@code workspace}, {@code source}, {@code status}, {@code classification}, {@code classificationReason},
 * {@code comment}. Each is the ContraForce {@code UpdateIncidentRequest} member of the same name
 * (api-docs/contraforce-bulk-update-incidents-across-workspaces.md), except {@code source}, which is
 * {@code incidentSource}.
 */
public final class BulkColumns {

    /** The column names, in the order messages list them. */
    public static final List<String> NAMES = List.of("id", "workspace", "source", "status", "classification",
            "classificationReason", "comment");

    private static final Map<String, String> BY_LOWER_CASE = NAMES.stream()
            .collect(Collectors.toUnmodifiableMap(n -> n.toLowerCase(Locale.ROOT), Function.identity()));

    private BulkColumns() {
    }

    /** The column a name means ({@code " Status"} → {@code status}), or null when it is none of them. */
    public static String canonical(String name) {
        return name == null ? null : BY_LOWER_CASE.get(name.trim().toLowerCase(Locale.ROOT));
    }

    /** {@code id, workspace, source, status, classification, classificationReason, comment}. */
    public static String list() {
        return String.join(", ", NAMES);
    }

    /** The ContraForce {@code UpdateIncidentRequest} member of a column. */
    static String wireName(String column) {
        return "source".equals(column) ? "incidentSource" : column;
    }

    /** The column of a ContraForce {@code UpdateIncidentRequest} member. */
    static String columnOf(String wireName) {
        return "incidentSource".equals(wireName) ? "source" : wireName;
    }
}
