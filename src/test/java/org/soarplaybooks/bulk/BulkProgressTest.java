package org.soarplaybooks.bulk;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.slf4j.event.KeyValuePair;
import org.soarplaybooks.deadletter.DeadLetter;
import org.soarplaybooks.testkit.PlaybookHarness;

/**
 * What a person reading the log sees while the shipped {@code bulk-incident-update} playbook runs a file against
 * the vendor simulator: progress lines with the right counts (paced to every update here:
 * {@code playbooks.progress.interval = 0}), a last line with the totals, one INFO line per bulk call summarising
 * its incidents, each sent row's line at DEBUG and each dead-lettered row's at WARN.
 */
class BulkProgressTest {

    static final String WS = BulkIncidentUpdateTest.WS;
    static final String NOT_GRANTED = BulkIncidentUpdateTest.NOT_GRANTED;
    static final int GOOD = 250;
    static final Pattern PROGRESS = Pattern.compile(
            "bulk-incident-update: progress\\.csv: ([\\d,]+) rows done, (\\d+) % of the file read, [\\d.,]+ rows/s");

    private final Logger bulkLog = (Logger) LoggerFactory.getLogger("soar.bulk");
    private final Logger outcomeLog = (Logger) LoggerFactory.getLogger("soar.outcome");
    private final ListAppender<ILoggingEvent> bulkLines = new ListAppender<>();
    private final ListAppender<ILoggingEvent> outcomeLines = new ListAppender<>();

    private Level outcomeLevel;

    @BeforeEach
    void capture() {
        outcomeLevel = outcomeLog.getLevel();
        outcomeLog.setLevel(Level.DEBUG); // the per-row sent lines are DEBUG
        bulkLines.start();
        outcomeLines.start();
        bulkLog.addAppender(bulkLines);
        outcomeLog.addAppender(outcomeLines);
    }

    @AfterEach
    void release() {
        bulkLog.detachAppender(bulkLines);
        outcomeLog.detachAppender(outcomeLines);
        outcomeLog.setLevel(outcomeLevel);
    }

