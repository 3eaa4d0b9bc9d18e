package org.soarplaybooks.playbook;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.soarplaybooks.audit.AuditRecord;
import org.soarplaybooks.deadletter.DeadLetter;
import org.soarplaybooks.testkit.PlaybookHarness;
import org.soarplaybooks.testkit.SecretScan;

/** A vendor call that fails leaves a dead letter with the reason, and the file still completes. */
class VendorFailureTest {

    static final String SAMPLE = "microsoft-sentinel/incident-1505-active-rapid7.json";

    @Test
    void aVendorRefusalBecomesADeadLetterWithTheVendorsProblemDetails(@TempDir Path data, @TempDir Path config)
            throws IOException {
        copyConfig(config, "3f2a4b1c-7d5e-4c8a-9b6f-1e2d3c4b5a61", "00000000-0000-4000-8000-000000000000");
        try (PlaybookHarness h = PlaybookHarness.start(data, config, Map.of())) {
            h.awaitDone(h.dropSample("sentinel", SAMPLE));

            DeadLetter d = onlyDeadLetter(h);
            assertThat(d.problem().status()).isEqualTo(404);
            assertThat(d.problem().code()).isEqualTo("NOT_FOUND");
            assertThat(d.problem().requestId()).isNotBlank();
            assertThat(d.request().path("method").asText()).isEqualTo("PUT");
            assertThat(d.request().path("path").asText())
                    .isEqualTo("/api/v2/workspaces/00000000-0000-4000-8000-000000000000/incidents/Sentinel/1505/status");
            assertThat(d.item().path("name").asText()).isEqualTo("1505");
            assertThat(d.attempts()).as("a 404 is not retried").isEqualTo(1);
            assertThat(Duration.between(d.firstFailure(), d.lastFailure())).isBetween(Duration.ZERO,
                    Duration.ofSeconds(1));
            assertThat(h.audit()).singleElement().satisfies(a -> {
                assertThat(a.result()).isEqualTo(AuditRecord.DEAD_LETTERED);
                assertThat(a.httpStatus()).isEqualTo(404);
            });
        }
    }

    @Test
    void theSameFailureTwiceUpdatesOneDeadLetter(@TempDir Path data, @TempDir Path config) throws IOException {
        copyConfig(config, "3f2a4b1c-7d5e-4c8a-9b6f-1e2d3c4b5a61", "00000000-0000-4000-8000-000000000000");
        try (PlaybookHarness h = PlaybookHarness.start(data, config, Map.of())) {
            h.awaitDone(h.dropSample("sentinel", SAMPLE));
            Path again = h.drop("sentinel", "again.json",
                    Files.readString(h.data().resolve("inbox/sentinel/.done/incident-1505-active-rapid7.json")));
            h.awaitDone(again);

            DeadLetter d = onlyDeadLetter(h);
            assertThat(d.attempts()).isEqualTo(2);
            assertThat(d.lastFailure()).isAfter(d.firstFailure());
            assertThat(d.trigger()).isEqualTo("file:again.json #1");
        }
    }

    @Test
    void noAnswerAtAllIsADeadLetterWithoutHttpStatus(@TempDir Path data) throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        try (PlaybookHarness h = PlaybookHarness.start(data, Path.of("config"),
                Map.of("contraforce.base-url", "http://127.0.0.1:" + closedPort))) {
            h.awaitDone(h.dropSample("sentinel", SAMPLE));

            DeadLetter d = onlyDeadLetter(h);
            assertThat(d.problem().status()).isNull();
            assertThat(d.problem().code()).isEqualTo("CONNECTION_FAILURE");
            assertThat(d.reason()).contains("Connect");
        }
    }

    @Test
    void wrongCredentialsAreRefusedAndTheSecretIsWrittenNowhere(@TempDir Path data) throws IOException {
        String secret = "wrong-secret-7f3a9c";
        try (PlaybookHarness h = PlaybookHarness.start(data, Path.of("config"),
                Map.of("contraforce.client-secret", secret))) {
            h.awaitDone(h.dropSample("sentinel", SAMPLE));

            DeadLetter d = onlyDeadLetter(h);
            assertThat(d.problem().status()).isEqualTo(401);
            SecretScan.assertNowhereIn(data, secret);
            SecretScan.assertNowhereIn(data, "d3Jvbmctc2VjcmV0"); // nor its base64 as sent
        }
    }

    private static DeadLetter onlyDeadLetter(PlaybookHarness h) {
        assertThat(h.deadLetters()).hasSize(1);
        DeadLetter d = h.deadLetters().get(0);
        assertThat(d.playbook()).isEqualTo("sentinel-incident-sync");
        assertThat(d.incidentKey()).isEqualTo("Sentinel:1505");
        assertThat(d.vendor()).isEqualTo("ContraForce");
        assertThat(d.operation()).isEqualTo("update-incident-status");
        assertThat(h.data().resolve("dead-letter/sentinel-incident-sync/" + d.id() + ".json")).exists();
        return d;
    }

    /** The shipped config folder, with one workspace id replaced in the mapping file. */
    static void copyConfig(Path target, String from, String to) throws IOException {
        Files.copy(Path.of("config/application.properties"), target.resolve("application.properties"));
        Files.writeString(target.resolve("mapping.yaml"),
                Files.readString(Path.of("config/mapping.yaml")).replace("sentinel: " + from, "sentinel: " + to));
    }
}
