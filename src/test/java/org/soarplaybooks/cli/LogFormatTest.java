package org.soarplaybooks.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.soarplaybooks.audit.AuditLog;
import org.soarplaybooks.audit.AuditRecord;
import org.soarplaybooks.deadletter.DeadLetter;
import org.soarplaybooks.deadletter.DeadLetterStore;
import org.soarplaybooks.engine.PlaybookBeans;
import org.soarplaybooks.simulator.SimulatorCredentials;

/**
 * {@code --log-format json} as a user runs it: the demo (the shipped playbooks against the vendor simulator) in a
 * separate JVM, its standard error read back line by line. Every line is one JSON object; the action lines carry
 * the fields of the audit record they match, for an incident sent and one dead-lettered. The demo's progress goes
 * to standard output as plain lines (not a terminal).
 */
class LogFormatTest {

    /** The engine's JSON mapper (ISO-8601 times), for the log lines and the data folder. */
    static final ObjectMapper JSON = PlaybookBeans.newMapper();

    @Test
    void jsonLinesCarryTheActionFieldsOfSentAndDeadLetteredIncidents(@TempDir Path tmp) throws Exception {
        Path data = tmp.resolve("data");
        Path out = tmp.resolve("stdout.txt");
        Path err = tmp.resolve("stderr.txt");
        Process p = CliTest.command("demo", "--log-format", "json", "--data", data.toString())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(180, TimeUnit.SECONDS)).as("the demo ended").isTrue();
        assertThat(p.exitValue()).as(Files.readString(out)).isZero();

        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(err, StandardCharsets.UTF_8)) {
            lines.add(JSON.readTree(line)); // throws if a line is not JSON
        }
        assertThat(lines).isNotEmpty().allSatisfy(l -> {
            assertThat(l.isObject()).isTrue();
            assertThat(l.path("time").asText()).endsWith("Z");
            assertThat(Instant.parse(l.path("time").asText())).isBefore(Instant.now());
            assertThat(l.path("level").asText()).isIn("INFO", "WARN", "ERROR");
            assertThat(l.path("logger").asText()).isNotEmpty();
            assertThat(l.path("thread").asText()).isNotEmpty();
            assertThat(l.path("message").asText()).isNotEmpty();
        });
        List<AuditRecord> audit = new AuditLog(data.resolve("audit"), JSON).readAll();

        JsonNode sent = actionLine(lines, "sentinel-incident-sync", "Sentinel:1505", AuditRecord.SENT);
        AuditRecord sentRecord = record(audit, "sentinel-incident-sync", "Sentinel:1505", AuditRecord.SENT);
        assertThat(sent.path("level").asText()).isEqualTo("INFO");
        assertThat(sent.path("logger").asText()).isEqualTo("soar.outcome");
        assertThat(sent.path("vendor").asText()).isEqualTo("ContraForce");
        assertThat(sent.path("operation").asText()).isEqualTo("update-incident-status");
        assertThat(sent.path("httpStatus").isInt()).isTrue();
        assertThat(sent.path("httpStatus").asInt()).isEqualTo(204);
        assertThat(sent.path("durationMs").isNumber()).isTrue();
        assertThat(sent.path("durationMs").asLong()).isEqualTo(sentRecord.durationMs());
        assertThat(sent.has("deadLetterId")).isFalse();
        assertThat(sent.path("message").asText()).isEqualTo("sentinel-incident-sync: ContraForce "
                + "update-incident-status Sentinel:1505 -> sent (HTTP 204, " + sentRecord.durationMs() + " ms)");

        // ContraForce forbids the flat v2.0 threat's workspace: a dead letter with the vendor's request id
        DeadLetter letter = new DeadLetterStore(data.resolve("dead-letter"), JSON).list().stream()
                .filter(d -> d.incidentKey().equals("SentinelOne:11111111111111")).findFirst().orElseThrow();
        AuditRecord deadRecord = record(audit, "sentinelone-threat-sync", "SentinelOne:11111111111111",
                AuditRecord.DEAD_LETTERED);
        JsonNode dead = actionLine(lines, "sentinelone-threat-sync", "SentinelOne:11111111111111",
                AuditRecord.DEAD_LETTERED);
        assertThat(dead.path("level").asText()).isEqualTo("WARN");
        assertThat(dead.path("vendor").asText()).isEqualTo("ContraForce");
        assertThat(dead.path("operation").asText()).isEqualTo("bulk-update-incidents");
        assertThat(dead.path("httpStatus").asInt()).isEqualTo(403);
        assertThat(dead.path("requestId").asText()).isNotEmpty().isEqualTo(deadRecord.requestId());
        assertThat(dead.path("durationMs").asLong()).isEqualTo(deadRecord.durationMs());
        assertThat(dead.path("deadLetterId").asText()).isEqualTo(letter.id());
        assertThat(dead.path("reason").asText()).isEqualTo(letter.reason()).contains("INSUFFICIENT_WORKSPACE_ROLE");

        // a bulk call of several threats that ContraForce accepted: one INFO line for the call, counts as numbers
        JsonNode call = lines.stream().filter(l -> "sentinelone-threat-sync".equals(l.path("playbook").asText())
                        && l.has("incidents") && l.has("sent")).findFirst()
                .orElseThrow(() -> new AssertionError("no call line of sentinelone-threat-sync"));
        String callRequest = call.path("requestId").asText();
        long audited = audit.stream().filter(r -> AuditRecord.SENT.equals(r.result())
                && callRequest.equals(r.requestId())).count();
        assertThat(call.path("level").asText()).isEqualTo("INFO");
        assertThat(call.path("operation").asText()).isEqualTo("bulk-update-incidents");
        assertThat(call.has("incidentKey")).isFalse();
        assertThat(call.path("incidents").isInt() && call.path("sent").isInt() && call.path("deadLettered").isInt())
                .isTrue();
        assertThat(call.path("incidents").asInt()).isGreaterThan(1);
        assertThat(call.path("sent").asLong()).as("one sent audit record per sent incident").isEqualTo(audited);
        assertThat(call.path("sent").asInt() + call.path("deadLettered").asInt())
                .isEqualTo(call.path("incidents").asInt());
        assertThat(call.path("message").asText()).isEqualTo("sentinelone-threat-sync: ContraForce "
                + "bulk-update-incidents " + call.path("incidents").asInt() + " incidents -> "
                + call.path("sent").asInt() + " sent, " + call.path("deadLettered").asInt() + " dead-lettered (HTTP "
                + call.path("httpStatus").asInt() + ", request " + callRequest + ", "
                + call.path("durationMs").asLong() + " ms)");

        String stderr = Files.readString(err, StandardCharsets.UTF_8);
        assertThat(stderr).as("no secret in any line").doesNotContain(SimulatorCredentials.DEMO_CLIENT_SECRET,
                SimulatorCredentials.DEMO_SENTINELONE_API_TOKEN, SimulatorCredentials.DEMO_ONETRUST_CLIENT_SECRET,
                SimulatorCredentials.DEMO_ADVERSARIAL_CLIENT_SECRET, Base64.getEncoder().encodeToString(
                        (SimulatorCredentials.DEMO_CLIENT_ID + ":" + SimulatorCredentials.DEMO_CLIENT_SECRET)
                                .getBytes(StandardCharsets.UTF_8)));

        List<String> progress = Files.readAllLines(out, StandardCharsets.UTF_8).stream()
                .filter(l -> l.startsWith("demo: ")).toList();
        assertThat(progress).isNotEmpty()
                .allMatch(l -> l.matches("demo: \\d+ of 20 incidents accounted for \\(\\d+\\.\\d/s\\)"),
                        "a progress line");
        assertThat(progress.get(progress.size() - 1)).startsWith("demo: 20 of 20 incidents accounted for (");
        assertThat(Files.readString(out)).as("plain lines when not on a terminal").doesNotContain("\r");
    }

    @Test
    void anUnknownLogFormatIsExit2WithOneLine(@TempDir Path tmp) throws Exception {
        Path err = tmp.resolve("stderr.txt");
        Process p = CliTest.command("replay", "--list", "--log-format", "xml", "--data", tmp.toString())
                .redirectOutput(tmp.resolve("stdout.txt").toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the CLI ended").isTrue();

        assertThat(p.exitValue()).isEqualTo(2);
        assertThat(Files.readString(err).strip()).isEqualTo("error: Invalid value for option '--log-format': 'xml' "
                + "is not a log format (text or json) (see --help)");
    }

    private static JsonNode actionLine(List<JsonNode> lines, String playbook, String incidentKey, String result) {
        return lines.stream().filter(l -> playbook.equals(l.path("playbook").asText())
                        && incidentKey.equals(l.path("incidentKey").asText())
                        && result.equals(l.path("result").asText()))
                .findFirst().orElseThrow(() -> new AssertionError("no " + result + " line for " + incidentKey));
    }

    private static AuditRecord record(List<AuditRecord> audit, String playbook, String incidentKey, String result) {
        return audit.stream().filter(r -> playbook.equals(r.playbook()) && incidentKey.equals(r.incidentKey())
                && result.equals(r.result())).findFirst().orElseThrow();
    }
}
