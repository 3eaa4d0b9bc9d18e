/**
 * The bulk inbox: CSV, NDJSON and JSON files of incident updates in {@code data/inbox/bulk/}, streamed row by row
 * into ContraForce bulk updates by the {@code bulk-incident-update} playbook. {@link org.soarplaybooks.bulk.BulkInbox}
 * is the bean the playbook calls; {@link org.soarplaybooks.bulk.BulkRowReader} reads rows,
 * {@link org.soarplaybooks.bulk.BulkRowCheck} checks them, and each file ends with a {@code <file>.result.json}
 * ({@link org.soarplaybooks.bulk.BulkCounts}, {@link org.soarplaybooks.bulk.RowOutcome}).
 */
package org.soarplaybooks.bulk;
