package org.soarplaybooks.bulk;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What became of one row of a bulk file; one entry of {@code outcomes} in {@code <file>.result.json}.
 *
 * <p>JSON: {@code {"line": 7, "id": "INC-7", "incidentKey": "Sentinel:INC-7", "result": "forbidden",
 * "reason": "INSUFFICIENT_WORKSPACE_ROLE: ...", "deadLetterId": "3f1c..."}}; null members are left out.
 *
 * @param line         the row's line in the file
 * @param id           the row's incident id; absent when the row has none
 * @param incidentKey  the key its audit record and dead letter carry
 * @param result       {@value #SENT} (ContraForce accepted it), {@value #FORBIDDEN} (ContraForce refused it: listed
 *                     in {@code forbidden[]}), {@value #DEAD_LETTERED} (the call failed, or the answer named the row
 *                     neither accepted nor forbidden) or {@value #INVALID} (the row is bad and was not sent)
 * @param reason       why, for every result but {@value #SENT}
 * @param deadLetterId the dead letter that holds the row (for {@code replay --id}); absent for {@value #SENT}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RowOutcome(long line, String id, String incidentKey, String result, String reason,
                         String deadLetterId) {

    public static final String SENT = "sent";
    public static final String FORBIDDEN = "forbidden";
    public static final String DEAD_LETTERED = "dead-lettered";
    public static final String INVALID = "invalid";
}
