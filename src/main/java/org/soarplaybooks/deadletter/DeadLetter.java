package org.soarplaybooks.deadletter;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import org.soarplaybooks.problem.ProblemDetails;

/**
 * One item that did not reach the vendor, as stored in {@code <data>/dead-letter/<playbook>/<id>.json}.
 *
 * @param id           the update's id ({@link DeadLetterStore#idFor}): the same update of the same incident by the
 *                     same playbook and operation always gives the same id, so a second failure updates the dead
 *                     letter instead of adding another
 * @param playbook     the playbook (route id)
 * @param trigger      what started it, e.g. {@code file:incident-1505.json}
 * @param inbox        the inbox folder the input came from, relative to the data folder (e.g.
 *                     {@code inbox/sentinel}); {@code replay} writes the item back there. Null when the input did
 *                     not come from a file
 * @param incidentKey  {@code <source>:<id>}
 * @param vendor       e.g. {@code ContraForce}
 * @param operation    e.g. {@code update-incident-status}
 * @param item         the original input item (the source system's JSON for this incident); may be null
 * @param incident     the canonical incident as the playbook took it from its queue; {@code replay} sends it back
 *                     to the playbook's queue. Null when the item never reached a queue (an inbox item that could
 *                     not be read, a bulk row: {@code replay} writes the item back to {@code inbox})
 * @param request      the request that failed: {@code {"method","path","body"}}; never any header, so no secret
 * @param problem      what went wrong
 * @param reason       {@code problem.summary()}, for people reading the folder
 * @param attempts     how many attempts failed in all (retries and replays add up)
 * @param firstFailure first failure time (UTC)
 * @param lastFailure  last failure time (UTC)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeadLetter(
        String id,
        String playbook,
        String trigger,
        String inbox,
        String incidentKey,
        String vendor,
        String operation,
        JsonNode item,
        JsonNode incident,
        JsonNode request,
        ProblemDetails problem,
        String reason,
        int attempts,
        Instant firstFailure,
        Instant lastFailure) {
}
