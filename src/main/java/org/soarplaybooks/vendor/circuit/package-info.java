/**
 * Vendor circuits: after {@code playbooks.circuit.failure-threshold} failed calls in a row to one vendor (failures
 * the retry policy would retry: no answer, HTTP 408, 425, 429, 5xx), no call reaches that vendor for
 * {@code playbooks.circuit.open-for} milliseconds; then one trial call decides (success closes, failure reopens).
 * While open, an action fails fast with problem code {@code CIRCUIT_OPEN}, which the retry policy retries after the
 * remaining open time, so no incident is lost. State shows on readiness ({@code /observe/health/ready}) and as the
 * metric {@code playbooks_circuit_state}.
 */
package org.soarplaybooks.vendor.circuit;
