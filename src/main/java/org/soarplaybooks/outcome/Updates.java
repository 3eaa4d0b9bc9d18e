package org.soarplaybooks.outcome;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One incident's share of a vendor request: what the request asks the vendor to do to that incident, so a dead
 * letter names the update itself, and only the acceptance of that same update clears it (see
 * {@code DeadLetterStore.idFor}).
 *
 * <p>From the request as {@link ActionContext} records it ({@code {"method", "path", "body"}}): the method, the
 * path, and
 * <ul>
 *   <li>a request of many items ({@code body.items[]}, the ContraForce bulk update): the incident's item (the
 *       element whose {@code id} is the incident's);</li>
 *   <li>a request naming many ids ({@code body.filter.ids}, SentinelOne; {@code body.ids}, Adversarial): the body
 *       with only the incident's id;</li>
 *   <li>any other (one incident per call): the whole body.</li>
 * </ul>
 */
public final class Updates {

    private Updates() {
    }

    /** The incident's share of the request, or null when there is no request (nothing was built). */
    public static JsonNode shareOf(JsonNode request, ActionItem item) {
        if (request == null || request.isNull()) {
            return null;
        }
        ObjectNode share = JsonNodeFactory.instance.objectNode();
        share.set("method", request.get("method"));
        share.set("path", request.get("path"));
        JsonNode body = request.get("body");
        String id = item.incidentId();
        if (body != null && body.path("items").isArray()) {
            for (JsonNode element : body.path("items")) {
                if (id != null && id.equals(element.path("id").asText(null))) {
                    share.set("item", element);
                    return share;
                }
            }
            share.put("item", id);
            return share;
        }
        if (body != null && body.path("filter").path("ids").isArray() && body instanceof ObjectNode o) {
            ObjectNode copy = o.deepCopy();
            ((ObjectNode) copy.get("filter")).set("ids", single(id));
            share.set("body", copy);
            return share;
        }
        if (body != null && body.path("ids").isArray() && body instanceof ObjectNode o) {
            ObjectNode copy = o.deepCopy();
            copy.set("ids", single(id));
            share.set("body", copy);
            return share;
        }
        share.set("body", body);
        return share;
    }

    private static ArrayNode single(String id) {
        ArrayNode ids = JsonNodeFactory.instance.arrayNode();
        ids.add(id);
        return ids;
    }
}
