package org.soarplaybooks.vendor.contraforce;

/**
 * The 200 answer of the bulk update (schema {@code ApiResponseOfBulkUpdateIncidentResultDto}):
 * {@code {"data": {"accepted": [...], "forbidden": [...]}, "meta": {"requestId", "timestamp"}}}.
 */
public record BulkUpdateResponse(BulkUpdateIncidentResultDto data, ResponseMeta meta) {
}
