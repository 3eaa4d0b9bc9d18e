package org.soarplaybooks.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.soarplaybooks.testkit.PlaybookHarness.json;
import static org.soarplaybooks.webhook.WebhookClient.CF_SECRET;
import static org.soarplaybooks.webhook.WebhookClient.createdEvent;
import static org.soarplaybooks.webhook.WebhookClient.now;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.soarplaybooks.testkit.PlaybookHarness;

/**
 * A webhook takes UTF-8 JSON only: a correctly signed delivery in UTF-16 (with or without a byte order mark), with a
 * UTF-8 byte order mark, or announced in another charset is refused at once with problem details naming the reason,
 * and nothing is queued; the same event in UTF-8 is then taken (it was never remembered as seen).
 */
class WebhookEncodingTest {

    static final String WORKSPACE = "6eca6a1f-2b3c-4d5e-8f90-a1b2c3d4e5f6";

    /** A delivery signed over exactly the bytes sent, as ContraForce signs. */
    static Map<String, String> signed(String eventId, byte[] body, String contentType) {
        String ts = now();
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Content-Type", contentType);
        h.put("X-CF-Event-Id", eventId);
        h.put("X-CF-Timestamp", ts);
        h.put("X-CF-Signature", "sha256=" + WebhookClient.hmacHex(CF_SECRET, ts, body));
        h.put("X-CF-Schema", "incident.created.v1");
        return h;
    }

    static byte[] concat(byte[] a, byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(a);
        out.writeBytes(b);
        return out.toByteArray();
    }

    @Test
    void utf16AndByteOrderMarksAreRefusedWithTheReasonAndNothingIsQueued(@TempDir Path data) {
        int port = PlaybookHarness.freePort();
        try (PlaybookHarness h = PlaybookHarness.start(data, Path.of("config"),
                WebhookEndToEndTest.secrets(port))) {
            h.stopPlaybook("contraforce-triage"); // whatever got queued stays there to be seen
            WebhookClient client = new WebhookClient(port);
            String event = createdEvent("sentinelone", "777001", WORKSPACE);
            byte[] utf8 = event.getBytes(StandardCharsets.UTF_8);
            record Case(String name, byte[] body, String contentType, int status, String code, String reason) {
            }
            Case[] cases = {
                new Case("UTF-16 with its byte order mark", event.getBytes(StandardCharsets.UTF_16),
                        "application/json", 400, "NOT_UTF8", "UTF-16 byte order mark"),
                new Case("UTF-16LE without a byte order mark", event.getBytes(StandardCharsets.UTF_16LE),
                        "application/json", 400, "NOT_UTF8", "NUL characters"),
                new Case("UTF-8 with a byte order mark", concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                        utf8), "application/json", 400, "NOT_UTF8", "UTF-8 byte order mark"),
                new Case("Latin-1 text", event.replace("777001", "777001-é").getBytes(Charset.forName("ISO-8859-1")),
                        "application/json", 400, "NOT_UTF8", "not UTF-8"),
                new Case("announced as UTF-16", event.getBytes(StandardCharsets.UTF_16),
                        "application/json; charset=utf-16", 415, "UNSUPPORTED_MEDIA_TYPE", "charset=utf-16"),
            };
            for (Case c : cases) {
                HttpResponse<String> r = client.send("/webhooks/contraforce", "POST",
                        signed("evt_encoding_1", c.body(), c.contentType()), c.body());
                assertThat(r.statusCode()).as(c.name()).isEqualTo(c.status());
                assertThat(r.headers().firstValue("Content-Type")).as(c.name()).hasValue("application/problem+json");
                assertThat(json(r.body()).path("code").asText()).as(c.name()).isEqualTo(c.code());
                assertThat(json(r.body()).path("detail").asText()).as(c.name()).contains(c.reason());
            }
            assertThat(h.queued("contraforce-triage")).as("nothing queued").isEmpty();

            // the same event id, now in UTF-8: taken (no refused delivery was remembered as seen)
            HttpResponse<String> ok = client.send("/webhooks/contraforce", "POST",
                    signed("evt_encoding_1", utf8, "application/json; charset=UTF-8"), utf8);
            assertThat(ok.statusCode()).isEqualTo(202);
            assertThat(h.queued("contraforce-triage")).singleElement()
                    .satisfies(m -> assertThat(m.incident().id()).isEqualTo("777001"));
        }
    }
}
