package org.soarplaybooks.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.soarplaybooks.contract.ContractCheck;
import org.soarplaybooks.engine.PlaybookBeans;

/**
 * The intake's parts without a server: the event-id ledger on real files, content-type rules, feeds, and the two
 * webhook schemas against the vendors' documented examples.
 */
class WebhookIntakeUnitTest {

    static final Instant NOW = Instant.parse("2026-04-22T15:00:00Z");

    @Test
    void theLedgerRemembersEventIdsAcrossInstancesUntilTheRetentionEnds(@TempDir Path dir) throws IOException {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        EventLedger first = new EventLedger(dir, Duration.ofDays(7), PlaybookBeans.newMapper(), clock);
        first.record("evt_1", List.of("inbox/sentinel/evt_1.json"));

        EventLedger afterRestart = new EventLedger(dir, Duration.ofDays(7), PlaybookBeans.newMapper(), clock);
        assertThat(afterRestart.seen("evt_1")).isTrue();
        assertThat(afterRestart.seen("evt_2")).isFalse();
        JsonNode entry = PlaybookBeans.newMapper().readTree(dir.resolve("evt_1.json").toFile());
        assertThat(entry.path("queued").get(0).asText()).isEqualTo("inbox/sentinel/evt_1.json");
        assertThat(entry.path("receivedAt").asText()).isEqualTo("2026-04-22T15:00:00Z");

        Files.setLastModifiedTime(dir.resolve("evt_1.json"), FileTime.from(NOW.minus(Duration.ofDays(8))));
        assertThat(afterRestart.prune()).isEqualTo(1);
        assertThat(afterRestart.seen("evt_1")).isFalse();
        try (var files = Files.list(dir)) {
            assertThat(files).as("no temporary file left").isEmpty();
        }
    }

    @Test
    void theTrustBoundaryKeepsOnlyTheNamedHeadersAndDropsEveryHeaderOfTheMessage() throws IOException {
        try (org.apache.camel.impl.DefaultCamelContext context = new org.apache.camel.impl.DefaultCamelContext()) {
            org.apache.camel.Exchange exchange = new org.apache.camel.support.DefaultExchange(context);
            org.apache.camel.Message m = exchange.getMessage();
            m.setHeader(org.apache.camel.Exchange.HTTP_METHOD, "POST");
            m.setHeader(org.apache.camel.Exchange.HTTP_PATH, "/webhooks/contraforce");
            m.setHeader("Content-Type", "application/json");
            m.setHeader("x-cf-signature", "sha256=abc");
            m.setHeader("X-CF-Event-Id", List.of("evt_1", "evt_2"));
            m.setHeader("CamelHttpUri", "http://evil.example/");
            m.setHeader("camelhttppath", "/evil");
            m.setHeader("CAMELHTTPQUERY", "a=b");
            m.setHeader("cAmElBeanMethodName", "exec");
            m.setHeader("Authorization", "Bearer attacker");
            m.setBody("{}".getBytes(StandardCharsets.UTF_8));
            exchange.setProperty(org.apache.camel.Exchange.CHARSET_NAME, "UTF-16");

            Delivery d = TrustBoundary.admit(exchange, List.of("X-CF-Signature", "X-CF-Event-Id", "X-CF-Timestamp"));

            assertThat(m.getHeaders()).isEmpty();
            assertThat(m.getBody()).isNull();
            assertThat(exchange.getProperty(org.apache.camel.Exchange.CHARSET_NAME)).isNull();
            assertThat(d.method()).isEqualTo("POST");
            assertThat(d.path()).isEqualTo("/webhooks/contraforce");
            assertThat(d.contentType()).isEqualTo("application/json");
            assertThat(d.headers()).containsOnlyKeys("x-cf-signature", "x-cf-event-id");
            assertThat(d.header("X-CF-SIGNATURE")).hasValue("sha256=abc");
            assertThat(d.header("X-CF-Event-Id")).as("sent twice: ambiguous, so missing").isEmpty();
            assertThat(new String(d.body(), StandardCharsets.UTF_8)).isEqualTo("{}");
            assertThat(TrustBoundary.of(exchange)).isSameAs(d);
        }
    }

