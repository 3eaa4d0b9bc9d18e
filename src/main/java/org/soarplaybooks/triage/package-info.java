/**
 * Triage of new incidents ({@link org.soarplaybooks.triage.TriageRequests}, bean {@code triageRequests}, playbook
 * {@code routes/contraforce-triage.camel.yaml}): a SentinelOne incident ContraForce reports as created is set in
 * progress in SentinelOne and Active in ContraForce.
 */
package org.soarplaybooks.triage;
