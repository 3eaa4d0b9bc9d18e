package org.soarplaybooks.vendor.sentinelone;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.soarplaybooks.http.ApiTokenAuth;
import org.soarplaybooks.http.RequestPacer;
import org.soarplaybooks.problem.ProblemDetailsReader;
import org.soarplaybooks.problem.VendorCallException;
import org.soarplaybooks.vendor.HttpAction;

/**
 * Reads SentinelOne threats page by page: {@code GET /web/api/v2.1/threats} (design/vendor-facts.md, "GET /threats
 * for the sync job"; answer {@code {"data": [threat…], "pagination": {"nextCursor", "totalItems"}}}). For the
 * scheduled sync job; no Kamelet.
 *
 * <p>Query: {@code limit} (1–1000), {@code sortBy=updatedAt}, {@code sortOrder=asc}, then every filter of the
 * {@link ThreatFilter} in its wire spelling (lists comma-joined, e.g. {@code siteIds=1,2}; enums as the vendor spells
 * them; {@code updatedAt__gt} for the high-water mark), then {@code cursor} from the previous page's
 * {@code pagination.nextCursor}. Every value is URL-encoded; the cursor is an opaque token and goes back exactly as
 * received. Paging stops when {@code nextCursor} is null, absent, empty or the text {@code "null"} (all seen in
 * published samples). Only one page is held at a time.
 *
 * <p>Transport: Camel's http component through a {@link ProducerTemplate}, with the same {@link HttpAction}
 * plumbing as the Kamelet actions (all headers cleared, then method, path, {@code Accept} and the
 * {@code ApiToken} header only), so the engine's {@code camel.component.http.*} timeouts and its
 * no-redirect / no-automatic-retry settings apply; the endpoint also sets {@code followRedirects=false} and
 * {@code throwExceptionOnFailure=false}. The endpoint URI is the configured origin only; nothing from an answer or
 * a filter enters it (the query travels in the {@code CamelHttpRawQuery} header, built here).
 *
 * <p>Errors (each call): {@link VendorCallException} with the vendor's error envelope for a non-2xx answer (429
 * included: the caller decides when to retry), for a 200 whose
 * {@code errors} holds a non-empty item, with code {@code MALFORMED_RESPONSE} for a 200 that is empty, not JSON,
 * has no {@code data} array, or repeats the cursor it was given, and with code {@code CONNECTION_FAILURE} when no
 * answer came.
 *
 * <p>Pacing: the vendor allows 10 requests/s per token on {@code GET /threats} (design/vendor-facts.md, "Rate
 * limits") and answers 429 past that. Each call first waits on the {@link RequestPacer} it was given
 * ({@code sentinelone.rate-limit.threats-per-second}, default {@value #DEFAULT_THREATS_PER_SECOND}), so a fast
 * reader never exceeds the limit; share one pacer between readers that use the same token.
 */
public final class SentinelOneThreatsReader implements AutoCloseable {

    public static final String LIST_THREATS = "list-threats";
    public static final String THREATS_PATH = "/web/api/v2.1/threats";
    /** SentinelOne's published limit on {@code GET /threats}, requests per second per token. */
    public static final double DEFAULT_THREATS_PER_SECOND = 10;
    /** Query parameters this reader sets itself; a filter may not carry them. */
    public static final Set<String> RESERVED_PARAMETERS = Set.of("limit", "cursor", "sortBy", "sortOrder", "skip",
            "skipCount", "countOnly");

    private final CamelContext context;
    private final String baseUrl;
    private final String apiToken;
    private final HttpAction http;
    private final ObjectMapper mapper;
    private final RequestPacer pacer;
    private ProducerTemplate template;
    private ApiTokenAuth auth;

