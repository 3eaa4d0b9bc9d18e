package org.soarplaybooks.webhook;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.soarplaybooks.contract.ContractViolation;
import org.soarplaybooks.problem.ProblemDetails;

/**
 * A delivery the intake refuses, with the problem details it is answered with. The factory methods are the
 * whole catalogue; {@code code} values are stable (senders and tests may switch on them).
 *
 * <table>
 *   <caption>Rejections</caption>
 *   <tr><th>status</th><th>code</th><th>when</th></tr>
 *   <tr><td>400</td><td>{@code INVALID_JSON}</td><td>the body is not one JSON document (also: empty, duplicate
 *       member names, trailing data)</td></tr>
 *   <tr><td>400</td><td>{@code SCHEMA_VIOLATION}</td><td>the JSON breaks the webhook's schema; {@code errors}
 *       names each field (JSON Pointer)</td></tr>
 *   <tr><td>400</td><td>{@code MISSING_EVENT_ID}</td><td>no usable event id (the header or member is named)</td></tr>
 *   <tr><td>401</td><td>{@code UNAUTHENTICATED}</td><td>missing, malformed or wrong signature, stale timestamp,
 *       wrong bearer secret, or the webhook has no secret configured; the answer never says which</td></tr>
 *   <tr><td>405</td><td>{@code METHOD_NOT_ALLOWED}</td><td>any method but POST ({@code Allow: POST})</td></tr>
 *   <tr><td>413</td><td>{@code PAYLOAD_TOO_LARGE}</td><td>the body is larger than the limit</td></tr>
 *   <tr><td>415</td><td>{@code UNSUPPORTED_MEDIA_TYPE}</td><td>the content type is not {@code application/json}
 *       (a {@code charset} other than UTF-8 included)</td></tr>
 *   <tr><td>503</td><td>{@code NOT_QUEUED}</td><td>the event could not be written to disk; nothing was recorded, so
 *       the sender's retry is processed normally</td></tr>
 * </table>
 */
public final class WebhookRejection extends RuntimeException {

    private final transient ProblemDetails problem;
    private final transient Map<String, String> headers;

    private WebhookRejection(ProblemDetails problem, Map<String, String> headers) {
        super(problem.summary(), null, false, false);
        this.problem = problem;
        this.headers = Map.copyOf(headers);
    }

    public ProblemDetails problem() {
        return problem;
    }

    /** Extra answer headers, e.g. {@code Allow}. */
    public Map<String, String> headers() {
        return headers;
    }

    public WebhookAnswer answer() {
        return WebhookAnswer.problem(problem, headers);
    }

    static WebhookRejection methodNotAllowed(String path, String method) {
        return of(405, "Method Not Allowed", "METHOD_NOT_ALLOWED",
                "only POST is accepted here, not " + method, path, null, Map.of("Allow", "POST"));
    }

    static WebhookRejection unsupportedMediaType(String path, String contentType) {
        return of(415, "Unsupported Media Type", "UNSUPPORTED_MEDIA_TYPE",
                "the body must be JSON sent as Content-Type: application/json (UTF-8), not "
                        + (contentType == null ? "no content type" : cut(contentType, 100)), path, null, Map.of());
    }

    static WebhookRejection tooLarge(String path, long limit) {
        return of(413, "Content Too Large", "PAYLOAD_TOO_LARGE",
                "the body is larger than " + limit + " bytes", path, null, Map.of());
    }

    static WebhookRejection unauthenticated(String path, Map<String, String> headers) {
        return of(401, "Unauthorized", "UNAUTHENTICATED", "the delivery is not authenticated", path, null, headers);
    }

    static WebhookRejection invalidJson(String path, String why) {
        return of(400, "Bad Request", "INVALID_JSON", "the body is not valid JSON: " + why, path, null, Map.of());
    }

    static WebhookRejection notUtf8(String path, String why) {
        return of(400, "Bad Request", "NOT_UTF8", "the body must be JSON in UTF-8 without a byte order mark: " + why,
                path, null, Map.of());
    }

    static WebhookRejection notAnIncident(String path, String why) {
        return of(400, "Bad Request", "NOT_AN_INCIDENT", "the event cannot be read as an incident: " + why, path,
                null, Map.of());
    }

    static WebhookRejection schemaViolation(String path, List<ContractViolation> violations) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        for (ContractViolation v : violations) {
            errors.computeIfAbsent(v.field(), k -> new ArrayList<>()).add(v.reason() + " (" + v.rule() + ")");
        }
        String detail = "the event breaks the webhook's schema: "
                + violations.stream().map(ContractViolation::describe).collect(Collectors.joining("; "));
        return of(400, "Bad Request", "SCHEMA_VIOLATION", detail, path, errors, Map.of());
    }

    static WebhookRejection missingEventId(String path, String where) {
        return of(400, "Bad Request", "MISSING_EVENT_ID", where + " is missing or not a usable event id (1 to 200"
                + " printable characters)", path, null, Map.of());
    }

    static WebhookRejection notQueued(String path) {
        return of(503, "Service Unavailable", "NOT_QUEUED",
                "the event could not be queued; nothing was recorded, send it again", path, null,
                Map.of("Retry-After", "30"));
    }

    private static WebhookRejection of(int status, String title, String code, String detail, String path,
                                       Map<String, List<String>> errors, Map<String, String> headers) {
        return new WebhookRejection(new ProblemDetails("about:blank", title, status, detail, path, code, null, null,
                null, errors), headers);
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 3) + "...";
    }
}