    @Test
    void aBulkFileLogsItsProgressItsTotalsOneLinePerCallAndEachRowAtDebug(@TempDir Path data) throws Exception {
        StringBuilder csv = new StringBuilder("id,workspace,source,status\n");
        csv.append(",").append(WS).append(",Sentinel,Closed\n"); // line 2: no id
        csv.append("P-BAD,").append(WS).append(",Sentinel,Open\n"); // line 3: not a ContraForce status
        csv.append("P-F,").append(NOT_GRANTED).append(",QRadar,Active\n"); // forbidden by ContraForce
        for (int i = 1; i <= GOOD; i++) {
            csv.append("P-").append(i).append(',').append(WS).append(",Sentinel,Closed\n");
        }
        long fileBytes = csv.toString().getBytes(StandardCharsets.UTF_8).length;
        int rows = GOOD + 3;

        try (PlaybookHarness h = PlaybookHarness.start(data, Path.of("config"),
                Map.of("playbooks.progress.interval", "0"))) {
            Path done = h.awaitDone(h.drop("bulk", "progress.csv", csv.toString()));
            Path result = done.resolveSibling("progress.csv.result.json");
            assertThat(result).exists();

            List<ILoggingEvent> events = List.copyOf(bulkLines.list);
            List<ILoggingEvent> progress = events.stream()
                    .filter(e -> PROGRESS.matcher(e.getFormattedMessage()).matches()).toList();
            // one line per bad row (both read before the first call) and one per call: 100 + 100 + 51 rows
            assertThat(progress).extracting(e -> rowsDone(e.getFormattedMessage()))
                    .containsExactly(1L, 2L, 102L, 202L, (long) rows);
            ILoggingEvent last = progress.get(progress.size() - 1);
            assertThat(last.getLevel()).isEqualTo(Level.INFO);
            assertThat(last.getFormattedMessage()).contains(" 253 rows done, 100 % of the file read, ");
            assertThat(fields(last)).containsEntry("playbook", "bulk-incident-update")
                    .containsEntry("file", "progress.csv").containsEntry("rows", (long) rows)
                    .containsEntry("sent", (long) GOOD).containsEntry("forbidden", 1L).containsEntry("invalid", 2L)
                    .containsEntry("fileBytes", fileBytes).containsEntry("bytesRead", fileBytes)
                    .containsEntry("percent", 100L);

            ILoggingEvent totals = events.get(events.size() - 1);
            assertThat(totals.getFormattedMessage()).matches("bulk-incident-update: progress\\.csv: 253 rows in "
                    + "\\d+\\.\\d s \\([\\d.,]+ rows/s\\): 250 sent, 1 forbidden, 0 failed, 2 invalid \\(result: "
                    + Pattern.quote(result.toString()) + "\\)");
            assertThat(fields(totals)).containsEntry("progress", "done").containsEntry("rows", (long) rows)
                    .containsEntry("result", result.toString());

            Map<String, DeadLetter> letters = h.deadLetters().stream()
                    .collect(Collectors.toMap(DeadLetter::incidentKey, d -> d));
            List<String> lines = outcomeLines.list.stream().map(e -> e.getLevel() + " " + e.getFormattedMessage())
                    .toList();
            String head = "bulk-incident-update: ContraForce bulk-update-incidents ";
            // 251 good rows in calls of 100 + 100 + 51 (P-F, forbidden, in the first): one INFO line per call
            assertThat(lines).filteredOn(l -> l.startsWith("INFO " + head)).hasSize(3)
                    .allMatch(l -> l.matches("INFO " + Pattern.quote(head) + "\\d+ incidents -> \\d+ sent, \\d "
                            + "dead-lettered \\(HTTP 200, request [0-9a-f-]{36}, \\d+ ms\\)"), "a call line")
                    .extracting(l -> l.replaceAll(" \\(HTTP.*", "").substring(("INFO " + head).length()))
                    .containsExactly("100 incidents -> 99 sent, 1 dead-lettered",
                            "100 incidents -> 100 sent, 0 dead-lettered", "51 incidents -> 51 sent, 0 dead-lettered");
            List<ILoggingEvent> callEvents = outcomeLines.list.stream()
                    .filter(e -> e.getLevel() == Level.INFO && e.getFormattedMessage().startsWith(head)).toList();
            assertThat(fields(callEvents.get(0))).containsEntry("playbook", "bulk-incident-update")
                    .containsEntry("vendor", "ContraForce").containsEntry("operation", "bulk-update-incidents")
                    .containsEntry("httpStatus", 200L).containsEntry("incidents", 100L).containsEntry("sent", 99L)
                    .containsEntry("deadLettered", 1L).containsKeys("requestId", "durationMs")
                    .doesNotContainKey("incidentKey");
            assertThat(lines).filteredOn(l -> l.startsWith("DEBUG " + head)).hasSize(GOOD)
                    .allMatch(l -> l.matches("DEBUG " + Pattern.quote(head) + "Sentinel:P-\\d+ -> sent "
                            + "\\(HTTP 200, request [0-9a-f-]{36}, \\d+ ms\\)"), "a sent line");
            assertThat(lines).filteredOn(l -> l.contains("QRadar:P-F")).singleElement().asString()
                    .matches("WARN " + Pattern.quote(head) + "QRadar:P-F -> dead-lettered \\(HTTP 403, request "
                            + "[0-9a-f-]{36}, \\d+ ms\\): dead letter " + letters.get("QRadar:P-F").id()
                            + ": 403 FORBIDDEN .*INSUFFICIENT_WORKSPACE_ROLE.*");
            assertThat(lines).filteredOn(l -> l.contains("Sentinel:P-BAD")).singleElement().asString()
                    .as("a bad row was never sent: no HTTP status, request or duration")
                    .isEqualTo("WARN " + head + "Sentinel:P-BAD -> dead-lettered: dead letter "
                            + letters.get("Sentinel:P-BAD").id() + ": " + letters.get("Sentinel:P-BAD").reason());
        }
    }

    private static long rowsDone(String message) {
        Matcher m = PROGRESS.matcher(message);
        assertThat(m.matches()).isTrue();
        return Long.parseLong(m.group(1).replace(",", ""));
    }

    /** The event's structured fields (SLF4J key-value pairs), numbers as longs. */
    static Map<String, Object> fields(ILoggingEvent e) {
        Map<String, Object> out = new LinkedHashMap<>();
        List<KeyValuePair> pairs = e.getKeyValuePairs();
        for (KeyValuePair kv : pairs == null ? List.<KeyValuePair>of() : pairs) {
            out.put(kv.key, kv.value instanceof Integer i ? (Object) i.longValue() : kv.value);
        }
        return out;
    }
}
