package org.soarplaybooks.webhook;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One webhook delivery as the trust boundary ({@link TrustBoundary#admit}) read it, before any check: nothing
 * else of the HTTP request is kept.
 *
 * @param path        the request path, e.g. {@code /webhooks/contraforce}
 * @param method      the HTTP method of the request line, e.g. {@code POST}
 * @param contentType the {@code Content-Type} header as sent, or null
 * @param headers     only the headers the webhook's checks need (names in lower case), every value the request
 *                    carried for each (a header sent twice has two values)
 * @param body        the raw body bytes exactly as received (what the signature covers); empty, never null
 * @param receivedAt  when the delivery was admitted (UTC)
 */
public record Delivery(String path, String method, String contentType, Map<String, List<String>> headers,
                       byte[] body, Instant receivedAt) {

    public Delivery {
        headers = Map.copyOf(headers);
        body = body == null ? new byte[0] : body;
    }

    /**
     * The one value of a header (name in any case); empty when the header is absent or was sent more than once
     * (an ambiguous security header counts as missing).
     */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.size() != 1 ? Optional.empty() : Optional.ofNullable(values.get(0));
    }

    /** Without header values or the body: signatures and bearer secrets never reach a log line. */
    @Override
    public String toString() {
        return "Delivery[" + method + " " + path + ", " + body.length + " bytes, headers " + headers.keySet() + "]";
    }
}
