package org.soarplaybooks.outcome;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import org.slf4j.spi.LoggingEventBuilder;
import org.soarplaybooks.audit.AuditRecord;

/**
 * The log line of an action's outcome (logger {@code soar.outcome}), written from the same {@link AuditRecord} the
 * audit trail gets, so the two never disagree. One line per incident and outcome; {@code sent} at INFO,
 * {@code dead-lettered} at WARN (someone should look), a retry at WARN once per call. A call that carried several
 * incidents (a bulk update) gets one INFO line for the call instead, its {@code sent} lines at DEBUG and its
 * {@code dead-lettered} lines still at WARN ({@link #call}).
 *
 * <p>Text: {@code <playbook>: <vendor> <operation> <incidentKey> -> <result> (HTTP <status>, request <id>,
 * <n> ms)}, then for a dead letter {@code : dead letter <id>: <reason>}; for example
 * {@code incident-status-sync: ContraForce update-incident-status Sentinel:1505 -> sent (HTTP 204, request r-1,
 * 35 ms)}. Parts that are unknown (no HTTP answer, no request id, nothing sent) are left out.
 *
 * <p>Structured fields (SLF4J key-value pairs; {@code --log-format json} writes them as JSON fields, text does
 * not show them): {@code playbook}, {@code trigger}, {@code vendor}, {@code operation}, {@code incidentKey},
 * {@code result}, {@code httpStatus} (number), {@code requestId}, {@code durationMs} (number, milliseconds),
 * {@code deadLetterId}, {@code reason}; a retry has {@code incidents} (number), {@code attempt} and
 * {@code retryInMs} instead of one {@code incidentKey} when the call carried several. Absent values are left out.
 * Nothing here comes from headers or bodies, so no secret reaches a line.
 */
public final class ActionLog {

    private static final Logger LOG = LoggerFactory.getLogger("soar.outcome");

    private ActionLog() {
    }

    /**
     * Logs one outcome as the audit record states it: {@code dead-lettered} at WARN, any other result
     * ({@code sent}) at INFO.
     */
    public static void outcome(AuditRecord r) {
        outcome(r, Level.INFO);
    }

    /**
     * Logs the outcomes of one call that reached the vendor, as its audit records state them. A call of one
     * incident: that incident's line ({@link #outcome(AuditRecord)}). A call of several: one INFO line for the call,
     * {@code <playbook>: <vendor> <operation> <n> incidents -> <s> sent, <d> dead-lettered (HTTP <status>, request
     * <id>, <n> ms)} (structured fields as a record's, with {@code incidents}, {@code sent} and {@code deadLettered}
     * counts instead of one {@code incidentKey}), each {@code sent} incident's line at DEBUG and each
     * {@code dead-lettered} one's at WARN (someone should look), before the call's line.
     *
     * @param records    the call's audit records, in request order ({@code sent} or {@code dead-lettered})
     * @param httpStatus the status of the vendor's answer to the call
     * @param requestId  the vendor's request id of the call (null when unknown)
     */
    public static void call(List<AuditRecord> records, int httpStatus, String requestId) {
        if (records.size() == 1) {
            outcome(records.get(0));
            return;
        }
        if (records.isEmpty()) {
            return;
        }
        int deadLettered = 0;
        for (AuditRecord r : records) {
            if (AuditRecord.DEAD_LETTERED.equals(r.result())) {
                deadLettered++;
            }
            outcome(r, Level.DEBUG);
        }
        if (!LOG.isInfoEnabled()) {
            return;
        }
        AuditRecord first = records.get(0);
        int sent = records.size() - deadLettered;
        AuditRecord call = new AuditRecord(first.time(), first.playbook(), first.trigger(), null, first.vendor(),
                first.operation(), httpStatus, requestId, first.durationMs(), null, null, null);
        String line = head(call, records.size() + " incidents").append(sent).append(" sent, ").append(deadLettered)
                .append(" dead-lettered").append(details(call)).toString();
        fields(LOG.atInfo(), call).addKeyValue("incidents", records.size()).addKeyValue("sent", sent)
                .addKeyValue("deadLettered", deadLettered).log(line);
    }

