package org.soarplaybooks.bench;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.main.Main;

/**
 * The baseline of the webhook benchmark (bench/run.sh): {@code POST /webhooks/contraforce} with a ContraForce
 * incident event {@code {"type", "data": {"workspaceId", "incidentId", ...}}} is parsed with Jackson and becomes
 * one {@code PUT /api/v2/workspaces/{workspaceId}/incidents/SentinelOne/{incidentId}/status} with
 * {@code {"status": "Active", "comment": ...}} to {@code bench.vendor-url}; the answer is {@code 202
 * {"accepted": true}} once the vendor answered. No signature check, no dedupe, no queue, no audit: the least
 * a Camel route can do for the same delivery.
 *
 * <p>Settings (system properties or {@code application.properties}): {@code camel.server.port} (the webhook
 * port), {@code bench.vendor-url} (the stub's origin, e.g. {@code http://127.0.0.1:18480}).
 */
public final class BareCamel {

    private BareCamel() {
    }

    public static void main(String[] args) throws Exception {
        Main main = new Main();
        main.configure().addRoutesBuilder(new RouteBuilder() {
            @Override
            public void configure() {
                from("platform-http:/webhooks/contraforce?httpMethodRestrict=POST")
                        .routeId("bare-webhook")
                        .unmarshal().json(JsonNode.class)
                        .process(e -> {
                            JsonNode data = e.getMessage().getBody(JsonNode.class).path("data");
                            e.getMessage().removeHeaders("*");
                            e.getMessage().setHeader(Exchange.HTTP_METHOD, "PUT");
                            e.getMessage().setHeader(Exchange.HTTP_PATH, "/api/v2/workspaces/"
                                    + data.path("workspaceId").asText() + "/incidents/SentinelOne/"
                                    + data.path("incidentId").asText() + "/status");
                            e.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
                            e.getMessage().setBody("{\"status\":\"Active\",\"comment\":\"Triaged by bare Camel\"}");
                        })
                        .to("{{bench.vendor-url}}")
                        .process(e -> {
                            e.getMessage().removeHeaders("*");
                            e.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 202);
                            e.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
                            e.getMessage().setBody("{\"accepted\":true}");
                        });
            }
        });
        main.run(args);
    }
}
