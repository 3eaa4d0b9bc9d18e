package org.soarplaybooks.dryrun;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.Exchange;
import org.soarplaybooks.outcome.ActionContext;
import org.soarplaybooks.outcome.ActionItem;

/**
 * The answer a dry run takes in place of the vendor's: the documented success of each operation, shaped so the
 * action's answer reader accepts every incident the request carries.
 *
 * <ul>
 *   <li>ContraForce {@code update-incident-status}: 204, no body (api-docs/contraforce-update-incident-status.md).</li>
 *   <li>ContraForce {@code bulk-update-incidents}: 200 {@code {"data": {"accepted": [ids], "forbidden": []}}}.</li>
 *   <li>SentinelOne {@code update-threat-incident}: 200 {@code {"data": {"affected": <ids sent>}}}.</li>
 *   <li>OneTrust {@code get-incident}: 200 with the incident's id and placeholder {@code name} and
 *       {@code incidentTypeName} ({@value #NOT_READ}) and the nil UUID as {@code orgGroupId} (a dry run reads nothing, so the would-send update shows
 *       the change merged onto these placeholders); {@code update-incident}: 200 {@code {"id": ...}}.</li>
 *   <li>Adversarial {@code update-incidents}: 200 {@code {"incidents": [{"incident": {"id": ...}}, ...]}}.</li>
 *   <li>Anything else: 200 {@code {}}.</li>
 * </ul>
 */
public final class DryRunAnswers {

    /** What the placeholders of an incident not read in a dry run say. */
    public static final String NOT_READ = "(dry run: not read from the vendor)";

    /** The organization of an incident not read: the nil UUID (the field is a UUID in the contract). */
    public static final String NIL_UUID = "00000000-0000-0000-0000-000000000000";

    /** A stand-in answer: HTTP status and JSON body (null for none). */
    public record Answer(int status, String body) {
    }

    private final ObjectMapper mapper;

    public DryRunAnswers(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The success answer for the action readied on this exchange. */
    public Answer answer(Exchange exchange) {
        String vendor = exchange.getProperty(ActionContext.VENDOR, String.class);
        String operation = exchange.getProperty(ActionContext.OPERATION, String.class);
        JsonNode request = exchange.getProperty(ActionContext.REQUEST, JsonNode.class);
        var items = ActionContext.items(exchange);
        ObjectNode body = mapper.createObjectNode();
        switch (vendor + " " + operation) {
            case "ContraForce update-incident-status" -> {
                return new Answer(204, null);
            }
            case "ContraForce bulk-update-incidents" -> {
                ObjectNode data = body.putObject("data");
                ArrayNode accepted = data.putArray("accepted");
                items.forEach(i -> accepted.add(i.incidentId()));
                data.putArray("forbidden");
            }
            case "SentinelOne update-threat-incident" -> {
                JsonNode ids = request == null ? null : request.path("body").path("filter").path("ids");
                body.putObject("data").put("affected", ids != null && ids.isArray() ? ids.size() : 0);
            }
            case "OneTrust get-incident" -> {
                body.put("id", lastSegment(request));
                body.put("name", NOT_READ);
                body.put("incidentTypeName", NOT_READ);
                body.put("orgGroupId", NIL_UUID);
            }
            case "OneTrust update-incident" -> body.put("id", lastSegment(request));
            case "Adversarial update-incidents" -> {
                ArrayNode incidents = body.putArray("incidents");
                for (ActionItem i : items) {
                    incidents.addObject().putObject("incident").put("id", i.incidentId());
                }
            }
            default -> {
                // an operation with no known answer: an empty success
            }
        }
        return new Answer(200, body.toString());
    }

    private static String lastSegment(JsonNode request) {
        String path = request == null ? "" : request.path("path").asText("");
        String last = path.substring(path.lastIndexOf('/') + 1);
        return java.net.URLDecoder.decode(last, java.nio.charset.StandardCharsets.UTF_8);
    }
}
