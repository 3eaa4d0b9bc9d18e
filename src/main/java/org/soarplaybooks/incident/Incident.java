package org.soarplaybooks.incident;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Objects;

/**
 * The canonical incident every normalizer produces, whatever the source system's JSON looked like.
 *
 * <p>Values keep the source system's own spelling (for example Sentinel {@code status = "Active"},
 * SentinelOne {@code incidentStatus = "in_progress"}); translating them to another vendor's enums is the
 * job of {@link org.soarplaybooks.mapping.StatusMapping}, not of the normalizer.
 *
 * @param source               the system the incident came from (never null)
 * @param id                   the source system's identifier of the incident: Sentinel resource {@code name}
 *                             (a GUID or number), SentinelOne threat {@code id} (never null or blank)
 * @param number               a human-facing number if the source has one (Sentinel {@code incidentNumber}),
 *                             else null
 * @param workspace            the source-side tenant the incident belongs to: Sentinel Log Analytics workspace
 *                             name (from the ARM resource id), SentinelOne {@code siteId}; null if absent
 * @param title                short title, may be null
 * @param severity             source severity string (Sentinel {@code High|Medium|Low|Informational},
 *                             SentinelOne {@code confidenceLevel}), may be null
 * @param status               source status string (Sentinel {@code New|Active|Closed}, SentinelOne
 *                             {@code unresolved|in_progress|resolved}); never null
 * @param classification       source classification (Sentinel {@code classification}, SentinelOne
 *                             {@code analystVerdict}), may be null
 * @param classificationReason source classification reason (Sentinel {@code classificationReason}), may be null
 * @param classificationComment free-text comment on the classification, may be null
 * @param owner                the assignee's e-mail or name if known, may be null
 * @param createdAt            creation time (UTC), may be null
 * @param updatedAt            last modification time (UTC), may be null
 * @param raw                  the source JSON object exactly as received (never null); kept so a dead letter
 *                             holds the original input item
 */
public record Incident(
        IncidentSource source,
        String id,
        String number,
        String workspace,
        String title,
        String severity,
        String status,
        String classification,
        String classificationReason,
        String classificationComment,
        String owner,
        Instant createdAt,
        Instant updatedAt,
        JsonNode raw) {

    public Incident {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(raw, "raw");
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("incident id is missing");
        }
        if (status == null || status.isBlank()) {
            throw new IllegalArgumentException("incident status is missing");
        }
    }

    /** A key that names this incident in logs, audit records and dead letters: {@code <source>:<id>}. */
    public String key() {
        return source.wireName() + ":" + id;
    }
}
