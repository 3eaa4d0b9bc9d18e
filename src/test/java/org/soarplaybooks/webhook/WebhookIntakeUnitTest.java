package org.soarplaybooks.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.soarplaybooks.contract.ContractCheck;

/**
 * The intake's parts without a server: the trust boundary, content-type rules, feeds, and the two webhook schemas
 * against the vendors' documented examples.
 */
class WebhookIntakeUnitTest {

    static final Instant NOW = Instant.parse("2026-04-22T15:00:00Z");

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
    void feedsArePlaybookIds() {
        ContraForceWebhook webhook = new ContraForceWebhook();
        webhook.setFeeds("contraforce-triage, my_playbook-2");

        for (String bad : List.of("p/x", "../x", "a b", "-x", "évènement")) {
            assertThatThrownBy(() -> webhook.setFeeds(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("is not a playbook id");
        }
        assertThatThrownBy(() -> webhook.setFeeds("contraforce-triage=contraforce-triage"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("webhook feeds: 'contraforce-triage=contraforce-triage' names a folder; feeds names only"
                        + " playbooks now (the webhook sends to each one's queue): write 'contraforce-triage'");
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
        webhook.setSender(new org.soarplaybooks.intake.QueueSender(null, null));
        webhook.setFeeds("contraforce-triage");
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
