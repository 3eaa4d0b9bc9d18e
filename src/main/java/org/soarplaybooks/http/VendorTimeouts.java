package org.soarplaybooks.http;

import org.apache.camel.component.http.HttpClientConfigurer;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.core5.util.Timeout;

/**
 * One vendor's HTTP client settings, applied to the camel-http endpoint of its Kamelet actions
 * ({@code httpClientConfigurer}): explicit connect and response timeouts in milliseconds (defaults 5000 and
 * 30000; {@code <vendor>.connect-timeout} / {@code <vendor>.response-timeout}), no automatic retries (the
 * error handler decides, and HttpClient must not sleep out a {@code Retry-After} inside the call: CAMEL-23345),
 * and no redirects (calls carry credentials). camel-http calls this after setting its own request config, so
 * these values win.
 */
public class VendorTimeouts implements HttpClientConfigurer {

    private long connectTimeout = 5000;
    private long responseTimeout = 30_000;

    @Override
    @SuppressWarnings("deprecation") // RequestConfig#setConnectTimeout: still honoured per request in HttpClient 5
    public void configureHttpClient(HttpClientBuilder builder) {
        builder.setDefaultRequestConfig(RequestConfig.custom()
                .setConnectTimeout(Timeout.ofMilliseconds(connectTimeout))
                .setConnectionRequestTimeout(Timeout.ofMilliseconds(connectTimeout))
                .setResponseTimeout(Timeout.ofMilliseconds(responseTimeout))
                .setRedirectsEnabled(false)
                .build());
        builder.disableAutomaticRetries();
        builder.disableRedirectHandling();
    }

    /** Milliseconds to establish a connection (and to lease one from the pool); at least 1. */
    public void setConnectTimeout(long connectTimeout) {
        this.connectTimeout = Math.max(1, connectTimeout);
    }

    /** Milliseconds to wait for the vendor's answer; at least 1. */
    public void setResponseTimeout(long responseTimeout) {
        this.responseTimeout = Math.max(1, responseTimeout);
    }

    public long getConnectTimeout() {
        return connectTimeout;
    }

    public long getResponseTimeout() {
        return responseTimeout;
    }
}
