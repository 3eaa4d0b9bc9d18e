package org.soarplaybooks.dryrun;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * The request a dry run did not send, as recorded in the audit trail, with every secret masked:
 * <pre>{"method": "PUT", "url": "https://portal.contraforce.com/api/v2/...",
 *  "headers": {"Accept": "...", "Authorization": "Basic ***", "Content-Type": "application/json"},
 *  "body": {...}}</pre>
 * Masked: the credentials of {@code Authorization} (the scheme stays, so the author sees which one would be
 * used), any header whose name says cookie, token, key, secret, signature or password, and in the body every
 * value whose field name says secret, password, token or api key.
 */
public final class MaskedRequest {

    /** What a masked value reads. */
    public static final String MASK = "***";

    private static final Pattern SECRET_HEADER = Pattern.compile(".*(cookie|token|key|secret|signature|password).*");
    private static final Pattern SECRET_FIELD = Pattern.compile(".*(secret|password|token|api_?key).*");

    private MaskedRequest() {
    }

    /**
     * @param message  the message as readied for the vendor call (headers {@code CamelHttpMethod},
     *                 {@code CamelHttpPath}, {@code CamelHttpQuery}, {@code Authorization}, ...)
     * @param endpoint the vendor endpoint URI (its query, the endpoint options, is dropped), or null
     * @param action   the action's request record ({@code {method, path, body}}, see
     *                 {@link org.soarplaybooks.outcome.ActionContext#REQUEST}), or null
     */
    static ObjectNode of(Message message, String endpoint, JsonNode action) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        Object methodHeader = message.getHeader(Exchange.HTTP_METHOD);   // camel-http's HttpMethods, or text
        String method = methodHeader == null ? null : methodHeader.toString();
        out.put("method", method != null ? method : action == null ? null : action.path("method").asText(null));
        String base = endpoint == null ? "" : endpoint.replaceFirst("\\?.*$", "").replaceFirst("/+$", "");
        String path = message.getHeader(Exchange.HTTP_PATH, String.class);
        String query = message.getHeader(Exchange.HTTP_QUERY, String.class);
        out.put("url", base + (path == null ? "" : path) + (query == null || query.isEmpty() ? "" : "?" + query));
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        message.getHeaders().forEach((name, value) -> {
            if (value != null && !name.startsWith("Camel") && !name.startsWith("camel")) {
                headers.put(name, header(name, String.valueOf(value)));
            }
        });
        ObjectNode h = out.putObject("headers");
        headers.forEach(h::put);
        JsonNode body = action == null ? null : action.get("body");
        out.set("body", body == null || body.isNull() ? null : mask(body.deepCopy()));
        return out;
    }

    /** The header's value as it may be shown: credentials replaced by {@value #MASK}. */
    static String header(String name, String value) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.equals("authorization") || lower.equals("proxy-authorization")) {
            int space = value.indexOf(' ');
            return space > 0 ? value.substring(0, space) + " " + MASK : MASK;
        }
        return SECRET_HEADER.matcher(lower).matches() ? MASK : value;
    }

    /** Replaces, in place, every value whose field name says it is a secret. */
    static JsonNode mask(JsonNode node) {
        if (node instanceof ObjectNode o) {
            for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (SECRET_FIELD.matcher(e.getKey().toLowerCase(Locale.ROOT)).matches() && e.getValue().isValueNode()) {
                    e.setValue(JsonNodeFactory.instance.textNode(MASK));
                } else {
                    mask(e.getValue());
                }
            }
        } else if (node != null && node.isArray()) {
            node.forEach(MaskedRequest::mask);
        }
        return node;
    }
}
