package org.soarplaybooks.simulator;

import java.util.List;
import java.util.Locale;

/**
 * The ContraForce workspaces the simulator's service account has a role in: the one place that lists them.
 *
 * <ul>
 *   <li>PUT status for any other workspace: 404 {@code NOT_FOUND} (api-docs/contraforce-update-incident-status.md,
 *       "Not found — workspace or resource is missing").</li>
 *   <li>Bulk-update items in any other workspace (or with no workspace): listed in {@code forbidden[]}
 *       (api-docs/contraforce-bulk-update-incidents-across-workspaces.md, {@code ForbiddenBulkUpdateIncidentDto}).</li>
 * </ul>
 */
public final class KnownWorkspaces {

    /** The known workspace ids (lower-case uuids). */
    public static final List<String> IDS = List.of(
            "3f2a4b1c-7d5e-4c8a-9b6f-1e2d3c4b5a61",
            "6eca6a1f-2b3c-4d5e-8f90-a1b2c3d4e5f6");

    private KnownWorkspaces() {
    }

    /** True when {@code workspaceId} is one of {@link #IDS}, compared case-insensitively like a uuid; false for null. */
    public static boolean isKnown(String workspaceId) {
        return workspaceId != null && IDS.contains(workspaceId.toLowerCase(Locale.ROOT));
    }
}
