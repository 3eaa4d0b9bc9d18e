package org.soarplaybooks.bulk;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One row of a bulk file, as read, before it is checked.
 *
 * @param line    the 1-based line of the file where the row starts: the physical line for CSV and NDJSON, the line
 *                of the element's opening brace for a JSON array (1 for a single-object JSON file)
 * @param item    the row as read: for CSV an object of the header's column names (as spelled in the file) to the
 *                cells' text; for JSON and NDJSON the value as read (normally an object). For an NDJSON line that is
 *                not JSON, the line's text as a JSON string. This is what a dead letter keeps and a replay writes
 *                back (as a one-row {@code .json} file)
 * @param problem why the row could not be read as a row (e.g. {@code not valid JSON: ...}), or null when it could
 */
public record BulkRow(long line, JsonNode item, String problem) {

    /** A row that was read. */
    public static BulkRow of(long line, JsonNode item) {
        return new BulkRow(line, item, null);
    }

    /** A row that could not be read as one; {@code item} is what was there. */
    public static BulkRow unreadable(long line, JsonNode item, String problem) {
        return new BulkRow(line, item, problem);
    }
}
