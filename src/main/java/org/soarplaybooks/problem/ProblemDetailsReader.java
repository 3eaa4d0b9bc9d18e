package org.soarplaybooks.problem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Locale;

/**
 * Turns a vendor's non-success HTTP answer into {@link ProblemDetails}.
 *
 * <ul>
 *   <li>{@code application/problem+json} (ContraForce {@code ApiProblemDetails}) and any JSON object with RFC 7807
 *       members: read as is; a missing {@code status} is filled from the HTTP status.</li>
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
