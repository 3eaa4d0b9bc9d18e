package org.soarplaybooks.http;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.util.function.Supplier;
import javax.net.ssl.HostnameVerifier;
import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.hc.client5.http.socket.ConnectionSocketFactory;
import org.apache.hc.client5.http.socket.LayeredConnectionSocketFactory;
import org.apache.hc.client5.http.socket.PlainConnectionSocketFactory;
import org.apache.hc.client5.http.ssl.SSLConnectionSocketFactory;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.config.Registry;
import org.apache.hc.core5.http.config.RegistryBuilder;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.ssl.SSLContexts;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * Camel's http component (bound as {@code http} and {@code https}), except that each endpoint's default TLS set-up
 * is made on its first HTTPS connection instead of when the endpoint is created.
 *
 * <p>Camel's component builds an {@link SSLConnectionSocketFactory} (an {@code SSLContext}, which reads the JDK's
 * trusted certificates) for every endpoint it creates, at start, also for endpoints that only ever call over plain
 * HTTP and before any call: about a tenth of the engine's start-up CPU. Here the same factory, made from the same
 * default context ({@code SSLContexts.createDefault()}, or the system default when Camel asks for system properties)
 * with the same hostname verifier, is made by the first connection that needs it and then reused. TLS itself is
 * unchanged. Endpoints with their own {@code sslContextParameters} (or the global ones) get Camel's own eager set-up,
 * so a broken TLS configuration still fails the start.
 */
public class LazyTlsHttpComponent extends HttpComponent {

    @Override
    protected Registry<ConnectionSocketFactory> createConnectionRegistry(HostnameVerifier hostnameVerifier,
            SSLContextParameters sslContextParams, boolean useSystemProperties)
            throws GeneralSecurityException, IOException {
        if (sslContextParams != null) {
            return super.createConnectionRegistry(hostnameVerifier, sslContextParams, useSystemProperties);
        }
        return RegistryBuilder.<ConnectionSocketFactory>create()
                .register("http", PlainConnectionSocketFactory.getSocketFactory())
                .register("https", new OnFirstUse(() -> new SSLConnectionSocketFactory(
                        useSystemProperties ? SSLContexts.createSystemDefault() : SSLContexts.createDefault(),
                        hostnameVerifier)))
                .build();
    }

    /** A TLS socket factory made by the first call that needs it; every method is the made factory's. */
    static final class OnFirstUse implements LayeredConnectionSocketFactory {

        private final Supplier<SSLConnectionSocketFactory> make;
        private volatile SSLConnectionSocketFactory made;

        OnFirstUse(Supplier<SSLConnectionSocketFactory> make) {
            this.make = make;
        }

        /** The factory, made on the first call (at most once, also when called from several threads). */
        SSLConnectionSocketFactory factory() {
            SSLConnectionSocketFactory f = made;
            if (f == null) {
                synchronized (this) {
                    f = made;
                    if (f == null) {
                        f = make.get();
                        made = f;
                    }
                }
            }
            return f;
        }

        /** Whether the first call came yet (tests). */
        boolean isMade() {
            return made != null;
        }

        @Override
        public Socket createSocket(HttpContext context) throws IOException {
            return factory().createSocket(context);
        }

        @Override
        public Socket createSocket(Proxy proxy, HttpContext context) throws IOException {
            return factory().createSocket(proxy, context);
        }

        @Override
        public Socket connectSocket(TimeValue connectTimeout, Socket socket, HttpHost host,
                InetSocketAddress remoteAddress, InetSocketAddress localAddress, HttpContext context)
                throws IOException {
            return factory().connectSocket(connectTimeout, socket, host, remoteAddress, localAddress, context);
        }

        @Override
        public Socket connectSocket(Socket socket, HttpHost host, InetSocketAddress remoteAddress,
                InetSocketAddress localAddress, Timeout connectTimeout, Object attachment, HttpContext context)
                throws IOException {
            return factory().connectSocket(socket, host, remoteAddress, localAddress, connectTimeout, attachment,
                    context);
        }

        @Override
        public Socket createLayeredSocket(Socket socket, String target, int port, HttpContext context)
                throws IOException {
            return factory().createLayeredSocket(socket, target, port, context);
        }

        @Override
        public Socket createLayeredSocket(Socket socket, String target, int port, Object attachment,
                HttpContext context) throws IOException {
            return factory().createLayeredSocket(socket, target, port, attachment, context);
        }
    }
}
