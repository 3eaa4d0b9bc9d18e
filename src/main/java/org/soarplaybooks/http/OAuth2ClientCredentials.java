package org.soarplaybooks.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.soarplaybooks.dryrun.DryRun;
import org.soarplaybooks.outcome.ActionContext;
import org.soarplaybooks.problem.ProblemDetails;
import org.soarplaybooks.problem.VendorCallException;

/**
 * Sets {@code Authorization: Bearer <access_token>} on a vendor call, with an access token from the OAuth 2.0
 * client-credentials grant (RFC 6749 §4.4), cached until shortly before it expires.
 *
 * <p>Used by the OneTrust and Adversarial Kamelets as the template bean {@code auth}:
 * <ul>
 *   <li>OneTrust: token URL {@code https://{hostname}/api/access/v1/oauth/token} (security scheme {@code OAUTH2},
 *       api-specs/onetrust-incident-management-update-incident.fragment.json).</li>
 *   <li>Adversarial: {@code POST https://api.adversarial.com/api/v1/oauth/token}, answer
 *       {@code {"access_token", "refresh_token", "token_type": "Bearer", "expires_in": 900}}
 *       (vendor-facts.md §1, guide "API Access").</li>
 * </ul>
 *
 * <p><b>Token request.</b> {@code POST <tokenUrl>}, {@code Content-Type: application/x-www-form-urlencoded},
 * body {@code grant_type=client_credentials&client_id=<id>&client_secret=<secret>} (each value percent-encoded).
 * The answer must be 2xx JSON with a non-blank {@code access_token}; {@code token_type}, when present, must be
 * {@code Bearer}; {@code expires_in} (seconds, number or numeric string) sets the lifetime, default
 * {@value #DEFAULT_LIFETIME_SECONDS} s when absent. The token is used until {@code expires_in} minus the refresh
 * margin (default 60 s, at most half the lifetime). The {@code refresh_token} Adversarial also returns is not
 * used: asking again with the client credentials is always allowed and needs no second code path.
 *
 * <p><b>Refused token.</b> The Kamelet calls {@link #tokenRejected(Exchange)} when the API answers 401: the token
 * this exchange carried is dropped (only if it is still the cached one, so concurrent exchanges do not drop a
 * token another one just fetched), the same request is prepared again, {@link #process} fetches a new token, and
 * the call is sent once more; a second 401 is read as a failure like any other status.
 *
 * <p><b>Cache.</b> Shared by every instance in the JVM (each Kamelet use creates its own instance), keyed by
 * token URL + client id + SHA-256 of the client secret, so two configurations never share a token unless they
 * use the same credentials at the same token endpoint. Thread-safe: callers of one key wait for one token
 * request instead of each sending their own.
 *
 * <p><b>Failures.</b> Missing configuration, no answer from the token endpoint, a non-2xx answer or an unreadable
 * answer throw {@link VendorCallException} with {@link ProblemDetails} code {@value #TOKEN_REQUEST_FAILED}:
 * {@code status} is the token endpoint's HTTP status (null when there was no answer), {@code detail} says what went
 * wrong (at most {@value #MAX_DETAIL_CHARS} characters of a non-2xx body, the client secret replaced by
 * {@code ***}). Vendor and operation are those of the action on the exchange ({@link ActionContext}).
 *
 * <p><b>Secrets.</b> Neither the client secret nor any access token appears in logs, exceptions, exchange
 * properties or {@link #toString()}; the exchange only carries the token's generation number
 * ({@value #TOKEN_GENERATION}).
 *
 * <p><b>Why not camel-http's {@code oauth2*} endpoint options</b> (checked in camel-http 4.18.0,
 * {@code OAuth2ClientConfigurer}): its cache is a private static map with no way to drop a token, so a 401 cannot
 * trigger a refresh; the cache key is the <em>API request URI</em> + client id + secret, not the token endpoint
 * (CVE-2026-85317, and every OneTrust incident path would fetch its own token); the body-authentication form
 * concatenates client id and secret without percent-encoding; and a token endpoint failure surfaces as an
 * {@code IOException} inside the API call, indistinguishable from a connection fault. The token request itself
 * uses the JDK's {@link HttpClient} (explicit connect and response timeouts, redirects never followed, HTTP/1.1).
 */
public class OAuth2ClientCredentials implements Processor {

    /** Problem details code of every token failure. */
    public static final String TOKEN_REQUEST_FAILED = "TOKEN_REQUEST_FAILED";
    /** Exchange property holding the generation number (not the value) of the token set on the exchange. */
    public static final String TOKEN_GENERATION = "soar.oauth2.tokenGeneration";
    /** Lifetime assumed when the token answer has no {@code expires_in}, in seconds. */
    public static final long DEFAULT_LIFETIME_SECONDS = 300;
    /** The most characters of a token endpoint's error body kept in the problem's {@code detail}. */
    public static final int MAX_DETAIL_CHARS = 512;

