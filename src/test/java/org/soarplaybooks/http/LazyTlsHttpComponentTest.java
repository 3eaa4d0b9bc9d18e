package org.soarplaybooks.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.hc.client5.http.socket.ConnectionSocketFactory;
import org.apache.hc.client5.http.socket.PlainConnectionSocketFactory;
import org.apache.hc.client5.http.ssl.SSLConnectionSocketFactory;
import org.apache.hc.core5.http.config.Registry;
import org.apache.hc.core5.ssl.SSLContexts;
import org.junit.jupiter.api.Test;

/**
 * The http component's TLS set-up waits for the first HTTPS connection: an endpoint's registry holds plain HTTP as
 * Camel's does and, for HTTPS, a factory that makes Camel's own TLS socket factory once, on first use. Endpoints
 * with their own {@code sslContextParameters} keep Camel's eager set-up.
 */
class LazyTlsHttpComponentTest {

    @Test
    void theTlsSocketFactoryIsMadeOnTheFirstHttpsUseAndThenReused() throws Exception {
        AtomicInteger made = new AtomicInteger();
        LazyTlsHttpComponent.OnFirstUse tls = new LazyTlsHttpComponent.OnFirstUse(() -> {
            made.incrementAndGet();
            return new SSLConnectionSocketFactory(SSLContexts.createDefault());
        });
        assertThat(tls.isMade()).isFalse();
        assertThat(made).hasValue(0);

        try (Socket first = tls.createSocket(null); Socket second = tls.createSocket(null)) {
            assertThat(first).isNotNull();
            assertThat(second).isNotNull();
        }
        assertThat(tls.isMade()).isTrue();
        assertThat(made).hasValue(1);
        assertThat(tls.factory()).isSameAs(tls.factory());
    }

    @Test
    void endpointsGetPlainHttpAndALazyHttpsUnlessTheyBringTheirOwnTls() throws Exception {
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            LazyTlsHttpComponent component = new LazyTlsHttpComponent();
            component.setCamelContext(camel);

            Registry<ConnectionSocketFactory> lazy = component.createConnectionRegistry(null, null, false);
            assertThat(lazy.lookup("http")).isSameAs(PlainConnectionSocketFactory.getSocketFactory());
            assertThat(lazy.lookup("https")).isInstanceOf(LazyTlsHttpComponent.OnFirstUse.class);
            assertThat(((LazyTlsHttpComponent.OnFirstUse) lazy.lookup("https")).isMade()).isFalse();

            Registry<ConnectionSocketFactory> own = component.createConnectionRegistry(null,
                    new SSLContextParameters(), false);
            assertThat(own.lookup("https")).isInstanceOf(SSLConnectionSocketFactory.class);
        }
    }
}
