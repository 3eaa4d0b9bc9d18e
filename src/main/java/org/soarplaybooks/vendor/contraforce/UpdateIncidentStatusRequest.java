package org.soarplaybooks.vendor.contraforce;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Body of {@code PUT /api/v2/workspaces/{workspaceId}/incidents/{source}/{incidentId}/status}
 * (schema {@code UpdateIncidentStatusRequest}, api-docs/contraforce-update-incident-status.md).
 * Null members are left out of the JSON.
 *
 * @param status               required; the new status
 * @param comment              optional comment recorded with the change (recommended when closing)
 * @param classification       optional; required by Sentinel when closing
 * @param classificationReason optional; required by Sentinel when closing
 * @param updateTicket         optional; {@code true} also closes the linked service ticket {@code ticketId}
 * @param ticketId             linked service ticket id; required when {@code updateTicket} is {@code true}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UpdateIncidentStatusRequest(
        Status status,
        String comment,
        Classification classification,
        ClassificationReason classificationReason,
        Boolean updateTicket,
        String ticketId) {
}
