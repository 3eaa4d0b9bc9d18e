package org.soarplaybooks.bulk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.soarplaybooks.engine.PlaybookBeans;

/** {@link OutcomeLog}: each line is {@code <line>\t} and the outcome as the mapper writes a {@link RowOutcome}. */
class OutcomeLogTest {

    static final ObjectMapper JSON = PlaybookBeans.newMapper();

    @Test
    void eachLineIsTheLineNumberAndTheOutcomeAsTheMapperWritesIt(@TempDir Path dir) throws Exception {
        List<RowOutcome> outcomes = List.of(
                new RowOutcome(2, "INC-2", "Sentinel:INC-2", RowOutcome.SENT, null, null),
                new RowOutcome(3, null, "bulk:a.csv:3", RowOutcome.INVALID, "line 3: id is required \"\"\n\té 😀 \u0001",
                        "0123456789abcdef"),
                new RowOutcome(Long.MAX_VALUE, "x", "k", RowOutcome.FORBIDDEN, "403", "d"),
                new RowOutcome(0, null, null, null, null, null));
        List<String> expected = new ArrayList<>();
        OutcomeLog log = new OutcomeLog(dir, ".t.log", JSON, true);
        for (RowOutcome o : outcomes) {
            log.append(o);
            expected.add(o.line() + "\t" + JSON.writeValueAsString(o));
        }
        try (BufferedReader in = log.read()) {
            assertThat(in.lines().toList()).containsExactlyElementsOf(expected);
        }
        log.close();
        assertThat(dir.resolve(".t.log")).as("kept for a run that takes the file again").exists();
        OutcomeLog again = new OutcomeLog(dir, ".t.log", JSON, false);
        again.append(outcomes.get(0));
        try (BufferedReader in = again.read()) {
            assertThat(in.lines().toList()).as("appended after the outcomes of the run before").hasSize(5)
                    .startsWith(expected.toArray(String[]::new));
        }
        again.delete();
        try (var files = Files.list(dir)) {
            assertThat(files).as("deleted once the result is written").isEmpty();
        }
    }
}
