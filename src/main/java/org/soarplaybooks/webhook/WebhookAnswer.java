package org.soarplaybooks.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.soarplaybooks.problem.ProblemDetails;

/**
 * The HTTP answer to a webhook delivery, built from nothing (no header of the request is carried back).
 *
 * <ul>
 *   <li>202 {@code application/json} {@code {"accepted": true, "eventId": "..."}}: the event is on disk in every
 *       inbox it feeds;</li>
 *   <li>200 {@code application/json} {@code {"duplicate": true, "eventId": "..."}}: the event id was queued
 *       before, nothing was done again; {@code {"accepted": true, "eventId", "test": true}} for a test delivery
 *       and {@code {"accepted": true, "eventId", "ignored": "<why>"}} for an event no playbook reads;</li>
 *   <li>4xx/5xx {@code application/problem+json}: RFC 7807 problem details ({@link ProblemDetails}: {@code type}
 *       {@code about:blank}, {@code title} (the status text), {@code status}, {@code detail}, {@code instance} (the
 *       webhook path), {@code code} (stable, e.g. {@code SCHEMA_VIOLATION}) and, for schema violations,
 *       {@code errors}: JSON Pointer of each field to its reasons).</li>
 * </ul>
 *
 * @param status      HTTP status
 * @param contentType {@code application/json} or {@code application/problem+json}
 * @param body        the JSON document
 * @param headers     extra answer headers (e.g. {@code Allow: POST} with a 405)
 */
public record WebhookAnswer(int status, String contentType, Object body, Map<String, String> headers) {

    public static final String JSON = "application/json";
    public static final String PROBLEM_JSON = "application/problem+json";

    public WebhookAnswer {
        headers = Map.copyOf(headers);
    }

    /** 202: queued. */
    public static WebhookAnswer accepted(String eventId) {
        return json(202, ordered("accepted", true, "eventId", eventId));
    }

    /** 200: this event id was queued before. */
    public static WebhookAnswer duplicate(String eventId) {
        return json(200, ordered("duplicate", true, "eventId", eventId));
    }

    /** 200: a test delivery, acknowledged and audited, written nowhere. */
    public static WebhookAnswer testDelivery(String eventId) {
        return json(200, ordered("accepted", true, "eventId", eventId, "test", true));
    }

    /** 200: an event no playbook reads, acknowledged and audited, written nowhere. */
    public static WebhookAnswer ignored(String eventId, String why) {
        return json(200, ordered("accepted", true, "eventId", eventId, "ignored", why));
    }

    /** A problem answer with the problem's status. */
    public static WebhookAnswer problem(ProblemDetails problem, Map<String, String> headers) {
        return new WebhookAnswer(problem.status(), PROBLEM_JSON, problem, headers);
    }

    /** Replaces the message with this answer: headers cleared, then status, content type, extra headers, body. */
    public void writeTo(Message m, ObjectMapper mapper) {
        byte[] bytes;
        try {
            bytes = mapper.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the webhook answer", e);
        }
        m.getHeaders().clear();
        m.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        m.setHeader(Exchange.CONTENT_TYPE, contentType);
        headers.forEach(m::setHeader);
        m.setBody(bytes);
    }

    private static WebhookAnswer json(int status, Map<String, Object> body) {
        return new WebhookAnswer(status, JSON, body, Map.of());
    }

    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }
}
