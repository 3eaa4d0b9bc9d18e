package org.soarplaybooks.vendor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.StreamCache;
import org.apache.camel.component.http.HttpMethods;
import org.apache.camel.support.ExchangeHelper;
import org.soarplaybooks.contract.ContractCheck;
import org.soarplaybooks.dryrun.DryRun;
import org.soarplaybooks.outcome.ActionContext;
import org.soarplaybooks.outcome.ActionItem;
import org.soarplaybooks.problem.ProblemDetails;
import org.soarplaybooks.problem.ProblemDetailsReader;
import org.soarplaybooks.problem.VendorCallException;
import org.soarplaybooks.vendor.circuit.VendorCircuits;

/**
 * The HTTP plumbing every vendor action shares, around a static camel-http endpoint in the Kamelet.
 *
 * <p>{@link #prepare} removes <em>every</em> header on the message (so nothing a caller sent, such as an inbound
 * {@code Authorization}, cookie or {@code CamelHttpUri}, can reach or steer the vendor call), then sets only
 * {@code CamelHttpMethod}, {@code CamelHttpPath} (built here from URL-encoded segments, never from a template
 * a payload could alter), {@code Content-Type: application/json} and {@code Accept}; the body becomes the JSON
 * of the request. The Kamelet adds {@code Authorization} right after. {@link #read} takes the answer apart.
 *
 * <p>Before the message is touched, {@link #prepare} checks the JSON body against the vendor's documented request
 * schema ({@link ContractCheck}); a body that breaks it is never sent.
 */
public final class HttpAction {

    /** The error handler's redelivery headers, kept across the header wipe so retries count up. */
    static final List<String> REDELIVERY_HEADERS = List.of(Exchange.REDELIVERED, Exchange.REDELIVERY_COUNTER,
            Exchange.REDELIVERY_MAX_COUNTER, Exchange.REDELIVERY_DELAY);

    /** Answer headers kept with a failure (lower case): rate-limit hints a retry or an operator needs. */
    static final Pattern KEPT_ANSWER_HEADERS = Pattern.compile(
            "retry-after|ot-.*|x-ratelimit-.*|ratelimit-.*|x-ms-ratelimit-.*|x-rqid|x-request-id");

    private final ObjectMapper mapper;
    private final com.fasterxml.jackson.databind.ObjectWriter compact;
    private final ProblemDetailsReader problems;
    private final ContractCheck contracts;
    private final VendorCircuits circuits;
    private volatile boolean dryRun;

    /**
     * @param mapper    serializes request objects and reads answers
     * @param contracts the request schemas every body is checked against before it is sent
     * @param circuits  the vendors' circuits (a call to a vendor whose circuit is open fails fast), or null
     */
    public HttpAction(ObjectMapper mapper, ContractCheck contracts, VendorCircuits circuits) {
        this.mapper = mapper;
        this.compact = mapper.writer().without(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT);
        this.problems = new ProblemDetailsReader(mapper);
        this.contracts = contracts;
        this.circuits = circuits;
    }

    /** Without vendor circuits. */
    public HttpAction(ObjectMapper mapper, ContractCheck contracts) {
        this(mapper, contracts, null);
    }

    /** With the request schemas bundled in {@code schemas/} (a new {@link ContractCheck}). */
    public HttpAction(ObjectMapper mapper) {
        this(mapper, new ContractCheck());
    }

    /**
     * Dry run on or off: when on, {@link #prepare} marks each call {@link DryRun#ACTIVE}, so it is answered in
     * place of the vendor and audited as {@code would-send} (see {@link DryRun}).
     */
    public HttpAction dryRun(boolean on) {
        this.dryRun = on;
        return this;
    }

    /** The answer of a vendor call: status, {@code Content-Type} and body text (empty string if none). */
    public record Response(int status, String contentType, String body, String requestId) {
        public boolean isSuccess() {
            return status >= 200 && status < 300;
        }
    }

    /**
     * Readies the exchange for the vendor call.
     *
     * @param method HTTP method, e.g. {@code PUT}
     * @param path   the path below the vendor origin, starting with {@code /}; build it with {@link #segment}
     * @param body   the request object (serialized with Jackson), or null for no body
     * @param items  the incidents the request carries
     * @throws org.soarplaybooks.contract.ContractViolationException when the body breaks the documented request
     *         schema of {@code vendor}/{@code operation}, or none exists; the message is then left as it was (only
     *         the action context is recorded, so the dead letter names the incidents and the refused body)
     * @throws org.soarplaybooks.vendor.circuit.CircuitOpenException when the vendor's circuit is open: nothing is
     *         sent (the retry policy tries again once it may close)
     */
    public void prepare(Exchange exchange, String vendor, String operation, String method, String path,
                        Object body, List<ActionItem> items) {
        JsonNode json = body == null ? null : mapper.valueToTree(body);
        ActionContext.begin(exchange, vendor, operation, method, path, json, items);
        if (dryRun) {
            exchange.setProperty(DryRun.ACTIVE, true);
        }
        if (json != null) {
            contracts.check(vendor, operation, json);
        }
        if (circuits != null && !dryRun) {
            circuits.beforeCall(vendor, operation);
        }
        Message m = exchange.getMessage();
        Map<String, Object> redelivery = new HashMap<>();
        for (String h : REDELIVERY_HEADERS) {
            Object v = m.getHeader(h);
            if (v != null) {
                redelivery.put(h, v);
            }
        }
        m.getHeaders().clear();
        // the error handler's own bookkeeping survives (camel-http never sends Camel* headers to the vendor)
        m.getHeaders().putAll(redelivery);
        // as camel-http's own enum: a String here made every call look the enum up through the type converters
        m.setHeader(Exchange.HTTP_METHOD, HttpMethods.valueOf(method));
        m.setHeader(Exchange.HTTP_PATH, path);
        m.setHeader("Accept", "application/json, application/problem+json");
        if (json != null) {
            m.setHeader(Exchange.CONTENT_TYPE, "application/json");
            m.setBody(bytesOf(json));
        } else {
            m.setBody(null);
        }
    }

