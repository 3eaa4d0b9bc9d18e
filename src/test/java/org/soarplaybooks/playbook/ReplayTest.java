package org.soarplaybooks.playbook;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.soarplaybooks.audit.AuditRecord;
import org.soarplaybooks.cli.SoarPlaybooks;
import org.soarplaybooks.deadletter.DeadLetter;
import org.soarplaybooks.testkit.PlaybookHarness;

/** {@code replay} re-drives dead letters through their playbook; the dead letter goes only once accepted. */
class ReplayTest {

    static final String SAMPLE = "microsoft-sentinel/incident-1505-active-rapid7.json";

    WireMockServer vendor;

    @BeforeEach
    void startVendor() {
        vendor = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
        vendor.start();
        vendor.stubFor(put(urlPathMatching(".*")).willReturn(aResponse().withStatus(503)));
    }

    @AfterEach
    void stopVendor() {
        vendor.stop();
    }

    PlaybookHarness start(Path data) {
        return PlaybookHarness.start(data, Path.of("config"), Map.of("contraforce.base-url", vendor.baseUrl(),
                "playbooks.retry.max-attempts", "2"));
    }

    DeadLetter deadLetterOf(PlaybookHarness h) {
        h.awaitDone(h.dropSample("sentinel", SAMPLE));
        assertThat(h.deadLetters()).hasSize(1);
        return h.deadLetters().get(0);
    }

    @Test
    void aRunningEngineTakesTheReplayAndTheDeadLetterGoesOnceAccepted(@TempDir Path data) {
        try (PlaybookHarness h = start(data)) {
            DeadLetter d = deadLetterOf(h);
            assertThat(d.incident().path("id").asText()).as("the incident as the playbook took it").isEqualTo("1505");
            vendor.resetAll();
            vendor.stubFor(put(urlPathMatching(".*")).willReturn(aResponse().withStatus(204)));

            Run r = cli("replay", "--data", data.toString(), "--id", d.id());

            assertThat(r.exit()).as(r.out()).isZero();
            assertThat(r.out()).contains("an engine is running").contains("accepted").contains("1 of 1 accepted");
            h.awaitQuiet(); // the outcome's audit record comes right after the dead letter goes
            assertThat(h.deadLetters()).isEmpty();
            assertThat(vendor.getAllServeEvents()).singleElement().satisfies(e -> assertThat(e.getRequest().getUrl())
                    .endsWith("/incidents/Sentinel/1505/status"));
            assertThat(h.audit()).last().satisfies(a -> {
                assertThat(a.result()).isEqualTo(AuditRecord.SENT);
                assertThat(a.trigger()).isEqualTo("replay " + d.id());
                assertThat(a.deadLetterId()).isEqualTo(d.id());
            });
        }
    }

    @Test
    void aReplayThatFailsAgainUpdatesTheSameDeadLetter(@TempDir Path data) {
        try (PlaybookHarness h = start(data)) {
            DeadLetter before = deadLetterOf(h);

            Run r = cli("replay", "--data", data.toString(), "--playbook", "sentinel-incident-sync");

            assertThat(r.exit()).isEqualTo(1);
            assertThat(r.out()).contains("failed again").contains("503");
            assertThat(h.deadLetters()).singleElement().satisfies(after -> {
                assertThat(after.id()).isEqualTo(before.id());
                assertThat(after.attempts()).isEqualTo(before.attempts() + 2);
                assertThat(after.firstFailure()).isEqualTo(before.firstFailure());
                assertThat(after.lastFailure()).isAfter(before.lastFailure());
            });
        }
    }

    @Test
    void withoutARunningEngineReplayStartsOne(@TempDir Path data, @TempDir Path config) throws Exception {
        DeadLetter d;
        try (PlaybookHarness h = start(data)) {
            d = deadLetterOf(h);
        }
        vendor.resetAll();
        vendor.stubFor(put(urlPathMatching(".*")).willReturn(aResponse().withStatus(204)));
        Files.copy(Path.of("config/mapping.yaml"), config.resolve("mapping.yaml"));
        Files.writeString(config.resolve("application.properties"),
                Files.readString(Path.of("config/application.properties")) + "\ncontraforce.base-url = "
                        + vendor.baseUrl() + "\ncontraforce.client-id = demo-client\ncontraforce.client-secret = "
                        + "demo-secret\nplaybooks.inbox.min-age = 100\nplaybooks.inbox.poll-delay = 100\n");

        Run r = cli("replay", "--data", data.toString(), "--config", config.toString(), "--all");

        assertThat(r.exit()).as(r.out()).isZero();
        assertThat(r.out()).doesNotContain("an engine is running").contains("1 of 1 accepted");
        assertThat(data.resolve("dead-letter/sentinel-incident-sync/" + d.id() + ".json")).doesNotExist();
        assertThat(data.resolve("replay/sentinel-incident-sync/" + d.id() + ".json")).as("the request, taken")
                .doesNotExist();
        assertThat(vendor.getAllServeEvents()).hasSize(1);
    }

    @Test
    void listShowsPlaybookIdIncidentAttemptsAgeAndReason(@TempDir Path data) {
        try (PlaybookHarness h = start(data)) {
            DeadLetter d = deadLetterOf(h);

            Run r = cli("replay", "--list", "--data", data.toString());

            assertThat(r.exit()).isZero();
            assertThat(r.out()).contains("playbook").contains("attempts").contains("reason")
                    .contains("sentinel-incident-sync").contains(d.id()).contains("Sentinel:1505")
                    .contains("503").contains("1 dead letter(s)");
        }
    }

    @Test
    void replayWithoutASelectionIsRefused(@TempDir Path data) {
        assertThat(cli("replay", "--data", data.toString()).exit()).isEqualTo(2);
    }

    @Test
    void listingAMissingDataFolderIsAnErrorNotAnEmptyStore(@TempDir Path parent) {
        Path typo = parent.resolve("dta");

        Run r = cli("replay", "--list", "--data", typo.toString());

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains(typo.toString()).contains("no such data folder");
        assertThat(r.out()).doesNotContain("dead letter(s)");
        assertThat(typo).as("not created by the listing").doesNotExist();
    }

    record Run(int exit, String out, String err) {
    }

    private static synchronized Run cli(String... args) {
        PrintStream original = System.out;
        PrintStream originalErr = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        ByteArrayOutputStream errBuf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(errBuf, true, StandardCharsets.UTF_8));
        try {
            int exit = SoarPlaybooks.execute(args);
            return new Run(exit, buf.toString(StandardCharsets.UTF_8), errBuf.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(original);
            System.setErr(originalErr);
        }
    }
}
