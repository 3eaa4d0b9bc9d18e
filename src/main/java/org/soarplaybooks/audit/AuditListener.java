package org.soarplaybooks.audit;

/**
 * Told of every {@link AuditRecord} once it is on disk, in the order {@link AuditLog#append} and
 * {@link AuditLog#appendAll} wrote them (for
 * example the Prometheus meters of {@code metrics/PlaybookMetrics}). Called on the thread that appended the record;
 * it must be quick and must not throw (what it throws is logged and dropped: the audit trail stays the source of
 * truth).
 */
@FunctionalInterface
public interface AuditListener {

    /** One record was appended to {@code <data>/audit/YYYY-MM-DD.jsonl}. */
    void appended(AuditRecord record);
}
