package org.soarplaybooks.vendor.sentinelone;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * One page of {@code GET /web/api/v2.1/threats}: {@code {"data": [threat…], "pagination": {"nextCursor": …,
 * "totalItems": N}}} (design/vendor-facts.md; samples {@code samples/sentinelone/threats-list-*.json}).
 *
 * @param number     1 for the first page, then 2, 3, …
 * @param threats    the threats of {@code data}, as the vendor sent them (v2.1 objects with {@code threatInfo}, or
 *                   the older flat shape)
 * @param nextCursor the cursor of the next page, or null when this is the last page (the vendor sent null, nothing,
 *                   an empty text or the text {@code "null"})
 * @param totalItems {@code pagination.totalItems}, or null when absent
 */
public record ThreatsPage(int number, List<JsonNode> threats, String nextCursor, Integer totalItems) {

    public ThreatsPage {
        threats = List.copyOf(threats);
    }

    /** True when no page follows. */
    public boolean isLast() {
        return nextCursor == null;
    }

    /**
     * The threats as a threats list, {@code {"data": [...]}}: the input of {@code normalizers.sentinelOne}.
     */
    public String toThreatListJson() {
        ObjectNode list = JsonNodeFactory.instance.objectNode();
        list.putArray("data").addAll(threats);
        return list.toString();
    }

    /** Says how many threats and whether more follow; the cursor (an opaque vendor token) is left out. */
    @Override
    public String toString() {
        return "ThreatsPage[number=" + number + ", threats=" + threats.size() + ", totalItems=" + totalItems
                + ", last=" + isLast() + "]";
    }
}
