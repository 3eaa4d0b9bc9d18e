package org.soarplaybooks.runtime.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.soarplaybooks.testkit.PlaybookHarness.json;
import static org.soarplaybooks.webhook.WebhookClient.contraForceHeaders;
import static org.soarplaybooks.webhook.WebhookClient.createdEvent;
import static org.soarplaybooks.webhook.WebhookClient.now;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.soarplaybooks.engine.StartupException;
import org.soarplaybooks.playbook.SentinelIncidentSyncTest;
import org.soarplaybooks.testkit.ArtemisDistribution;
import org.soarplaybooks.testkit.Management;
import org.soarplaybooks.testkit.PlaybookHarness;
import org.soarplaybooks.webhook.WebhookClient;

/**
 * {@code PLAYBOOKS_BROKER_URL}: the engine uses a real, separate Artemis broker (the distribution, its own process,
 * login required) instead of starting its own. While that broker is down the engine still starts: readiness is
 * DOWN with the reason, the webhook answers 503 problem details, an inbox file waits in the inbox; once the broker is
 * up everything goes on by itself, and again after the broker was killed and restarted (it still refuses an event id
 * it took before). A wrong password stops the start with a line that names the broker, never the
 * password.
 */
class ExternalBrokerIT {

    static final String WORKSPACE = "6eca6a1f-2b3c-4d5e-8f90-a1b2c3d4e5f6";
    static final String CF_SECRET = WebhookClient.CF_SECRET;

    @Test
    void theEngineWaitsForADownBrokerThenUsesItAndAWrongPasswordStopsTheStart(@TempDir Path tmp) {
        String password = "pw-" + Long.toHexString(System.nanoTime()) + "-broker";
        try (ArtemisDistribution broker = ArtemisDistribution.create(tmp.resolve("broker"), "soar", password)) {
            int port = PlaybookHarness.freePort();
            Map<String, String> props = new HashMap<>(Map.of(
                    "playbooks.broker.url", broker.url(),
                    "playbooks.broker.user", broker.user(),
                    "playbooks.broker.password", broker.password(),
                    "camel.server.port", String.valueOf(port),
                    "contraforce.webhook.secret", CF_SECRET));
            Path data = tmp.resolve("data");
            try (PlaybookHarness h = PlaybookHarness.start(data, Path.of("config"), props)) {
                var ctx = h.engine().context();
                assertThat(data.resolve("broker")).as("no embedded broker").doesNotExist();

                // the broker is down: readiness says so, the webhook answers 503, an inbox file waits
                HttpResponse<String> refused = post(port, "evt_external_1", "123456");
                assertThat(refused.statusCode()).isEqualTo(503);
                assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
                await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
                        .until(() -> Management.get(ctx, "/observe/health/ready").statusCode() == 503);
                String ready = Management.get(ctx, "/observe/health/ready").body();
                assertThat(ready).doesNotContain(password);
                assertThat(json(ready).path("checks")).filteredOn(c -> c.path("name").asText().equals("queue"))
                        .singleElement().satisfies(c -> assertThat(c.path("message").asText()
                                .replace("\\/", "/")) // camel-health writes a / as \/ inside its JSON strings
                                .startsWith("cannot reach the broker at " + broker.url()));
                Path waiting = h.drop("sentinel", "waiting.json", SentinelIncidentSyncTest.incident("880100",
                        "sentinel", "Closed"));

                // the broker comes up: the engine takes to it by itself
                broker.start();
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                        .until(() -> Management.get(ctx, "/observe/health/ready").statusCode() == 200);
                h.awaitDone(waiting);
                assertThat(post(port, "evt_external_1", "123456").statusCode()).isEqualTo(202);
                assertThat(post(port, "evt_external_1", "123456")).satisfies(r -> {
                    assertThat(r.statusCode()).isEqualTo(200);
                    assertThat(json(r.body()).path("duplicate").asBoolean()).isTrue();
                });
                await().atMost(Duration.ofSeconds(20)).until(h::quiet);
                assertThat(h.requests()).extracting(r -> r.getUrl() + " " + r.getBodyAsString())
                        .anyMatch(u -> u.contains("/incidents/Sentinel/880100/status"))
                        .anyMatch(u -> u.contains("123456"));
                assertThat(h.deadLetters()).isEmpty();

                // the broker crashes (kill -9) and comes back: the engine waits, then goes on; the broker still
                // remembers the delivered event id
                broker.kill();
                await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
                        .until(() -> Management.get(ctx, "/observe/health/ready").statusCode() == 503);
                assertThat(post(port, "evt_external_2", "123456").statusCode()).isEqualTo(503);
                Path later = h.drop("sentinel", "later.json", SentinelIncidentSyncTest.incident("880101",
                        "sentinel", "Closed"));
                broker.start();
                h.awaitDone(later);
                assertThat(post(port, "evt_external_1", "123456").statusCode()).as("seen before the crash")
                        .isEqualTo(200);
                assertThat(h.requests()).extracting(r -> r.getUrl())
                        .anyMatch(u -> u.contains("/incidents/Sentinel/880101/status"));
                assertThat(h.deadLetters()).isEmpty();
            }

            // a wrong password: the start stops, naming the broker and the settings, not the password
            props.put("playbooks.broker.password", "not-" + password);
            assertThatThrownBy(() -> PlaybookHarness.start(tmp.resolve("data2"), Path.of("config"), props))
                    .isInstanceOf(StartupException.class)
                    .hasMessageContaining(broker.url()).hasMessageContaining("PLAYBOOKS_BROKER_PASSWORD")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain(password));
        }
    }

    static HttpResponse<String> post(int port, String eventId, String threatId) {
        String body = createdEvent("sentinelone", threatId, WORKSPACE);
        return new WebhookClient(port).post("/webhooks/contraforce", contraForceHeaders(eventId, now(), body), body);
    }
}