    /** The request tree as compact UTF-8 JSON, written straight to bytes (no String between). */
    private byte[] bytesOf(JsonNode json) {
        try {
            return compact.writeValueAsBytes(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return json.toString().getBytes(StandardCharsets.UTF_8); // not expected of a tree: its text as before
        }
    }

    /**
     * Reads the answer the camel-http endpoint left on the exchange ({@code throwExceptionOnFailure=false}), and
     * tells the vendor's circuit how the call went.
     */
    public Response read(Exchange exchange) {
        Message m = exchange.getMessage();
        // camel-http copies request headers onto the answer: the credentials must not travel further
        m.removeHeader("Authorization");
        Integer status = m.getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        String body = bodyText(exchange, m);
        String requestId = m.getHeader("X-Request-Id", String.class);
        if (circuits != null && !DryRun.active(exchange)) {
            circuits.answered(exchange.getProperty(ActionContext.VENDOR, String.class), status == null ? 0 : status);
        }
        return new Response(status == null ? 0 : status, m.getHeader(Exchange.CONTENT_TYPE, String.class),
                body == null ? "" : body, requestId);
    }

    /**
     * The answer's body as text, in the charset camel-http found in its content type (UTF-8 when none). A cached
     * stream (what camel-http leaves) is read directly and reset, so it can be read again: converting it with
     * {@code getBody(String.class)} searched the type converters on every call. No body is null.
     */
    private static String bodyText(Exchange exchange, Message m) {
        Object raw = m.getBody();
        if (raw == null || raw instanceof String) { // no answer body (204): nothing to convert
            return (String) raw;
        }
        if (raw instanceof StreamCache cache && raw instanceof InputStream in) {
            try {
                byte[] bytes = in.readAllBytes();
                cache.reset();
                return new String(bytes, Charset.forName(ExchangeHelper.getCharsetName(exchange)));
            } catch (IOException | IllegalArgumentException e) {
                cache.reset();
            }
        }
        return m.getBody(String.class);
    }

    /**
     * The failure for a non-success answer, as problem details; the answer's rate-limit headers
     * ({@code Retry-After}, OneTrust's {@code ot-*}, {@code X-RateLimit-*}, request ids) ride along in
     * {@code headers}.
     */
    public VendorCallException failure(Exchange exchange, Response r) {
        ProblemDetails p = problems.read(r.status(), r.contentType(), r.body()).withHeaders(keptHeaders(exchange));
        return new VendorCallException(exchange.getProperty(ActionContext.VENDOR, String.class),
                exchange.getProperty(ActionContext.OPERATION, String.class), p);
    }

    private static Map<String, String> keptHeaders(Exchange exchange) {
        Map<String, String> kept = new TreeMap<>();
        exchange.getMessage().getHeaders().forEach((name, value) -> {
            if (value != null && KEPT_ANSWER_HEADERS.matcher(name.toLowerCase(Locale.ROOT)).matches()) {
                kept.put(name, String.valueOf(value));
            }
        });
        return kept;
    }

    /** A success status whose body could not be read as documented. */
    public VendorCallException malformed(Exchange exchange, Response r, String why) {
        return new VendorCallException(exchange.getProperty(ActionContext.VENDOR, String.class),
                exchange.getProperty(ActionContext.OPERATION, String.class),
                ProblemDetails.of(r.status(), "MALFORMED_RESPONSE", "The vendor's answer is not as documented",
                        why));
    }

    /** Reads a JSON answer into a type. */
    public <T> T parse(Response r, Class<T> type) throws java.io.IOException {
        return mapper.readValue(r.body(), type);
    }

    /** Converts whatever a playbook put in the body (typed object, JSON text, map) to the request type. */
    public <T> T convert(Object body, Class<T> type) {
        if (type.isInstance(body)) {
            return type.cast(body);
        }
        try {
            if (body instanceof byte[] b) {
                return mapper.readValue(b, type);
            }
            if (body instanceof String s) {
                return mapper.readValue(s, type);
            }
            return mapper.convertValue(body, type);
        } catch (Exception e) {
            throw new IllegalArgumentException("the message body is not a " + type.getSimpleName() + ": "
                    + e.getMessage(), e);
        }
    }

    /** One path segment, percent-encoded (RFC 3986), so an id can never add a segment or a query. */
    public static String segment(String value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("a path segment is empty");
        }
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
