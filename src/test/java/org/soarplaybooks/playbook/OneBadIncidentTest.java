package org.soarplaybooks.playbook;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.soarplaybooks.testkit.PlaybookHarness.json;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.soarplaybooks.deadletter.DeadLetter;
import org.soarplaybooks.deadletter.DeadLetterReplay;
import org.soarplaybooks.testkit.PlaybookHarness;

/**
 * One incident the mapping file cannot map, among 49 it can, in one Sentinel file: the 49 reach ContraForce, the one
 * becomes its own dead letter with its JSON and the reason naming the missing entry; once {@code config/mapping.yaml}
 * has the entry, {@code replay} sends it, once.
 */
class OneBadIncidentTest {

    static final String UNDETERMINED = "    Undetermined: Undetermined\n";

    WireMockServer vendor;

    @BeforeEach
    void startVendor() {
        vendor = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
        vendor.start();
        vendor.stubFor(put(urlPathMatching(".*")).willReturn(aResponse().withStatus(204)));
    }

    @AfterEach
    void stopVendor() {
        vendor.stop();
    }

    static String closedUndetermined(String name) {
        return """
                {"id": "/subscriptions/d0cfe6b2-9ac0-4464-9919-dccaee2e48c0/resourceGroups/myRg/providers/\
                Microsoft.OperationalInsights/workspaces/sentinel/providers/Microsoft.SecurityInsights/incidents/%s",
                 "name": "%s", "type": "Microsoft.SecurityInsights/incidents",
                 "properties": {"title": "t", "severity": "Low", "status": "Closed",
                                "classification": "Undetermined", "classificationComment": "could not tell"}}
                """.formatted(name, name);
    }

    /** PUTs the vendor received, by incident name (the path's last but one part). */
    Map<String, Long> putsByIncident() {
        return vendor.findAll(putRequestedFor(urlPathMatching(".*"))).stream().map(LoggedRequest::getUrl)
                .map(u -> u.split("/")[u.split("/").length - 2])
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    @Test
    void fortyNineGoOnOneIsItsOwnDeadLetterAndItsReplayAfterTheMappingIsFixedSendsItOnce(@TempDir Path tmp)
            throws IOException {
        // config/ as shipped, but its sentinel classification table lacks Undetermined
        Path config = Files.createDirectories(tmp.resolve("config"));
        try (Stream<Path> files = Files.list(Path.of("config"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.copy(f, config.resolve(f.getFileName()));
            }
        }
        Path mapping = config.resolve("mapping.yaml");
        String shipped = Files.readString(mapping);
        assertThat(shipped).contains(UNDETERMINED);
        Files.writeString(mapping, shipped.replaceFirst(UNDETERMINED, ""));

        List<String> incidents = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            incidents.add(i == 17 ? closedUndetermined("bad-17")
                    : SentinelIncidentSyncTest.incident("good-%02d".formatted(i), "sentinel", "Active"));
        }
        Path data = tmp.resolve("data");
        Map<String, String> vendorAt = Map.of("contraforce.base-url", vendor.baseUrl());
        DeadLetter bad;
        try (PlaybookHarness h = PlaybookHarness.start(data, config, vendorAt)) {
            h.awaitDone(h.drop("sentinel", "fifty.json", IncidentOrderTest.list(incidents.toArray(String[]::new))));

            assertThat(putsByIncident()).hasSize(49).allSatisfy((name, n) -> {
                assertThat(name).startsWith("good-");
                assertThat(n).as(name).isEqualTo(1);
            });
            bad = h.deadLetters().stream().collect(Collectors.collectingAndThen(Collectors.toList(),
                    l -> { assertThat(l).hasSize(1); return l.get(0); }));
            assertThat(bad.incidentKey()).isEqualTo("Sentinel:bad-17");
            assertThat(bad.trigger()).isEqualTo("file:fifty.json #18");
            assertThat(bad.reason()).contains("Undetermined").contains("classification");
            assertThat(bad.item()).as("the incident as it came").isEqualTo(json(closedUndetermined("bad-17")));
        }

        // the author adds the missing entry; an engine on the fixed config takes the replay
        Files.writeString(mapping, shipped);
        try (PlaybookHarness h = PlaybookHarness.start(data, config, vendorAt)) {
            h.awaitGone(new DeadLetterReplay(h.data(), h.engine().beans().deadLetters(), PlaybookHarness.JSON)
                    .writeReplayFile(bad).orElseThrow());
            assertThat(h.deadLetters()).isEmpty();
        }
        assertThat(putsByIncident()).hasSize(50).allSatisfy((name, n) -> assertThat(n).as(name).isEqualTo(1));
        List<LoggedRequest> badPuts = vendor.findAll(putRequestedFor(urlPathMatching(".*/Sentinel/bad-17/status")));
        assertThat(json(badPuts.get(0).getBodyAsString()).path("classification").asText()).isEqualTo("Undetermined");
    }
}
