package org.soarplaybooks.bulk;

/**
 * The counts of a bulk file ({@code counts} in {@code <file>.result.json}). Every row is exactly one of
 * {@code sent}, {@code forbidden}, {@code failed} and {@code invalid}, so they add up to {@code rows}.
 *
 * @param rows      rows read (blank lines not counted)
 * @param sent      accepted by ContraForce
 * @param forbidden refused by ContraForce ({@code forbidden[]}); each is a dead letter
 * @param failed    in a call that failed (after retries) or not confirmed by the answer; each is a dead letter
 * @param invalid   bad rows, never sent; each is a dead letter
 */
public record BulkCounts(long rows, long sent, long forbidden, long failed, long invalid) {
}
