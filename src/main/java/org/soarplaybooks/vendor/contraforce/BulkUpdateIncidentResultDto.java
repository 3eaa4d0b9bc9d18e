package org.soarplaybooks.vendor.contraforce;

import java.util.List;

/**
 * Outcome of a bulk update after per-incident authorization (schema {@code BulkUpdateIncidentResultDto}).
 *
 * @param accepted  incident ids scheduled for asynchronous processing; null is read as empty
 * @param forbidden incidents the caller may not update, with the reason; null is read as empty
 */
public record BulkUpdateIncidentResultDto(List<String> accepted, List<ForbiddenBulkUpdateIncidentDto> forbidden) {

    public BulkUpdateIncidentResultDto {
        accepted = accepted == null ? List.of() : List.copyOf(accepted);
        forbidden = forbidden == null ? List.of() : List.copyOf(forbidden);
    }
}
