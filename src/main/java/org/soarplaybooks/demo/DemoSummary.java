package org.soarplaybooks.demo;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.soarplaybooks.audit.AuditLog;
import org.soarplaybooks.audit.AuditRecord;
import org.soarplaybooks.deadletter.DeadLetter;
import org.soarplaybooks.deadletter.DeadLetterStore;
import org.soarplaybooks.engine.PlaybookBeans;

/**
 * Counts, per playbook, what became of the demo's files and incidents, from what the engine left in the data
 * folder: the inbox's {@code .done/} and {@code .failed/}, the audit trail and the dead-letter store.
 */
final class DemoSummary {

    /**
     * One playbook's figures.
     *
     * @param incidents the incidents in its sample files
     * @param accepted  audit records {@code sent}
     * @param forbidden dead letters the vendor forbade (problem code {@code FORBIDDEN})
     * @param failed    other dead letters
     */
    record Row(String playbook, long files, long done, long failedFiles, int incidents, long accepted,
               long forbidden, long failed) {

        /** Every file processed and every incident either accepted or in the dead-letter store. */
        boolean accountedFor() {
            return failedFiles == 0 && done == files && accepted + forbidden + failed == incidents;
        }
    }

    private final List<AuditRecord> audit;
    private final Map<String, DeadLetter> deadLetters = new HashMap<>();

    DemoSummary(Path dataDir) {
        var mapper = PlaybookBeans.newMapper();
        this.audit = new AuditLog(dataDir.resolve("audit"), mapper).readAll();
        for (DeadLetter d : new DeadLetterStore(dataDir.resolve("dead-letter"), mapper).list()) {
            deadLetters.put(d.id(), d);
        }
    }

    Row row(String playbook, Path inbox, int incidents) {
        long done = DemoRun.countFiles(inbox.resolve(".done"));
        long failedFiles = DemoRun.countFiles(inbox.resolve(".failed"));
        long pending = DemoRun.countFiles(inbox);
        long accepted = 0;
        long forbidden = 0;
        long failed = 0;
        for (AuditRecord r : audit) {
            if (!playbook.equals(r.playbook())) {
                continue;
            }
            if (AuditRecord.SENT.equals(r.result())) {
                accepted++;
            } else {
                DeadLetter d = deadLetters.get(r.deadLetterId());
                if (d != null && d.problem() != null && "FORBIDDEN".equals(d.problem().code())) {
                    forbidden++;
                } else {
                    failed++;
                }
            }
        }
        return new Row(playbook, done + failedFiles + pending, done, failedFiles, incidents, accepted, forbidden,
                failed);
    }

    static void print(PrintStream out, List<Row> rows, Map<String, Integer> calls, boolean ok, Duration took,
                      Path dataDir) {
        String fmt = "  %-26s %6s %6s %7s %10s %9s %10s %7s%n";
        out.println();
        out.printf(fmt, "playbook", "files", "done", "failed", "incidents", "accepted", "forbidden", "failed");
        long[] t = new long[7];
        for (Row r : rows) {
            out.printf(fmt, r.playbook(), r.files(), r.done(), r.failedFiles(), r.incidents(), r.accepted(),
                    r.forbidden(), r.failed());
            long[] v = {r.files(), r.done(), r.failedFiles(), r.incidents(), r.accepted(), r.forbidden(), r.failed()};
            for (int i = 0; i < v.length; i++) {
                t[i] += v[i];
            }
        }
        out.printf(fmt, "total", t[0], t[1], t[2], t[3], t[4], t[5], t[6]);
        out.println();
        out.println("  vendor calls (simulator)");
        calls.forEach((endpoint, n) -> out.printf("    %-40s %5d%n", endpoint, n));
        out.println();
        out.printf("  every incident accounted for: %s (%d of %d: %d accepted, %d forbidden and %d failed in the "
                        + "dead-letter store) in %.1f s%n", ok ? "yes" : "NO", t[4] + t[5] + t[6], t[3], t[4], t[5],
                t[6], took.toMillis() / 1000.0);
        out.println("  audit trail: " + dataDir.resolve("audit") + "   dead letters: "
                + dataDir.resolve("dead-letter"));
    }
}
