package org.soarplaybooks.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.soarplaybooks.cli.SoarPlaybooks;

/** The {@code demo}: every real sample incident accounted for, and the summary shows it. */
class DemoCommandTest {

    @Test
    void theDemoAccountsForEveryRealSampleIncident(@TempDir Path data) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        DemoRun.Result result = new DemoRun(null, null, data, 60).run(new PrintStream(buf, true,
                StandardCharsets.UTF_8));
        String out = buf.toString(StandardCharsets.UTF_8);

        assertThat(result.allAccountedFor()).isTrue();
        assertThat(out).contains("every incident accounted for: yes");
        List<DemoSummary.Row> rows = result.rows();
        assertThat(rows).extracting(DemoSummary.Row::playbook)
                .containsExactly("sentinel-incident-sync", "sentinelone-threat-sync");
        DemoSummary.Row sentinel = rows.get(0);
        assertThat(sentinel.files()).isEqualTo(3);
        assertThat(sentinel.done()).isEqualTo(3);
        assertThat(sentinel.incidents()).isEqualTo(3);
        assertThat(sentinel.accepted()).isEqualTo(3);
        DemoSummary.Row s1 = rows.get(1);
        assertThat(s1.files()).isEqualTo(4);
        assertThat(s1.incidents()).isEqualTo(4);
        assertThat(s1.accepted()).isEqualTo(2);
        assertThat(s1.forbidden()).as("the flat v2.0 threat's workspace and the threat without a site")
                .isEqualTo(2);
        assertThat(result.calls()).containsEntry("PUT contraforce status", 3)
                .containsEntry("POST contraforce bulk-update", 3);
        assertThat(data.resolve("dead-letter/sentinelone-threat-sync")).isDirectoryContaining("glob:**.json");
        assertThat(Files.exists(data.resolve("inbox/sentinel/.done/incident-1505-active-rapid7.json"))).isTrue();
    }

    @Test
    void theDemoCommandExitsZero(@TempDir Path data) {
        assertThat(SoarPlaybooks.execute("demo", "--data", data.toString())).isZero();
    }
}
