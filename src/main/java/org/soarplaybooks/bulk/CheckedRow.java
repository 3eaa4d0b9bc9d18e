package org.soarplaybooks.bulk;

import com.fasterxml.jackson.databind.JsonNode;
import org.soarplaybooks.vendor.contraforce.UpdateIncidentRequest;

/**
 * A bulk row after its check: either a ContraForce bulk item ready to send, or the reason it cannot be sent.
 *
 * @param line        the row's line in the file (see {@link BulkRow#line()})
 * @param item        the row as read (what a dead letter keeps)
 * @param incidentId  the row's {@code id}, or null when it has none
 * @param incidentKey {@code <source>:<id>} ({@code ContraForce:<id>} when the row names no source; the source as
 *                    written when it is not a known one), or {@code bulk:<file>:<line>} when the row has no id
 * @param request     the bulk item to send; null when the row is bad
 * @param problem     why the row is bad, starting with {@code line N: } and naming the field and the value, e.g.
 *                    {@code line 7: status "Open" is not one of [Active, New, Closed]}; null when it is good
 */
public record CheckedRow(long line, JsonNode item, String incidentId, String incidentKey,
                         UpdateIncidentRequest request, String problem) {

    /** True when the row can be sent. */
    public boolean isValid() {
        return problem == null;
    }
}