    /**
     * @param context  the running Camel context (its http component and properties are used)
     * @param baseUrl  the SentinelOne console origin, e.g. {@code https://usea1.sentinelone.net}, or a property
     *                 placeholder such as {@code {{sentinelone.base-url}}}; no query, no fragment
     * @param apiToken the API token, or a placeholder such as {@code {{sentinelone.api-token}}}; resolved on the first
     *                 call
     * @param mapper   the engine's JSON mapper
     * @throws IllegalArgumentException when {@code baseUrl} is blank or holds {@code ?} or {@code #}
     */
    public SentinelOneThreatsReader(CamelContext context, String baseUrl, String apiToken, ObjectMapper mapper) {
        this(context, baseUrl, apiToken, mapper, new RequestPacer(DEFAULT_THREATS_PER_SECOND));
    }

    /**
     * Like {@link #SentinelOneThreatsReader(CamelContext, String, String, ObjectMapper)}, with the pacer every call
     * waits on first.
     */
    public SentinelOneThreatsReader(CamelContext context, String baseUrl, String apiToken, ObjectMapper mapper,
                                    RequestPacer pacer) {
        if (baseUrl == null || baseUrl.isBlank() || baseUrl.contains("?") || baseUrl.contains("#")) {
            throw new IllegalArgumentException("the SentinelOne base URL must be an origin without query or fragment");
        }
        this.context = context;
        this.baseUrl = baseUrl.strip();
        this.apiToken = apiToken;
        this.mapper = mapper;
        this.http = new HttpAction(mapper);
        this.pacer = pacer;
    }

    /**
     * The pages, lazily: each {@link Iterator#next()} makes one call. Vendor failures surface from {@code next()}.
     */
    public Iterator<ThreatsPage> pages(ThreatsQuery query) {
        return new Pages(query);
    }

