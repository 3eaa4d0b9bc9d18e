package org.soarplaybooks.vendor.contraforce;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What a 200 bulk-update answer says of each incident sent (api-docs/contraforce-bulk-update-incidents-across-
 * workspaces.md, {@code BulkUpdateIncidentResultDto}): forbidden (listed in {@code data.forbidden[]}, which wins
 * if an id is in both lists), accepted (listed in {@code data.accepted[]}), or not confirmed (in neither). The one
 * place this decision is made, for the bulk action and for the bulk inbox's per-row outcomes.
 */
public final class BulkAnswer {

    /** The answer's verdict on one incident. */
    public enum Verdict { ACCEPTED, FORBIDDEN, NOT_CONFIRMED }

    /**
     * @param verdict   what the answer says
     * @param forbidden the forbidden entry (vendor's reason and workspace) when {@code verdict} is FORBIDDEN, else null
     */
    public record ItemVerdict(Verdict verdict, ForbiddenBulkUpdateIncidentDto forbidden) {
    }

    private final Set<String> accepted;
    private final Map<String, ForbiddenBulkUpdateIncidentDto> forbidden = new HashMap<>();

    private BulkAnswer(BulkUpdateIncidentResultDto data) {
        this.accepted = new HashSet<>(data.accepted());
        for (ForbiddenBulkUpdateIncidentDto f : data.forbidden()) {
            forbidden.put(f.incidentId(), f);
        }
    }

    /** Indexes an answer's {@code data} (null lists read as empty). */
    public static BulkAnswer of(BulkUpdateIncidentResultDto data) {
        return new BulkAnswer(data);
    }

    /** The verdict on the incident with this id. */
    public ItemVerdict verdictOf(String incidentId) {
        ForbiddenBulkUpdateIncidentDto f = forbidden.get(incidentId);
        if (f != null) {
            return new ItemVerdict(Verdict.FORBIDDEN, f);
        }
        return new ItemVerdict(accepted.contains(incidentId) ? Verdict.ACCEPTED : Verdict.NOT_CONFIRMED, null);
    }
}