    private static final Logger LOG = LoggerFactory.getLogger(OAuth2ClientCredentials.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ConcurrentMap<CacheKey, Slot> TOKENS = new ConcurrentHashMap<>();
    private static final AtomicLong GENERATIONS = new AtomicLong();

    private String tokenUrl;
    private String clientId;
    private String clientSecret;
    private long connectTimeoutMillis = 5_000;
    private long responseTimeoutMillis = 30_000;
    private long refreshMarginSeconds = 60;
    private Clock clock = Clock.systemUTC();
    private volatile HttpClient client;

    public OAuth2ClientCredentials() {
    }

    /**
     * @param tokenUrl     absolute {@code http(s)} URL of the token endpoint
     * @param clientId     the OAuth2 client id
     * @param clientSecret the OAuth2 client secret
     */
    public OAuth2ClientCredentials(String tokenUrl, String clientId, String clientSecret) {
        this.tokenUrl = tokenUrl;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
    }

    /**
     * Sets {@code Authorization: Bearer <token>} (cached, or fetched now) and records the token's generation in
     * the exchange property {@value #TOKEN_GENERATION}. In a dry run ({@link DryRun#active}) no token is requested.
     *
     * @throws VendorCallException code {@value #TOKEN_REQUEST_FAILED} when no token can be had
     */
    @Override
    public void process(Exchange exchange) {
        if (DryRun.active(exchange)) {
            // a dry run sends nothing, token requests included
            exchange.getMessage().setHeader("Authorization", "Bearer (dry run: no token requested)");
            return;
        }
        Token token = token(exchange.getProperty(ActionContext.VENDOR, String.class),
                exchange.getProperty(ActionContext.OPERATION, String.class));
        exchange.getMessage().setHeader("Authorization", "Bearer " + token.value());
        exchange.setProperty(TOKEN_GENERATION, token.generation());
    }

    /**
     * The API refused the token this exchange carried (HTTP 401): drops it from the cache if it is still the
     * cached one, so the next {@link #process} fetches a new token. Does nothing when the exchange carried none.
     */
    public void tokenRejected(Exchange exchange) {
        Long generation = exchange.getProperty(TOKEN_GENERATION, Long.class);
        if (generation != null) {
            slot().evict(generation);
        }
    }

    /** Drops the cached token of this token URL and client, whatever it is; the next call fetches a new one. */
    public void invalidate() {
        slot().evict(null);
    }

    /**
     * Drops every cached token of every client in the JVM, so each client's next call fetches a new one (after
     * credentials were revoked at the vendor; tests use it to start from an empty cache).
     */
    public static void forgetAllTokens() {
        TOKENS.values().forEach(slot -> slot.evict(null));
    }

    Token token(String vendor, String operation) {
        String missing = tokenUrl == null || tokenUrl.isBlank() ? "tokenUrl"
                : clientId == null || clientId.isBlank() ? "clientId"
                : clientSecret == null || clientSecret.isBlank() ? "clientSecret" : null;
        if (missing != null) {
            throw failure(vendor, operation, null, "the OAuth2 " + missing + " is not set");
        }
        return slot().get(this, vendor, operation);
    }

    private Slot slot() {
        return TOKENS.computeIfAbsent(new CacheKey(tokenUrl, clientId, sha256(clientSecret)), k -> new Slot());
    }

    /** Sends the token request; called with the slot's lock held. */
    private Token fetch(String vendor, String operation) {
        URI uri;
        try {
            uri = URI.create(tokenUrl);
        } catch (IllegalArgumentException e) {
            throw failure(vendor, operation, null, "the OAuth2 tokenUrl is not a URL");
        }
        if (!uri.isAbsolute() || !("https".equalsIgnoreCase(uri.getScheme())
                || "http".equalsIgnoreCase(uri.getScheme()))) {
            throw failure(vendor, operation, null, "the OAuth2 tokenUrl must be an absolute http(s) URL");
        }
        String form = "grant_type=client_credentials&client_id=" + formValue(clientId)
                + "&client_secret=" + formValue(clientSecret);
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofMillis(responseTimeoutMillis))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8))
                .build();
        HttpResponse<String> response;
        try {
            response = client().send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw failure(vendor, operation, null, "no answer from the token endpoint: "
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + redact(e.getMessage())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure(vendor, operation, null, "interrupted while waiting for the token endpoint");
        }
        int status = response.statusCode();
        String body = response.body() == null ? "" : response.body();
        if (status < 200 || status > 299) {
            throw failure(vendor, operation, status, "the token endpoint answered HTTP " + status
                    + (body.isBlank() ? " with no body" : ": " + cap(redact(body))));
        }
        JsonNode answer;
        try {
            answer = JSON.readTree(body);
        } catch (IOException e) {
            answer = null;
        }
        if (answer == null || !answer.isObject()) {
            throw failure(vendor, operation, status, "the token answer is not a JSON object");
        }
        JsonNode accessToken = answer.get("access_token");
        if (accessToken == null || !accessToken.isTextual() || accessToken.asText().isBlank()) {
            throw failure(vendor, operation, status, "the token answer has no access_token");
        }
        JsonNode tokenType = answer.get("token_type");
        if (tokenType != null && !tokenType.isNull() && !"bearer".equals(tokenType.asText().toLowerCase(Locale.ROOT))) {
            throw failure(vendor, operation, status, "the token answer's token_type is '" + cap(tokenType.asText())
                    + "', not Bearer");
        }
        long lifetime = lifetimeSeconds(answer.get("expires_in"));
        long margin = Math.min(refreshMarginSeconds, lifetime / 2);
        Instant refreshAt = clock.instant().plusSeconds(lifetime - margin);
        Token token = new Token(accessToken.asText(), refreshAt, GENERATIONS.incrementAndGet());
        LOG.debug("OAuth2 token for client {} from {}: valid {} s, used until {}", clientId, tokenUrl, lifetime,
                refreshAt);
        return token;
    }

    private static long lifetimeSeconds(JsonNode expiresIn) {
        if (expiresIn == null || expiresIn.isNull()) {
            return DEFAULT_LIFETIME_SECONDS;
        }
        long seconds;
        if (expiresIn.isNumber()) {
            seconds = expiresIn.asLong();
        } else {
            try {
                seconds = Long.parseLong(expiresIn.asText().trim());
            } catch (NumberFormatException e) {
                return DEFAULT_LIFETIME_SECONDS;
            }
        }
        return seconds > 0 ? seconds : DEFAULT_LIFETIME_SECONDS;
    }

    private HttpClient client() {
        HttpClient c = client;
        if (c == null) {
            synchronized (this) {
                c = client;
                if (c == null) {
                    c = HttpClient.newBuilder()
                            .connectTimeout(Duration.ofMillis(connectTimeoutMillis))
                            .followRedirects(HttpClient.Redirect.NEVER)
                            .version(HttpClient.Version.HTTP_1_1)
                            .build();
                    client = c;
                }
            }
        }
        return c;
    }

    private VendorCallException failure(String vendor, String operation, Integer status, String detail) {
        return new VendorCallException(vendor == null ? "OAuth2" : vendor, operation == null ? "token" : operation,
                ProblemDetails.of(status, TOKEN_REQUEST_FAILED, "The OAuth2 token request failed",
                        detail + " (token URL " + tokenUrl + ", client " + clientId + ")"));
    }

    private String redact(String text) {
        if (clientSecret == null || clientSecret.isEmpty()) {
            return text;
        }
        return text.replace(clientSecret, "***").replace(formValue(clientSecret), "***");
    }

    private static String cap(String s) {
        return s.length() <= MAX_DETAIL_CHARS ? s : s.substring(0, MAX_DETAIL_CHARS) + "…(cut)";
    }

    private static String formValue(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String sha256(String value) {
        if (value == null) {
            return "";
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /** Absolute URL of the token endpoint, e.g. {@code https://api.adversarial.com/api/v1/oauth/token}. */
    public void setTokenUrl(String tokenUrl) {
        this.tokenUrl = tokenUrl;
    }

    public String getTokenUrl() {
        return tokenUrl;
    }

    public void setClientId(String clientId) {
        this.clientId = clientId;
    }

    public String getClientId() {
        return clientId;
    }

    public void setClientSecret(String clientSecret) {
        this.clientSecret = clientSecret;
    }

    /** Connect timeout of the token request in milliseconds (default 5000). */
    public void setConnectTimeoutMillis(long connectTimeoutMillis) {
        this.connectTimeoutMillis = connectTimeoutMillis;
    }

    /** Time allowed for the token endpoint's answer in milliseconds (default 30000). */
    public void setResponseTimeoutMillis(long responseTimeoutMillis) {
        this.responseTimeoutMillis = responseTimeoutMillis;
    }

    /** How long before {@code expires_in} a token is replaced, in seconds (default 60; capped at half the lifetime). */
    public void setRefreshMarginSeconds(long refreshMarginSeconds) {
        this.refreshMarginSeconds = Math.max(0, refreshMarginSeconds);
    }

    /** The clock deciding when a token is due (tests move it). */
    void setClock(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String toString() {
        return "OAuth2ClientCredentials[tokenUrl=" + tokenUrl + ", clientId=" + clientId + ", clientSecret=***]";
    }

    /** A cached access token; its value never appears in {@link #toString()}. */
    record Token(String value, Instant refreshAt, long generation) {
        @Override
        public String toString() {
            return "Token[value=***, refreshAt=" + refreshAt + ", generation=" + generation + "]";
        }
    }

    private record CacheKey(String tokenUrl, String clientId, String secretSha256) {
        @Override
        public String toString() {
            return "CacheKey[" + tokenUrl + ", " + clientId + "]";
        }
    }

    /** The token of one key; the lock makes concurrent callers wait for one token request. */
    private static final class Slot {
        private Token token;

        synchronized Token get(OAuth2ClientCredentials owner, String vendor, String operation) {
            if (token == null || !owner.clock.instant().isBefore(token.refreshAt())) {
                token = null;
                token = owner.fetch(vendor, operation);
            }
            return token;
        }

        synchronized void evict(Long generation) {
            if (token != null && (generation == null || token.generation() == generation)) {
                token = null;
            }
        }
    }
}