    /** One outcome: {@code dead-lettered} at WARN, any other result at {@code sentLevel}. */
    private static void outcome(AuditRecord r, Level sentLevel) {
        boolean failed = AuditRecord.DEAD_LETTERED.equals(r.result());
        Level level = failed ? Level.WARN : sentLevel;
        if (!LOG.isEnabledForLevel(level)) {
            return;
        }
        StringBuilder line = head(r, r.incidentKey()).append(r.result()).append(details(r));
        if (r.deadLetterId() != null) {
            line.append(failed ? ": dead letter " + r.deadLetterId() + ": " + r.reason()
                    : "; dead letter " + r.deadLetterId() + " cleared");
        }
        LoggingEventBuilder e = fields(LOG.atLevel(level), r).addKeyValue("incidentKey", r.incidentKey());
        e = with(e, "deadLetterId", r.deadLetterId());
        with(e, "reason", r.reason()).log(line.toString());
    }

    /**
     * Logs a failed attempt that will be tried again, once for the call.
     *
     * @param r           the {@code retried} audit record of one of the call's incidents
     * @param incidents   how many incidents the call carries
     * @param attempt     the attempt that failed (1 = the first call)
     * @param delayMillis when the next attempt starts, milliseconds from now
     * @param summary     the failure (problem details summary)
     */
    public static void retry(AuditRecord r, int incidents, int attempt, long delayMillis, String summary) {
        if (!LOG.isWarnEnabled()) {
            return;
        }
        String what = incidents == 1 ? r.incidentKey() : incidents + " incidents";
        String line = head(r, what) + "retry " + attempt + " in " + delayMillis + " ms" + details(r) + ": "
                + summary;
        LoggingEventBuilder e = fields(LOG.atWarn(), r).addKeyValue("incidents", incidents);
        if (incidents == 1) {
            e = e.addKeyValue("incidentKey", r.incidentKey());
        }
        e.addKeyValue("attempt", attempt).addKeyValue("retryInMs", delayMillis).addKeyValue("reason", summary)
                .log(line);
    }

    private static StringBuilder head(AuditRecord r, String what) {
        return new StringBuilder(128).append(r.playbook()).append(": ")
                .append(r.vendor() == null ? "" : r.vendor() + " ") // none for run-playbook and read-input
                .append(r.operation()).append(' ').append(what).append(" -> ");
    }

    /** {@code " (HTTP 204, request r-1, 35 ms)"}, or empty when nothing of it is known. */
    private static String details(AuditRecord r) {
        List<String> parts = new ArrayList<>(3);
        if (r.httpStatus() != null) {
            parts.add("HTTP " + r.httpStatus());
        } else if (r.durationMs() != null && (AuditRecord.DEAD_LETTERED.equals(r.result())
                || AuditRecord.RETRIED.equals(r.result()))) {
            parts.add("no HTTP answer"); // the call was made and failed without an answer
        }
        if (r.requestId() != null) {
            parts.add("request " + r.requestId());
        }
        if (r.request() != null && r.request().hasNonNull("url")) {
            parts.add("dry run: " + r.request().path("method").asText() + " " + r.request().path("url").asText());
        }
        if (r.durationMs() != null) {
            parts.add(r.durationMs() + " ms");
        }
        return parts.isEmpty() ? "" : " (" + String.join(", ", parts) + ")";
    }

    private static LoggingEventBuilder fields(LoggingEventBuilder e, AuditRecord r) {
        e = with(e, "playbook", r.playbook());
        e = with(e, "trigger", r.trigger());
        e = with(e, "vendor", r.vendor());
        e = with(e, "operation", r.operation());
        e = with(e, "result", r.result());
        e = with(e, "httpStatus", r.httpStatus());
        e = with(e, "requestId", r.requestId());
        return with(e, "durationMs", r.durationMs());
    }

    private static LoggingEventBuilder with(LoggingEventBuilder e, String key, Object value) {
        return value == null ? e : e.addKeyValue(key, value);
    }
}
