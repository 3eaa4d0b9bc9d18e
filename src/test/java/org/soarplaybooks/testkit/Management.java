package org.soarplaybooks.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;

/**
 * The engine's loopback management port over real HTTP: the port it really listens on (tests set
 * {@code camel.management.port=0}), GETs, and the samples of a Prometheus scrape.
 */
public final class Management {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** {@code name{labels} value}: one sample line of the Prometheus text format. */
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*})?\\s+(\\S+)$");

    private Management() {
    }

    /** The port the management server listens on. */
    public static int port(CamelContext context) {
        return context.getRegistry().findByType(VertxPlatformHttpRouter.class).stream()
                .filter(VertxPlatformHttpRouter::isManagementServer)
                .findFirst().orElseThrow(() -> new IllegalStateException("no management server"))
                .getServer().getServer().actualPort();
    }

    /** GET {@code http://127.0.0.1:<management port><path>}. */
    public static HttpResponse<String> get(CamelContext context, String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port(context) + path))
                .timeout(Duration.ofSeconds(10)).build();
        try {
            return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Scrapes {@code /observe/metrics}: every sample line as {@code name{labels}} (labels exactly as served) to its
     * value.
     *
     * @throws IllegalStateException when the answer is not 200
     */
    public static Map<String, Double> scrape(CamelContext context) {
        HttpResponse<String> r = get(context, "/observe/metrics");
        if (r.statusCode() != 200) {
            throw new IllegalStateException("GET /observe/metrics answered " + r.statusCode() + ": " + r.body());
        }
        Map<String, Double> samples = new LinkedHashMap<>();
        for (String line : r.body().split("\n")) {
            Matcher m = SAMPLE.matcher(line.strip());
            if (!line.startsWith("#") && m.matches()) {
                samples.put(m.group(1) + (m.group(2) == null ? "" : m.group(2)), Double.parseDouble(m.group(3)));
            }
        }
        return samples;
    }

    /** The sum of the samples of {@code name} whose labels include every given {@code label="value"}. */
    public static double sum(Map<String, Double> samples, String name, String... labels) {
        return samples.entrySet().stream()
                .filter(e -> e.getKey().equals(name) || e.getKey().startsWith(name + "{"))
                .filter(e -> {
                    for (String l : labels) {
                        if (!e.getKey().contains(l)) {
                            return false;
                        }
                    }
                    return true;
                })
                .mapToDouble(Map.Entry::getValue).sum();
    }
}
