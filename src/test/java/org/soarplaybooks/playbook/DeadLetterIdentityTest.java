package org.soarplaybooks.playbook;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.soarplaybooks.deadletter.DeadLetter;
import org.soarplaybooks.deadletter.DeadLetterReplay;
import org.soarplaybooks.testkit.PlaybookHarness;

/**
 * A dead letter is the update that failed: a later, different update of the same incident that goes through does
 * not clear it; the acceptance of that very update (its replay) does.
 */
class DeadLetterIdentityTest {

    WireMockServer vendor;

    @BeforeEach
    void startVendor() {
        vendor = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
        vendor.start();
    }

    @AfterEach
    void stopVendor() {
        vendor.stop();
    }

    @Test
    void aLaterDifferentUpdateDoesNotClearTheFailedOneAndItsOwnAcceptanceDoes(@TempDir Path data) {
        // the vendor refuses to close the incident (a 400 that retrying cannot fix), and takes anything else
        vendor.stubFor(put(urlPathMatching(".*")).atPriority(5).willReturn(aResponse().withStatus(204)));
        vendor.stubFor(put(urlPathMatching(".*")).atPriority(1).withRequestBody(containing("\"Closed\""))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/problem+json")
                        .withBody("{\"title\": \"Bad Request\", \"status\": 400, \"code\": \"NOT_CLOSABLE\"}")));
        try (PlaybookHarness h = PlaybookHarness.start(data, Path.of("config"),
                Map.of("contraforce.base-url", vendor.baseUrl()))) {
            h.awaitDone(h.drop("sentinel", "closed.json", SentinelIncidentSyncTest.incident("7001", "sentinel",
                    "Closed")));
            DeadLetter closed = h.deadLetters().get(0);
            assertThat(h.deadLetters()).singleElement().satisfies(d -> {
                assertThat(d.problem().code()).isEqualTo("NOT_CLOSABLE");
                assertThat(d.request().path("body").path("status").asText()).isEqualTo("Closed");
            });

            // a later "Active" of the same incident goes through: the failed "Closed" is still waiting
            h.awaitDone(h.drop("sentinel", "active.json", SentinelIncidentSyncTest.incident("7001", "sentinel",
                    "Active")));
            assertThat(vendor.findAll(putRequestedFor(urlPathMatching(".*")))).as("what the vendor received")
                    .extracting(r -> PlaybookHarness.json(r.getBodyAsString()).path("status").asText())
                    .containsExactly("Closed", "Active");
            assertThat(h.deadLetters()).as("a different update does not clear it").singleElement()
                    .satisfies(d -> assertThat(d.id()).isEqualTo(closed.id()));

            // the vendor now takes "Closed": the replay of that update clears its dead letter
            vendor.resetMappings();
            vendor.stubFor(put(urlPathMatching(".*")).willReturn(aResponse().withStatus(204)));
            h.awaitGone(new DeadLetterReplay(h.data(), h.engine().beans().deadLetters(), PlaybookHarness.JSON)
                    .writeReplayFile(closed).orElseThrow());
            assertThat(h.deadLetters()).isEmpty();
            assertThat(h.audit()).last().satisfies(a -> {
                assertThat(a.result()).isEqualTo("sent");
                assertThat(a.deadLetterId()).isEqualTo(closed.id());
            });
        }
    }
}
