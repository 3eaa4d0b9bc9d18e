package org.soarplaybooks.problem;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * One failure, in RFC 7807 shape, whatever the vendor's own error format was.
 *
 * <p>Members are the RFC 7807 ones ({@code type}, {@code title}, {@code status}, {@code detail},
 * {@code instance}) plus ContraForce's {@code ApiProblemDetails} extensions ({@code code}, {@code requestId},
 * {@code timestamp}, {@code target}, {@code errors}: a field-keyed map of messages, empty key = object level;
 * api-docs/contraforce-update-incident-status.md). {@code status} is the HTTP status, or null when no HTTP
 * answer arrived (connection refused, timeout). {@code headers} (our extension) keeps the answer's rate-limit
 * headers, such as {@code Retry-After} (delta-seconds or an HTTP-date) and OneTrust's {@code ot-*}. Null
 * members are left out of the JSON.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ProblemDetails(
        String type,
        String title,
        Integer status,
        String detail,
        String instance,
        String code,
        String requestId,
        String timestamp,
        String target,
        Map<String, List<String>> errors,
        Map<String, String> headers) {

    /** Without {@code headers}: the RFC 7807 members and ContraForce's extensions. */
    public ProblemDetails(String type, String title, Integer status, String detail, String instance, String code,
                          String requestId, String timestamp, String target, Map<String, List<String>> errors) {
        this(type, title, status, detail, instance, code, requestId, timestamp, target, errors, null);
    }

    /** A problem with only a title, status and detail (the other members null). */
    public static ProblemDetails of(Integer status, String code, String title, String detail) {
        return new ProblemDetails(null, title, status, detail, null, code, null, null, null, null, null);
    }

    /** A copy with the given answer headers (null or empty leaves them out). */
    public ProblemDetails withHeaders(Map<String, String> answerHeaders) {
        return new ProblemDetails(type, title, status, detail, instance, code, requestId, timestamp, target, errors,
                answerHeaders == null || answerHeaders.isEmpty() ? null : Map.copyOf(answerHeaders));
    }

    /** An answer header by name, ignoring case; null if absent. */
    public String header(String name) {
        if (headers == null) {
            return null;
        }
        for (Map.Entry<String, String> e : headers.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return null;
    }

    /** One line for logs and the {@code reason} of dead letters: {@code 404 NOT_FOUND Resource not found: ...}. */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        if (status != null) {
            sb.append(status).append(' ');
        }
        if (code != null) {
            sb.append(code).append(' ');
        }
        sb.append(title == null ? "Failure" : title);
        if (detail != null && !detail.isBlank()) {
            sb.append(": ").append(detail);
        }
        if (errors != null && !errors.isEmpty()) {
            sb.append(' ').append(errors);
        }
        return sb.toString();
    }
}
