package org.soarplaybooks.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * One line of the audit trail ({@code data/audit/YYYY-MM-DD.jsonl}): the outcome of one action for one incident.
 *
 * @param time         when the outcome was known (UTC, ISO-8601)
 * @param playbook     the playbook (route id), e.g. {@code sentinel-incident-sync}
 * @param trigger      what started it, e.g. {@code file:incident-1505.json}
 * @param incidentKey  {@code <source>:<id>}, e.g. {@code Sentinel:1505}
 * @param vendor       e.g. {@code ContraForce}
 * @param operation    e.g. {@code update-incident-status}
 * @param httpStatus   the vendor's HTTP status, or null when no answer arrived
 * @param requestId    the vendor's request id if it sent one
 * @param durationMs   time spent in the vendor call, milliseconds
 * @param result       {@code sent}, {@code retried} (a failed attempt that will be tried again),
 *                     {@code dead-lettered}, or {@code would-send} (dry run)
 * @param deadLetterId the dead letter's id when {@code result} is {@code dead-lettered}, or when a {@code sent}
 *                     cleared an earlier dead letter of the same item
 * @param reason       why it was retried or dead-lettered (problem summary); null when sent
 * @param request      with {@code would-send} only (dry run): the request that was not sent, secrets masked,
 *                     {@code {"method", "url", "headers", "body"}}; when one call carries several incidents, the
 *                     first incident's record holds it whole and the others hold {@code {"method", "url",
 *                     "sameCallAs": <first incident key>}}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AuditRecord(
        Instant time,
        String playbook,
        String trigger,
        String incidentKey,
        String vendor,
        String operation,
        Integer httpStatus,
        String requestId,
        Long durationMs,
        String result,
        String deadLetterId,
        String reason,
        JsonNode request) {

    public static final String SENT = "sent";
    public static final String DEAD_LETTERED = "dead-lettered";
    public static final String RETRIED = "retried";
    /** Dry run: the request was built and checked, and not sent. */
    public static final String WOULD_SEND = "would-send";

    /** A record without a request (every result but {@code would-send}). */
    public AuditRecord(Instant time, String playbook, String trigger, String incidentKey, String vendor,
                       String operation, Integer httpStatus, String requestId, Long durationMs, String result,
                       String deadLetterId, String reason) {
        this(time, playbook, trigger, incidentKey, vendor, operation, httpStatus, requestId, durationMs, result,
                deadLetterId, reason, null);
    }
}
