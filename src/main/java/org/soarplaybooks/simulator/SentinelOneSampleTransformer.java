package org.soarplaybooks.simulator;

import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder.responseDefinition;

/**
 * WireMock transformer {@code sentinelone-sample}: answers 200 {@code application/json} with a bundled real sample,
 * byte for byte, and an {@code X-RQID} request id. The {@code GET /web/api/v2.1/threats} page stubs use it so the
 * simulator serves the published SentinelOne answers without a second copy of them.
 *
 * <p>Transformer parameter {@code sample}: the path below the classpath folder {@code samples/}, e.g.
 * {@code sentinelone/threats-list-v2_1-demisto.json} (one folder level, plain file name).
 */
final class SentinelOneSampleTransformer implements ResponseDefinitionTransformerV2 {

    static final String NAME = "sentinelone-sample";
    private static final Map<String, byte[]> SAMPLES = new ConcurrentHashMap<>();

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
        String sample = serveEvent.getTransformerParameters().getString("sample");
        return responseDefinition().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withHeader("X-RQID", Problems.requestId())
                .withBody(SAMPLES.computeIfAbsent(sample, SentinelOneSampleTransformer::load))
                .build();
    }

    private static byte[] load(String sample) {
        if (sample == null || !sample.matches("[a-z0-9-]+/[A-Za-z0-9._-]+\\.json") || sample.contains("..")) {
            throw new IllegalArgumentException("sample must be <folder>/<file>.json below samples/: " + sample);
        }
        String resource = "samples/" + sample;
        try (InputStream in = SentinelOneSampleTransformer.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no classpath resource " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(resource, e);
        }
    }
}
