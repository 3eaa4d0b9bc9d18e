package org.soarplaybooks.bulk;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;

/**
 * Writes {@code <file>.result.json}: the counts and every row's outcome, streamed from the run's outcome logs (merged
 * by line), never held in memory. Written to a temporary file in the same folder and renamed, so a reader never
 * sees half of it.
 *
 * <p>Shape: {@code {"file": "updates.csv", "playbook": "bulk-incident-update", "format": "csv",
 * "startedAt": "<UTC ISO-8601>", "finishedAt": "<UTC ISO-8601>", "error": "<why reading stopped; only when it did>",
 * "counts": {"rows", "sent", "forbidden", "failed", "invalid"}, "outcomes": [RowOutcome, ...]}}, outcomes in line
 * order.
 */
final class BulkResultFile {

    private BulkResultFile() {
    }

    /**
     * @param target     the result file, e.g. {@code <inbox>/.done/updates.csv.result.json}
     * @param finishedAt when the run ended (UTC)
     * @throws IOException when the folder cannot be written
     */
    static void write(Path target, BulkRun run, ObjectMapper mapper, Instant finishedAt) throws IOException {
        Files.createDirectories(target.getParent());
        Path tmp = Files.createTempFile(target.getParent(), ".tmp-", ".json");
        try {
            try (OutputStream out = Files.newOutputStream(tmp);
                 JsonGenerator g = mapper.getFactory().createGenerator(out)) {
                // one outcome per line, so the file reads (and greps) well however many rows it has
                DefaultIndenter lines = new DefaultIndenter("  ", "\n");
                g.setPrettyPrinter(new DefaultPrettyPrinter().withObjectIndenter(lines).withArrayIndenter(lines));
                g.writeStartObject();
                g.writeStringField("file", run.file());
                g.writeStringField("playbook", run.playbook());
                g.writeStringField("format", run.reader().format());
                g.writeStringField("startedAt", run.startedAt().toString());
                g.writeStringField("finishedAt", finishedAt.toString());
                if (run.error() != null) {
                    g.writeStringField("error", run.error());
                }
                g.writeFieldName("counts");
                mapper.writeValue(g, run.counts());
                g.writeArrayFieldStart("outcomes");
                try (BufferedReader a = run.sentLog().read(); BufferedReader b = run.invalidLog().read()) {
                    merge(a, b, g);
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Merges two logs of {@code <line>\t<json>} lines, each in line order, into one array in line order. */
    private static void merge(BufferedReader a, BufferedReader b, JsonGenerator g) throws IOException {
        String x = a.readLine();
        String y = b.readLine();
        while (x != null || y != null) {
            if (y == null || x != null && lineOf(x) < lineOf(y)) {
                g.writeRawValue(x.substring(x.indexOf('\t') + 1));
                x = a.readLine();
            } else {
                g.writeRawValue(y.substring(y.indexOf('\t') + 1));
                y = b.readLine();
            }
        }
    }

    private static long lineOf(String logLine) {
        return Long.parseLong(logLine, 0, logLine.indexOf('\t'), 10);
    }
}
