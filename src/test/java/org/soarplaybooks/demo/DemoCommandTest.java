package org.soarplaybooks.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.soarplaybooks.cli.SoarPlaybooks;

/** The {@code demo}: every shipped playbook, every incident accounted for, and the summary shows it. */
class DemoCommandTest {

    @Test
    void theDemoAccountsForEveryIncidentOfEveryPlaybook(@TempDir Path data) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        DemoRun.Result result = new DemoRun(null, null, data, 60).run(new PrintStream(buf, true,
                StandardCharsets.UTF_8));
        String out = buf.toString(StandardCharsets.UTF_8);

        assertThat(result.allAccountedFor()).isTrue();
        assertThat(out).contains("every incident accounted for: yes (20 of 20: 3 skipped by rule, 15 accepted,"
                + " 2 forbidden and 0 failed in the dead-letter store)");
        assertThat(out).as("the last line").containsPattern("queues: every playbook queue is empty \\(\\d+ queues\\)\\n$");
        assertThat(result.rows()).extracting(DemoSummary.Row::playbook).containsExactly("sentinel-incident-sync",
                "sentinelone-threat-sync", "incident-status-sync", "contraforce-closure-to-sentinelone",
                "confirmed-breach-to-privacy-register");
        assertThat(result.rows()).allSatisfy(r -> {
            assertThat(r.done()).as(r.playbook()).isEqualTo(r.files());
            assertThat(r.failedFiles()).as(r.playbook()).isZero();
            assertThat(r.failed()).as(r.playbook()).isZero();
        });
        assertThat(row(result, "sentinel-incident-sync")).satisfies(r -> {
            assertThat(r.files()).isEqualTo(3);
            assertThat(r.incidents()).isEqualTo(3);
            assertThat(r.accepted()).isEqualTo(3);
        });
        assertThat(row(result, "sentinelone-threat-sync")).satisfies(r -> {
            assertThat(r.files()).isEqualTo(4);
            assertThat(r.incidents()).isEqualTo(4);
            assertThat(r.accepted()).isEqualTo(2);
            assertThat(r.forbidden()).as("the flat v2.0 threat's workspace and the threat without a site")
                    .isEqualTo(2);
        });
        assertThat(row(result, "incident-status-sync")).satisfies(r -> {
            assertThat(r.files()).as("Defender XDR legacy and Graph, QRadar offense 16, CrowdStrike alerts")
                    .isEqualTo(4);
            assertThat(r.incidents()).isEqualTo(6);
            assertThat(r.accepted()).isEqualTo(6);
        });
        assertThat(row(result, "contraforce-closure-to-sentinelone")).satisfies(r -> {
            assertThat(r.files()).isEqualTo(1);
            assertThat(r.incidents()).isEqualTo(4);
            assertThat(r.skipped()).as("a Sentinel incident and a SentinelOne incident that is not closed")
                    .isEqualTo(2);
            assertThat(r.accepted()).isEqualTo(2);
        });
        assertThat(row(result, "confirmed-breach-to-privacy-register")).satisfies(r -> {
            assertThat(r.files()).isEqualTo(1);
            assertThat(r.incidents()).isEqualTo(3);
            assertThat(r.skipped()).as("closed as TruePositive, but SuspiciousActivity is no data exposure")
                    .isEqualTo(1);
            assertThat(r.accepted()).as("OneTrust and Adversarial both accepted").isEqualTo(2);
        });
        // one 429 (a status update: one incident) and one 503 (the first bulk update: the 1 to 4 threats that the
        // playbook's queue held then) were tried again, and nothing was lost
        long statusRetried = row(result, "sentinel-incident-sync").retried()
                + row(result, "incident-status-sync").retried();
        long bulkRetried = row(result, "sentinelone-threat-sync").retried();
        assertThat(statusRetried).as("one status update answered 429").isEqualTo(1);
        assertThat(bulkRetried).as("the threats of the bulk update answered 503").isBetween(1L, 4L);
        assertThat(out).contains((statusRetried + bulkRetried) + " incident(s) were tried again after a failed"
                + " attempt");
        assertThat(result.calls().get("POST contraforce bulk-update")).as("the 503 and the threats' calls, batched"
                + " as they came").isBetween(2, 5);
        assertThat(result.calls()).as("the 429 costs one extra call")
                .containsEntry("PUT contraforce status", 10)
                .containsEntry("POST sentinelone threats/incident", 2)
                .containsEntry("POST onetrust token", 1)
                .containsEntry("GET onetrust incident", 2)
                .containsEntry("PUT onetrust incident", 2)
                .containsEntry("POST adversarial token", 1)
                .containsEntry("PATCH adversarial incidents", 1)
                .doesNotContainKey("unmatched");
        assertThat(out).contains("confirmed-breach-to-privacy-register").contains("PATCH adversarial incidents");
        assertThat(data.resolve("dead-letter/sentinelone-threat-sync")).isDirectoryContaining("glob:**.json");
        assertThat(Files.exists(data.resolve("inbox/sentinel/.done/incident-1505-active-rapid7.json"))).isTrue();
        assertThat(Files.exists(data.resolve(
                "inbox/privacy-register/.done/contraforce-breach-events.json"))).isTrue();
    }

    @Test
    void theDemoCommandExitsZero(@TempDir Path data) {
        assertThat(SoarPlaybooks.execute("demo", "--data", data.toString())).isZero();
    }

    private static DemoSummary.Row row(DemoRun.Result result, String playbook) {
        return result.rows().stream().filter(r -> r.playbook().equals(playbook)).findFirst().orElseThrow();
    }
}