    /** The pages as a sequential, lazy stream (one call per page pulled). */
    public Stream<ThreatsPage> stream(ThreatsQuery query) {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(pages(query),
                Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    /**
     * Calls {@code onPage} with each page in order, until the last page; an exception from {@code onPage} stops the
     * reading and is thrown as is.
     *
     * @return the number of pages read
     */
    public int forEachPage(ThreatsQuery query, Consumer<ThreatsPage> onPage) {
        int pages = 0;
        for (Iterator<ThreatsPage> it = pages(query); it.hasNext(); ) {
            onPage.accept(it.next());
            pages++;
        }
        return pages;
    }

    /**
     * The raw (URL-encoded) query string of one call, e.g.
     * {@code limit=100&sortBy=updatedAt&sortOrder=asc&siteIds=1%202,3&updatedAt__gt=2024-05-01T10%3A00%3A00Z&cursor=abc}.
     *
     * @param cursor the previous page's {@code nextCursor}, or null for the first page
     * @throws IllegalArgumentException when a filter uses a reserved parameter, is an empty list, or is an object
     */
    public String queryString(ThreatsQuery query, String cursor) {
        List<String> parts = new ArrayList<>();
        parts.add("limit=" + query.limit());
        parts.add("sortBy=updatedAt");
        parts.add("sortOrder=asc");
        JsonNode filter = mapper.valueToTree(query.filter());
        for (Iterator<Map.Entry<String, JsonNode>> it = filter.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            if (RESERVED_PARAMETERS.contains(f.getKey())) {
                throw new IllegalArgumentException("SentinelOne threats filter '" + f.getKey()
                        + "' is set by the reader itself");
            }
            String value = parameterValue(f.getKey(), f.getValue());
            if (value != null) {
                parts.add(encode(f.getKey()) + "=" + value);
            }
        }
        if (cursor != null) {
            parts.add("cursor=" + encode(cursor));
        }
        return String.join("&", parts);
    }

    /** Stops the producer template, if one was made. */
    @Override
    public synchronized void close() {
        if (template != null) {
            template.stop();
            template = null;
        }
    }

    private ThreatsPage fetch(ThreatsQuery query, String cursor, int number) {
        String rawQuery = queryString(query, cursor);
        ApiTokenAuth authorization = auth();
        pacer.acquire();
        Exchange exchange = template().send(baseUrl + "?throwExceptionOnFailure=false&followRedirects=false", e -> {
            http.prepare(e, SentinelOneActions.VENDOR, LIST_THREATS, "GET", THREATS_PATH, null, List.of());
            e.getMessage().setHeader(Exchange.HTTP_RAW_QUERY, rawQuery);
            authorization.process(e);
        });
        if (exchange.getException() != null) {
            throw translate(exchange.getException());
        }
        HttpAction.Response r = http.read(exchange);
        if (!r.isSuccess()) {
            throw SentinelOneAnswers.failure(http, exchange, r);
        }
        JsonNode root = SentinelOneAnswers.successObject(http, exchange, r, "threats list");
        JsonNode data = root.get("data");
        if (data == null || !data.isArray()) {
            throw SentinelOneAnswers.malformed(http, exchange, r, "the threats list answer has no 'data' array");
        }
        JsonNode pagination = root.path("pagination");
        if (!pagination.isMissingNode() && !pagination.isNull() && !pagination.isObject()) {
            throw SentinelOneAnswers.malformed(http, exchange, r, "'pagination' of the threats list is not an object");
        }
        JsonNode next = pagination.path("nextCursor");
        if (next.isContainerNode()) {
            throw SentinelOneAnswers.malformed(http, exchange, r, "'pagination.nextCursor' is not text");
        }
        String nextCursor = next.isValueNode() && !next.isNull() ? next.asText().strip() : null;
        if (nextCursor != null && (nextCursor.isEmpty() || nextCursor.equals("null"))) {
            nextCursor = null;
        }
        if (nextCursor != null && nextCursor.equals(cursor)) {
            throw SentinelOneAnswers.malformed(http, exchange, r,
                    "the threats list returned the cursor it was given (page " + number + "); paging would not end");
        }
        JsonNode total = pagination.path("totalItems");
        List<JsonNode> threats = new ArrayList<>(data.size());
        data.forEach(threats::add);
        return new ThreatsPage(number, threats, nextCursor, total.canConvertToInt() && total.isIntegralNumber()
                ? total.intValue() : null);
    }

    private static String parameterValue(String key, JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isArray()) {
            if (value.isEmpty()) {
                throw new IllegalArgumentException("SentinelOne threats filter '" + key
                        + "' is an empty list; leave it out to not filter on it");
            }
            List<String> values = new ArrayList<>(value.size());
            for (JsonNode v : value) {
                if (!v.isValueNode() || v.isNull()) {
                    throw new IllegalArgumentException("SentinelOne threats filter '" + key
                            + "' must hold text, numbers or booleans");
                }
                values.add(encode(v.asText()));
            }
            return String.join(",", values);
        }
        if (!value.isValueNode()) {
            throw new IllegalArgumentException("SentinelOne threats filter '" + key + "' is not a value or a list");
        }
        return encode(value.asText());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static RuntimeException translate(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof IOException) {
                return new VendorCallException(SentinelOneActions.VENDOR, LIST_THREATS,
                        ProblemDetailsReader.connectionFailure(t));
            }
        }
        return failure instanceof RuntimeException re ? re
                : new IllegalStateException("SentinelOne threats call failed: " + failure.getMessage(), failure);
    }

    private synchronized ProducerTemplate template() {
        if (template == null) {
            template = context.createProducerTemplate();
        }
        return template;
    }

    private synchronized ApiTokenAuth auth() {
        if (auth == null) {
            auth = new ApiTokenAuth(apiToken == null ? null : context.resolvePropertyPlaceholders(apiToken));
        }
        return auth;
    }

    /** One call per {@link #next()}; ends after the page without a next cursor. */
    private final class Pages implements Iterator<ThreatsPage> {

        private final ThreatsQuery query;
        private String cursor;
        private int number;
        private boolean finished;

        Pages(ThreatsQuery query) {
            this.query = query;
            queryString(query, null); // fail on a bad filter before the first call
        }

        @Override
        public boolean hasNext() {
            return !finished;
        }

        @Override
        public ThreatsPage next() {
            if (finished) {
                throw new NoSuchElementException("no SentinelOne threats page after page " + number);
            }
            finished = true; // stays so if the call fails: a failed iterator does not call again
            ThreatsPage page = fetch(query, cursor, ++number);
            cursor = page.nextCursor();
            finished = page.isLast();
            return page;
        }
    }
}
