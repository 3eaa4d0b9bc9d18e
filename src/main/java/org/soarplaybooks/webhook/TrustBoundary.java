package org.soarplaybooks.webhook;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.Message;

/**
 * Where an HTTP request becomes a {@link Delivery}: the first step of every webhook route.
 *
 * <p>{@link #admit} reads the request once (method and path as the HTTP server parsed them from the request line,
 * {@code Content-Type}, the few headers the webhook's checks name, and the raw body bytes), then removes
 * <em>every</em> header from the message: {@code Camel*} headers in any spelling ({@code CAMELHTTPURI},
 * {@code camelHttpPath}, ...), query parameters the server turned into headers, {@code Authorization}, cookies,
 * {@code X-Forwarded-*}, everything. It also drops the exchange's charset property, which the server sets from
 * the caller's {@code Content-Type}. Nothing the caller sent can then steer a Camel component or reach a vendor
 * call; the answer is built from scratch ({@link WebhookAnswer}), so no inbound header is echoed back either.
 *
 * <p>Method and path are read from {@code CamelHttpMethod} / {@code CamelHttpPath} as platform-http sets them from
 * the request line after copying the request headers (its header map ignores case, so a forged header of that
 * name is overwritten, never read).
 */
public final class TrustBoundary {

    /** Exchange property holding the {@link Delivery} of the request. */
    public static final String DELIVERY = "soar.webhook.delivery";

    private static final String CONTENT_TYPE = "content-type";

    private TrustBoundary() {
    }

    /**
     * Reads the delivery, stores it as exchange property {@value #DELIVERY}, and clears every message header.
     *
     * @param wanted the request headers (any case) the webhook's checks need, e.g. {@code X-CF-Signature}
     * @return the delivery
     */
    public static Delivery admit(Exchange exchange, Collection<String> wanted) {
        Message m = exchange.getMessage();
        String method = m.getHeader(Exchange.HTTP_METHOD, String.class);
        String path = m.getHeader(Exchange.HTTP_PATH, String.class);
        Set<String> names = new HashSet<>();
        wanted.forEach(n -> names.add(n.toLowerCase(Locale.ROOT)));
        names.add(CONTENT_TYPE);
        // matched ignoring case whatever map holds the headers; values of the same name in several spellings add up
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (Map.Entry<String, Object> h : m.getHeaders().entrySet()) {
            String name = h.getKey().toLowerCase(Locale.ROOT);
            if (names.contains(name)) {
                headers.computeIfAbsent(name, k -> new ArrayList<>()).addAll(values(h.getValue()));
            }
        }
        List<String> contentTypes = headers.remove(CONTENT_TYPE);
        String contentType = contentTypes != null && contentTypes.size() == 1 ? contentTypes.get(0) : null;
        byte[] body = m.getBody(byte[].class);
        m.getHeaders().clear();
        m.setBody(null);
        exchange.removeProperty(ExchangePropertyKey.CHARSET_NAME);
        Delivery delivery = new Delivery(path, method == null ? "" : method, contentType, headers, body,
                Instant.now());
        exchange.setProperty(DELIVERY, delivery);
        return delivery;
    }

    /** The delivery {@link #admit} stored on the exchange, or null. */
    public static Delivery of(Exchange exchange) {
        return exchange.getProperty(DELIVERY, Delivery.class);
    }

    private static List<String> values(Object value) {
        List<String> out = new ArrayList<>();
        if (value instanceof Iterable<?> many) {
            for (Object o : many) {
                if (o != null) {
                    out.add(o.toString());
                }
            }
        } else if (value != null) {
            out.add(value.toString());
        }
        return out;
    }
}
