package org.soarplaybooks.http;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Sets {@code Authorization: ApiToken <token>} on a vendor call: SentinelOne Management API tokens
 * (design/vendor-facts.md, "SentinelOne Management API v2.1", Auth: the vendor's Go SDK {@code authHeaderPrefix =
 * "ApiToken "}). Tokens are generated in the console (My User → API Token Operations) or for service users.
 *
 * <p>Used as the {@code auth} bean of the SentinelOne Kamelets (property {@code apiToken}) and by
 * {@code vendor.sentinelone.SentinelOneThreatsReader}. The token never appears in {@link #toString()}.
 */
public class ApiTokenAuth implements Processor {

    /** The scheme word SentinelOne expects before the token. */
    public static final String SCHEME = "ApiToken";

    private String apiToken;

    public ApiTokenAuth() {
    }

    public ApiTokenAuth(String apiToken) {
        setApiToken(apiToken);
    }

    /**
     * The header value, {@code ApiToken <token>}.
     *
     * @throws IllegalStateException when the token is not set (empty), naming the setting, never the value
     */
    public String headerValue() {
        if (apiToken == null || apiToken.isEmpty()) {
            throw new IllegalStateException("SentinelOne API token is not set (apiToken, sentinelone.api-token, "
                    + "environment SENTINELONE_API_TOKEN)");
        }
        return SCHEME + " " + apiToken;
    }

    @Override
    public void process(Exchange exchange) {
        exchange.getMessage().setHeader("Authorization", headerValue());
    }

    /**
     * @param apiToken the token; surrounding blanks are dropped
     * @throws IllegalArgumentException when it holds a line break or another control character (it would split the
     *                                  header)
     */
    public void setApiToken(String apiToken) {
        String t = apiToken == null ? null : apiToken.strip();
        if (t != null && t.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("the SentinelOne API token holds a control character");
        }
        this.apiToken = t;
    }

    @Override
    public String toString() {
        return "ApiTokenAuth[apiToken=" + (apiToken == null || apiToken.isEmpty() ? "(not set)" : "***") + "]";
    }
}
