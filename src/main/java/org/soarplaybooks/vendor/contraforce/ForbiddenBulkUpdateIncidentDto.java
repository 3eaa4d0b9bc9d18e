package org.soarplaybooks.vendor.contraforce;

/**
 * One rejected item of a bulk update answer (schema {@code ForbiddenBulkUpdateIncidentDto}): the incident the
 * caller may not update, its workspace and the vendor's reason. All members nullable.
 */
public record ForbiddenBulkUpdateIncidentDto(String incidentId, String workspaceId, String reason) {
}
