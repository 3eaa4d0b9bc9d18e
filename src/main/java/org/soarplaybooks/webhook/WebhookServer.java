package org.soarplaybooks.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.soarplaybooks.problem.ProblemDetails;

/**
 * The embedded HTTP server the webhooks run on (camel-platform-http-main, Vert.x; {@code camel.server.*}).
 *
 * <p>{@link #install} runs once the engine has started:
 * <ul>
 *   <li>It checks that the server really listens. When the port is taken, the Vert.x server only logs a warning
 *       and Camel starts without it; the engine must not run with its webhooks silently gone.</li>
 *   <li>It answers the failures the HTTP server itself raises on {@value #PATHS} before a route runs, mainly a
 *       body larger than {@code camel.server.maxBodySize} (413), as problem details
 *       ({@code application/problem+json}, code {@code PAYLOAD_TOO_LARGE}) instead of Vert.x's plain text, the
 *       same as the intake's own answers. Nothing of the request is echoed.</li>
 * </ul>
 * No CORS handler is installed and none may be ({@code camel.server} CORS stays off): webhooks are called by
 * servers, not browsers.
 */
public final class WebhookServer {

    /** The paths whose server failures are answered as problem details. */
    public static final String PATHS = "/webhooks/*";

    private static final Logger LOG = LoggerFactory.getLogger("soar.webhook");

    private WebhookServer() {
    }

    /**
     * Checks and completes the embedded server; does nothing when no route uses {@code platform-http} (no webhook
     * is loaded) or the server is not enabled ({@code camel.server.enabled}).
     *
     * @throws IllegalStateException naming host and port when a webhook route is loaded but the server does not
     *                               listen
     */
    public static void install(CamelContext context) {
        if (context.getRoutes().stream().noneMatch(r -> r.getEndpoint().getEndpointUri().startsWith("platform-http:"))) {
            return; // no webhook route loaded: nothing needs the server
        }
        long limit = maxBodySize(context);
        for (VertxPlatformHttpRouter router : List.copyOf(context.getRegistry()
                .findByType(VertxPlatformHttpRouter.class))) {
            if (!router.isMainServer()) {
                continue;
            }
            VertxPlatformHttpServer server = router.getServer();
            HttpServer http = server == null ? null : server.getServer();
            if (http == null || http.actualPort() <= 0 || !listening(http)) {
                throw new IllegalStateException("webhooks: the HTTP server cannot listen on "
                        + (server == null ? "its address" : server.getHost() + ":" + server.getConfigurationPort())
                        + " (is the port in use? set PLAYBOOKS_HTTP_PORT or PLAYBOOKS_HTTP_HOST)");
            }
            router.route(PATHS).failureHandler(ctx -> answerFailure(ctx, limit));
        }
    }

    /**
     * Whether Vert.x bound the server socket. Vert.x keeps the configured port in {@code actualPort()} even when the
     * bind failed; only its server implementation knows (checked with Vert.x 4.5); for another implementation this
     * says true and only the port is checked.
     */
    private static boolean listening(HttpServer http) {
        return !(http instanceof io.vertx.core.net.impl.TCPServerBase base) || base.isListening();
    }

    /** The port the webhook server listens on, or -1 when none runs (tests and log lines). */
    public static int port(CamelContext context) {
        for (VertxPlatformHttpRouter router : context.getRegistry().findByType(VertxPlatformHttpRouter.class)) {
            if (router.isMainServer() && router.getServer() != null && router.getServer().getServer() != null) {
                return router.getServer().getServer().actualPort();
            }
        }
        return -1;
    }

    private static void answerFailure(RoutingContext ctx, long limit) {
        HttpServerResponse response = ctx.response();
        if (response.headWritten() || response.ended() || response.closed()) {
            return;
        }
        int status = ctx.statusCode() >= 400 && ctx.statusCode() < 600 ? ctx.statusCode() : 500;
        String path = ctx.normalizedPath();
        LOG.warn("webhook {}: refused a {} delivery: {} (by the HTTP server, before the route)", path,
                ctx.request().method(), status);
        ProblemDetails problem = status == 413
                ? WebhookRejection.tooLarge(path, limit).problem()
                : new ProblemDetails("about:blank", status == 500 ? "Internal Server Error" : "Request refused",
                        status, status == 500 ? "the delivery could not be handled" : "the request was refused",
                        path, status == 500 ? "INTERNAL_ERROR" : "REFUSED", null, null, null, null);
        byte[] body;
        try {
            body = WebhookIntake.STRICT.writeValueAsBytes(problem);
        } catch (JsonProcessingException e) {
            body = new byte[0];
        }
        response.setStatusCode(status)
                .putHeader("Content-Type", WebhookAnswer.PROBLEM_JSON)
                .end(io.vertx.core.buffer.Buffer.buffer(body));
    }

    private static long maxBodySize(CamelContext context) {
        try {
            return Long.parseLong(context.resolvePropertyPlaceholders("{{camel.server.maxBodySize:-1}}").strip());
        } catch (RuntimeException e) {
            return -1;
        }
    }
}