    @Test
    void anEventIdThatIsNoSafeFileNameIsHashed() {
        assertThat(EventLedger.fileName("evt_01HZX-3.a")).isEqualTo("evt_01HZX-3.a");
        for (String unsafe : List.of("../../etc/passwd", ".hidden", "a/b", "a b", "sha256-abc", "x".repeat(129),
                "évènement")) {
            assertThat(EventLedger.fileName(unsafe)).as(unsafe).matches(Pattern.compile("sha256-[0-9a-f]{64}"));
        }
        assertThat(EventLedger.fileName("a/b")).isNotEqualTo(EventLedger.fileName("a b"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/json", "Application/JSON", "application/json; charset=utf-8",
            "application/json;charset=\"UTF-8\"", "application/json; odata=verbose"})
    void jsonContentTypes(String contentType) {
        assertThat(WebhookIntake.isJson(contentType)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "text/json", "application/jsonp", "application/json-patch+json",
            "application/json; charset=utf-16", "text/plain; x=application/json"})
    void otherContentTypes(String contentType) {
        assertThat(WebhookIntake.isJson(contentType)).isFalse();
        assertThat(WebhookIntake.isJson(null)).isFalse();
    }

    @Test
    void feedsAreFolderNamesNeverPaths() {
        ContraForceWebhook webhook = new ContraForceWebhook();
        webhook.setFeeds("contraforce-triage=contraforce-triage, my-playbook=my-folder");

        for (String bad : List.of("p=../x", "p=/tmp", "p=a/b", "p", "=x", "p=A")) {
            assertThatThrownBy(() -> webhook.setFeeds(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("is not playbook=folder");
        }
    }

    @Test
    void feedOnlyConditionsNameAPointerAndItsValues() throws IOException {
        FeedCondition closed = FeedCondition.parse("closures=/data/status:Closed|Resolved").get("closures");
        JsonNode event = WebhookIntake.STRICT.readTree("{\"data\": {\"status\": \"Closed\"}}");

        assertThat(closed.unmetBy(event)).isNull();
        assertThat(closed.unmetBy(WebhookIntake.STRICT.readTree("{\"data\": {\"status\": \"New\"}}")))
                .isEqualTo("/data/status is New, not Closed or Resolved");
        assertThat(closed.unmetBy(WebhookIntake.STRICT.readTree("{\"data\": {}}")))
                .isEqualTo("/data/status is missing, not Closed or Resolved");
        assertThat(FeedCondition.parse(" ")).isEmpty();
        for (String bad : List.of("p", "p=status:Closed", "p=/data/status", "p=/data/status:", "=/a:b")) {
            assertThatThrownBy(() -> FeedCondition.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("is not playbook=/json/pointer:value|value");
        }
    }

    @Test
    void feedOnlyMayNameOnlyAFedPlaybook(@TempDir Path dir) {
        ContraForceWebhook webhook = new ContraForceWebhook();
        webhook.setDataFolder(dir.toString());
        webhook.setFeeds("contraforce-triage=contraforce-triage");
        webhook.setFeedOnly("contraforce-closure-to-sentinelone=/data/status:Closed");

        assertThatThrownBy(webhook::start).isInstanceOf(IllegalStateException.class)
                .hasMessage("webhook contraforce: feedOnly names contraforce-closure-to-sentinelone, which is not in"
                        + " feeds [contraforce-triage]");
    }

    @Test
    void theSecretNeverShowsInToString() {
        ContraForceWebhook webhook = new ContraForceWebhook();
        webhook.setSecret("super-secret-value");

        assertThat(webhook.toString()).doesNotContain("super-secret-value").contains("enabled");
        assertThat(new Delivery("/webhooks/x", "POST", "application/json",
                java.util.Map.of("authorization", List.of("Bearer super-secret-value")),
                "{}".getBytes(StandardCharsets.UTF_8), NOW).toString()).doesNotContain("super-secret-value");
    }

    @Test
    void contraForcesDocumentedEnvelopePassesItsSchema() throws IOException {
        // the vendor's example is JSONC with comments and "…" placeholders: drop the comments, keep every value
        String jsonc = Files.readString(Path.of(
                "src/main/resources/samples/contraforce/webhook-incident-created-v1-envelope.example.jsonc"));
        JsonNode envelope = WebhookIntake.STRICT.readTree(jsonc.replaceAll("(?m)\\s*//.*$", ""));

        assertThat(new ContractCheck().violations("webhook-contraforce-event", envelope)).isEmpty();
    }

    @Test
    void sentinelsSampleIncidentsPassTheirSchemaBareAndInAnEnvelope() throws IOException {
        ContractCheck check = new ContractCheck();
        for (String sample : List.of("incident-1505-active-rapid7.json",
                "incident-73e01a99-closed-falsepositive-azure-rest-api-specs.json")) {
            String incident = Files.readString(Path.of("src/main/resources/samples/microsoft-sentinel/" + sample));
            JsonNode bare = WebhookIntake.STRICT.readTree(incident);
            JsonNode envelope = WebhookIntake.STRICT.readTree(SentinelWebhookTest.envelope("e", "Incident", incident));

            assertThat(check.violations("webhook-sentinel-event", bare)).as(sample).isEmpty();
            assertThat(check.violations("webhook-sentinel-event", envelope)).as(sample).isEmpty();
        }
    }
}
