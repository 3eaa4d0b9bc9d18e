package org.soarplaybooks.bulk;

import static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder.responseDefinition;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.ConsoleNotifier;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A ContraForce bulk-update endpoint for tests that need to steer it: WireMock on loopback answering
 * {@code POST /api/v2/incidents/across-workspaces/bulk-update} either with a status (say 503) or, once
 * {@link #acceptAll()} is called, 200 with every item's id in {@code data.accepted}
 * (api-docs/contraforce-bulk-update-incidents-across-workspaces.md). Its request journal can be switched off, so a
 * long run keeps no request in memory; {@link #callsAccepted()} and {@link #itemsAccepted()} still count.
 */
final class ContraForceStandIn implements AutoCloseable {

    static final String PATH = "/api/v2/incidents/across-workspaces/bulk-update";

    private final WireMockServer server;
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicInteger itemsAccepted = new AtomicInteger();

    /** @param keepJournal keep WireMock's request journal (every request's body); false for big runs */
    ContraForceStandIn(boolean keepJournal) {
        WireMockConfiguration options = WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort()
                .notifier(new ConsoleNotifier(false)).extensions(new AcceptAll());
        if (!keepJournal) {
            options.disableRequestJournal();
        }
        server = new WireMockServer(options);
        server.start();
    }

    String baseUrl() {
        return server.baseUrl();
    }

    /** Every bulk call answers {@code status} with an empty body. */
    ContraForceStandIn answer(int status) {
        server.resetMappings();
        server.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(status)));
        return this;
    }

    /** Every bulk call answers 200 accepting every item. */
    ContraForceStandIn acceptAll() {
        server.resetMappings();
        server.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withTransformers(AcceptAll.NAME)));
        return this;
    }

    /** Calls accepted so far ({@link #acceptAll()} answers). */
    int callsAccepted() {
        return calls.get();
    }

    /** Items accepted so far. */
    int itemsAccepted() {
        return itemsAccepted.get();
    }

    /** Bodies of every call received, whatever the answer, oldest first (only when keeping the journal). */
    List<String> bodies() {
        List<String> out = new ArrayList<>();
        server.getAllServeEvents().forEach(e -> out.add(0, e.getRequest().getBodyAsString()));
        return out;
    }

    @Override
    public void close() {
        server.stop();
    }

    /** Reads the ids with the streaming parser (fast, no tree) and accepts them all. */
    private final class AcceptAll implements ResponseDefinitionTransformerV2 {

        static final String NAME = "accept-all-bulk-items";
        private final JsonFactory json = new JsonFactory();

        @Override
        public String getName() {
            return NAME;
        }

        @Override
        public boolean applyGlobally() {
            return false;
        }

        @Override
        public ResponseDefinition transform(ServeEvent event) {
            String body = event.getRequest().getBodyAsString();
            List<String> ids = new ArrayList<>();
            StringWriter out = new StringWriter();
            try (JsonParser p = json.createParser(body)) {
                for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                    // "id" members of the items (depth 3: root object, items array, item object)
                    if (t == JsonToken.FIELD_NAME && "id".equals(p.currentName())
                            && p.getParsingContext().getParent().inArray()) {
                        p.nextToken();
                        ids.add(p.getText());
                    }
                }
                try (JsonGenerator g = json.createGenerator(out)) {
                    g.writeStartObject();
                    g.writeObjectFieldStart("data");
                    g.writeArrayFieldStart("accepted");
                    for (String id : ids) {
                        g.writeString(id);
                    }
                    g.writeEndArray();
                    g.writeArrayFieldStart("forbidden");
                    g.writeEndArray();
                    g.writeEndObject();
                    g.writeObjectFieldStart("meta");
                    g.writeStringField("requestId", "stand-in-" + calls.get());
                    g.writeStringField("timestamp", "2026-11-21T20:00:00Z");
                    g.writeEndObject();
                    g.writeEndObject();
                }
            } catch (IOException e) {
                throw new UncheckedIOException("the bulk update body is not JSON", e);
            }
            calls.incrementAndGet();
            itemsAccepted.addAndGet(ids.size());
            return responseDefinition().withStatus(200).withHeader("Content-Type", "application/json")
                    .withBody(out.toString()).build();
        }
    }
}
