package org.soarplaybooks.faults;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.soarplaybooks.faults.CrashRecoveryTest.accountedFor;
import static org.soarplaybooks.faults.CrashRecoveryTest.awaitOrExplain;
import static org.soarplaybooks.faults.CrashRecoveryTest.basic;
import static org.soarplaybooks.faults.CrashRecoveryTest.deadLetters;
import static org.soarplaybooks.faults.CrashRecoveryTest.drop;
import static org.soarplaybooks.faults.CrashRecoveryTest.filesIn;
import static org.soarplaybooks.faults.CrashRecoveryTest.ids;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.soarplaybooks.cli.GracefulStop;

/**
 * A SentinelOne inbox file larger than the engine's whole heap (64,000 threats, about 140 MB, in an engine started
 * with {@code -Xmx128m}, a child JVM as an operator runs it): the file is streamed onto the queue and every threat
 * reaches the vendor, with no OutOfMemoryError, and another inbox keeps working meanwhile (a Sentinel incident
 * dropped while the big file is still being taken in reaches ContraForce before the big file is done). The 200 MB,
 * 1.5-million-threat case at {@code -Xmx512m} is a benchmark row ({@code bench/run.sh}, phase "intake").
 */
class LargeInboxFileTest {

    static final int THREATS = 64_000;
    static final String HEAP = "-Xmx128m";

    WireMockServer vendor;
    Process engine;

    @BeforeEach
    void startVendor() {
        vendor = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort()
                .extensions(new BulkAnswerTransformer()).containerThreads(40));
        vendor.start();
        vendor.stubFor(post(urlPathEqualTo(IncidentLedger.BULK_PATH)).withHeader("Authorization", equalTo(basic()))
                .willReturn(aResponse().withTransformers(BulkAnswerTransformer.NAME)));
        vendor.stubFor(put(urlPathMatching(IncidentLedger.SENTINEL_STATUS_PATH.pattern()))
                .withHeader("Authorization", equalTo(basic())).willReturn(aResponse().withStatus(204)));
    }

    @AfterEach
    void stopAll() {
        if (engine != null) {
            engine.destroyForcibly();
        }
        vendor.stop();
    }

    @Test
    void aFileLargerThanTheHeapIsStreamedWhileAnotherInboxKeepsWorking(@TempDir Path tmp) throws Exception {
        List<String> ids = ids("1778148300000", THREATS);
        String content = Inputs.sentinelOneThreats(ids);
        assertThat((long) content.length()).as("the file is larger than the engine's heap").isGreaterThan(128L << 20);
        Path config = CrashRecoveryTest.config(tmp.resolve("config"), vendor.baseUrl(),
                Map.of("contraforce.bulk.max-items", "100"));
        Path data = tmp.resolve("data");
        Path log = tmp.resolve("run.log");
        Path threats = drop(data.resolve("inbox/sentinelone"), "threats-64000.json", content);
        content = null; // the test JVM need not keep it either

        engine = CrashRecoveryTest.run(List.of(HEAP), config, data, log);
        Path progress = data.resolve("state/intake/sentinelone-threat-sync");
        awaitOrExplain("the big file part-way in", Duration.ofSeconds(60), log, () -> !filesIn(progress).isEmpty());

        // another inbox meanwhile: its incident reaches the vendor while the big file is still being taken in
        String name = "73e01a99-5cd7-4139-a149-000000000001";
        drop(data.resolve("inbox/sentinel"), "one.json", Inputs.sentinelIncidents(List.of(name)));
        awaitOrExplain("the Sentinel incident at ContraForce", Duration.ofSeconds(30), log,
                () -> statusCalls(name) > 0);
        assertThat(filesIn(threats)).as("the big file was still being taken in").contains("threats-64000.json");

        awaitOrExplain("every threat accepted or dead-lettered", Duration.ofSeconds(120), log,
                () -> accountedFor(IncidentLedger.acceptedBulkItems(vendor.getAllServeEvents(), Duration.ofSeconds(30)),
                        deadLetters(data), "SentinelOne:", ids));
        assertThat(filesIn(threats.resolve(".done"))).containsExactly("threats-64000.json");
        assertThat(engine.isAlive()).as("the engine is still running").isTrue();
        GracefulStop.stop(engine, log);
        assertThat(Files.readString(log)).doesNotContain("OutOfMemoryError");
        assertThat(deadLetters(data)).isEmpty();
    }

    long statusCalls(String name) {
        return vendor.getAllServeEvents().stream().filter(e -> e.getRequest().getUrl().contains("/" + name + "/"))
                .count();
    }
}
