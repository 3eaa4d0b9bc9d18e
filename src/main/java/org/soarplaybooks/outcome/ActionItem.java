package org.soarplaybooks.outcome;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One incident inside a vendor request: a single-item operation has one, a bulk operation one per item.
 *
 * @param incidentId  the id the vendor knows the incident by (ContraForce bulk {@code accepted[]} lists these)
 * @param incidentKey {@code <source>:<id>} for audit records and dead letters
 * @param item        the original input item (source JSON), kept for the dead letter; may be null
 */
public record ActionItem(String incidentId, String incidentKey, JsonNode item) {
}
