/**
 * What the loopback management port shows beyond Camel's own checks: readiness checks (the data folder is writable,
 * no vendor circuit is open) and the Prometheus meters of the playbooks, fed by the audit trail.
 *
 * <p>Endpoints (camel-platform-http-main's management server, {@code camel.management.*}):
 * {@code GET /observe/health}, {@code /observe/health/live}, {@code /observe/health/ready} (200 UP, 503 DOWN naming
 * the failed check) and {@code GET /observe/metrics} (Prometheus text format, camel-micrometer-prometheus).
 */
package org.soarplaybooks.observe;
