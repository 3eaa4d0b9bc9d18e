package org.soarplaybooks.problem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a vendor's non-success HTTP answer into {@link ProblemDetails}.
 *
 * <ul>
 *   <li>{@code application/problem+json} (ContraForce {@code ApiProblemDetails}) and any JSON object with RFC 7807
 *       members: read as is; a missing {@code status} is filled from the HTTP status.</li>
 *   <li>SentinelOne's error envelope {@code {"errors": [{"code": 4000010, "detail": "…", "title": "Validation
 *       Error"}]}} (design/vendor-facts.md, "SentinelOne", Errors): {@code title}, {@code detail} and {@code code}
 *       (as text, e.g. {@code "4000010"}) from the first non-empty error item ({@code message} stands in for a
 *       missing title or detail), {@code status} the HTTP status; every further item goes into {@code errors},
 *       keyed by its code ({@code ""} when it has none), as {@code "<title>: <detail>"}. Empty items
 *       ({@code {}}) are skipped: an envelope of only empty items is not recognised.</li>
 *   <li>Anything else (empty, HTML, unknown JSON): {@code title} "HTTP &lt;status&gt;", {@code code}
 *       {@code HTTP_<status>}, and the raw body, cut to {@link #MAX_RAW_BODY_CHARS} characters, as
 *       {@code detail}.</li>
 * </ul>
 */
public final class ProblemDetailsReader {

    /** The most characters of an unrecognised body kept in {@code detail}. */
    public static final int MAX_RAW_BODY_CHARS = 2048;

    private final ObjectMapper mapper;

    public ProblemDetailsReader(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * @param httpStatus  the HTTP status code received
     * @param contentType the {@code Content-Type} header, may be null
     * @param body        the response body as text, may be null or empty
     * @return the problem; never null, never throws
     */
    public ProblemDetails read(int httpStatus, String contentType, String body) {
        String ct = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        if (body != null && !body.isBlank() && (ct.contains("json") || body.trim().startsWith("{"))) {
            try {
                JsonNode node = mapper.readTree(body);
                List<JsonNode> vendorErrors = errorItems(node);
                if (!vendorErrors.isEmpty() && !node.has("title") && !node.has("type")) {
                    return fromErrorItems(httpStatus, vendorErrors);
                }
                if (node != null && node.isObject() && (node.has("title") || node.has("type") || node.has("code"))) {
                    ProblemDetails p = mapper.treeToValue(node, ProblemDetails.class);
                    if (p.status() == null) {
                        p = new ProblemDetails(p.type(), p.title(), httpStatus, p.detail(), p.instance(), p.code(),
                                p.requestId(), p.timestamp(), p.target(), p.errors());
                    }
                    return p;
                }
            } catch (Exception notJson) {
                // fall through: keep the raw body
            }
        }
        return ProblemDetails.of(httpStatus, "HTTP_" + httpStatus, "HTTP " + httpStatus, cap(body));
    }

    /**
     * The non-empty items of an {@code "errors": [...]} array (SentinelOne's envelope, design/vendor-facts.md); empty
     * objects ({@code {}}, or only null members) are left out, so the published {@code "errors": [{}]} quirk next to a
     * normal answer yields an empty list.
     *
     * @param root a parsed answer, may be null
     * @return the items that say something; empty when {@code errors} is absent, not an array, or holds only empty
     *         objects
     */
    public static List<JsonNode> errorItems(JsonNode root) {
        List<JsonNode> items = new ArrayList<>();
        if (root == null || !root.isObject() || !root.path("errors").isArray()) {
            return items;
        }
        for (JsonNode item : root.get("errors")) {
            if (item.isObject()) {
                boolean said = false;
                for (JsonNode value : item) {
                    said |= !value.isNull();
                }
                if (said) {
                    items.add(item);
                }
            } else if (!item.isNull()) {
                items.add(item);
            }
        }
        return items;
    }

    private static ProblemDetails fromErrorItems(int httpStatus, List<JsonNode> items) {
        JsonNode first = items.get(0);
        String title = text(first, "title");
        String detail = text(first, "detail");
        String message = first.isObject() ? text(first, "message") : first.asText();
        if (title == null) {
            title = message != null ? message : "HTTP " + httpStatus;
        } else if (detail == null) {
            detail = message;
        }
        String code = text(first, "code");
        Map<String, List<String>> rest = null;
        for (JsonNode item : items.subList(1, items.size())) {
            if (rest == null) {
                rest = new LinkedHashMap<>();
            }
            String key = text(item, "code");
            String itemTitle = text(item, "title") != null ? text(item, "title") : text(item, "message");
            String itemDetail = text(item, "detail");
            String line = item.isObject()
                    ? (itemTitle == null ? "" : itemTitle) + (itemTitle != null && itemDetail != null ? ": " : "")
                            + (itemDetail == null ? "" : itemDetail)
                    : item.asText();
            rest.computeIfAbsent(key == null ? "" : key, k -> new ArrayList<>())
                    .add(cap(line.isEmpty() ? item.toString() : line));
        }
        return new ProblemDetails(null, cap(title), httpStatus, cap(detail), null,
                code == null ? "HTTP_" + httpStatus : code, null, null, null, rest);
    }

    private static String text(JsonNode item, String field) {
        JsonNode value = item.get(field);
        if (value == null || value.isNull() || value.isContainerNode()) {
            return null;
        }
        String s = value.asText();
        return s.isBlank() ? null : s;
    }

    /** A failure with no HTTP answer: connection refused or reset, timeout, unknown host. */
    public static ProblemDetails connectionFailure(Throwable cause) {
        String detail = cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
        return ProblemDetails.of(null, "CONNECTION_FAILURE", "No answer from the vendor", cap(detail));
    }

    static String cap(String s) {
        if (s == null || s.isEmpty()) {
            return null;
        }
        return s.length() <= MAX_RAW_BODY_CHARS ? s : s.substring(0, MAX_RAW_BODY_CHARS) + "…(cut)";
    }
}
