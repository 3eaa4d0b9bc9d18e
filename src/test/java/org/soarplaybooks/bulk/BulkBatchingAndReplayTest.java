package org.soarplaybooks.bulk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.soarplaybooks.testkit.PlaybookHarness.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.soarplaybooks.audit.AuditRecord;
import org.soarplaybooks.deadletter.DeadLetter;
import org.soarplaybooks.deadletter.DeadLetterReplay;
import org.soarplaybooks.testkit.PlaybookHarness;

/**
 * The bulk inbox's batching ({@code contraforce.bulk.max-items}), failed calls and {@code replay} of a row, and the
 * read lock that keeps a file out while it is still being written.
 */
class BulkBatchingAndReplayTest {

    static final String WS = BulkIncidentUpdateTest.WS;

    @Test
    void goodRowsGoInCallsOfAtMostMaxItemsAndBadRowsTakeNoPlace(@TempDir Path data) throws IOException {
        String rows = IntStream.rangeClosed(1, 9).mapToObj(i -> i == 4 || i == 8
                        ? "{\"id\": \"B-" + i + "\", \"status\": \"Done\"}"
                        : "{\"id\": \"B-" + i + "\", \"workspace\": \"" + WS + "\", \"status\": \"Closed\"}")
                .collect(Collectors.joining("\n"));
        try (PlaybookHarness h = PlaybookHarness.start(data, Path.of("config"),
                Map.of("contraforce.bulk.max-items", "3"))) {
            Path done = h.awaitDone(h.drop("bulk", "batched.jsonl", rows));

            // 7 good rows, at most 3 per call: ceil(7 / 3) = 3 calls, in file order
            assertThat(h.requests()).extracting(r -> json(r.getBodyAsString()).findValuesAsText("id"))
                    .containsExactly(List.of("B-1", "B-2", "B-3"), List.of("B-5", "B-6", "B-7"),
                            List.of("B-9"));
            assertThat(BulkIncidentUpdateTest.result(done).path("counts")).isEqualTo(json("""
                    {"rows": 9, "sent": 7, "forbidden": 0, "failed": 0, "invalid": 2}"""));
            assertThat(h.deadLetters()).extracting(DeadLetter::incidentKey)
                    .containsExactlyInAnyOrder("ContraForce:B-4", "ContraForce:B-8");
        }
    }

    @Test
    void aFailedCallDeadLettersItsRowsAndAReplayedRowIsAcceptedOnceTheVendorIsBack(@TempDir Path data)
            throws IOException {
        try (ContraForceStandIn vendor = new ContraForceStandIn(true).answer(503);
             PlaybookHarness h = PlaybookHarness.start(data, Path.of("config"), Map.of(
                     "contraforce.base-url", vendor.baseUrl(), "playbooks.retry.max-attempts", "2"))) {
            Path done = h.awaitDone(h.drop("bulk", "outage.csv", "id,workspace,source,status\n"
                    + "R-1," + WS + ",Sentinel,Closed\n"
                    + "R-2," + WS + ",Sentinel,Active\n"));

            // the call was tried twice, then both rows became dead letters; the file is done, nothing is lost
            assertThat(vendor.bodies()).hasSize(2);
            JsonNode result = BulkIncidentUpdateTest.result(done);
            assertThat(result.path("counts")).isEqualTo(json("""
                    {"rows": 2, "sent": 0, "forbidden": 0, "failed": 2, "invalid": 0}"""));
            assertThat(result.path("outcomes").get(0).path("reason").asText())
                    .startsWith("503 ").endsWith("(retries used up after 2 attempts)");
            // each row's outcome names its own dead letter (the update that failed, its share of the call)
            Map<String, String> stored = h.deadLetters().stream()
                    .collect(Collectors.toMap(DeadLetter::incidentKey, DeadLetter::id));
            assertThat(result.path("outcomes").findValuesAsText("deadLetterId"))
                    .containsExactly(stored.get("Sentinel:R-1"), stored.get("Sentinel:R-2"));
            DeadLetter r2 = h.deadLetters().stream().filter(d -> d.incidentKey().equals("Sentinel:R-2"))
                    .findFirst().orElseThrow();
            assertThat(r2.item()).isEqualTo(json("""
                    {"id": "R-2", "workspace": "%s", "source": "Sentinel", "status": "Active"}""".formatted(WS)));
            assertThat(r2.inbox()).isEqualTo("inbox/bulk");

            vendor.acceptAll();
            Path replay = new DeadLetterReplay(data, h.engine().beans().deadLetters(), PlaybookHarness.JSON)
                    .writeReplayFile(r2).orElseThrow();
            Path replayed = h.awaitDone(replay);

            assertThat(json(vendor.bodies().get(2))).isEqualTo(json("""
                    {"items": [{"id": "R-2", "status": "Active", "workspace": "%s", "incidentSource": "Sentinel"}]}
                    """.formatted(WS)));
            assertThat(h.deadLetters()).extracting(DeadLetter::incidentKey).containsExactly("Sentinel:R-1");
            assertThat(BulkIncidentUpdateTest.result(replayed)).isEqualTo(json("""
                    {"counts": {"rows": 1, "sent": 1, "forbidden": 0, "failed": 0, "invalid": 0},
                     "outcomes": [{"line": 1, "id": "R-2", "incidentKey": "Sentinel:R-2", "result": "sent"}]}"""));
            assertThat(h.audit()).last().satisfies(a -> {
                assertThat(a.result()).isEqualTo(AuditRecord.SENT);
                assertThat(a.incidentKey()).isEqualTo("Sentinel:R-2");
                assertThat(a.deadLetterId()).isEqualTo(r2.id()); // the dead letter was cleared
            });
        }
    }

    @Test
    void aFileStillBeingWrittenIsNotPickedUp(@TempDir Path data) throws IOException {
        try (PlaybookHarness h = PlaybookHarness.start(data, Path.of("config"),
                Map.of("playbooks.inbox.min-age", "3000"))) {
            Path inbox = Files.createDirectories(data.resolve("inbox/bulk"));
            Path file = inbox.resolve("slow.csv");
            try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                w.write("id,workspace,status\nW-1," + WS + ",Closed\n");
                w.flush();
                // the writer pauses: the file is younger than min-age, so the playbook must leave it alone
                await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2))
                        .until(() -> h.requests().isEmpty() && Files.exists(file));
                w.write("W-2," + WS + ",Active\n");
            }

            Path done = h.awaitDone(file);

            assertThat(h.requests()).singleElement().satisfies(r -> assertThat(json(r.getBodyAsString())
                    .findValuesAsText("id")).containsExactly("W-1", "W-2"));
            assertThat(BulkIncidentUpdateTest.result(done).path("counts").path("sent").asInt()).isEqualTo(2);
        }
    }
}
