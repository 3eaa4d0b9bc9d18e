package org.soarplaybooks.demo;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.soarplaybooks.audit.AuditLog;
import org.soarplaybooks.audit.AuditRecord;
import org.soarplaybooks.deadletter.DeadLetter;
import org.soarplaybooks.deadletter.DeadLetterStore;
import org.soarplaybooks.engine.PlaybookBeans;

/**
 * Counts, per playbook, what became of the demo's files and incidents, from what the engine left in the data
 * folder: the inboxes' {@code .done/} and {@code .failed/}, the audit trail and the dead-letter store.
 *
 * <p>An incident is counted once, whatever number of vendors it goes to: for a playbook that updates two vendors
 * per incident (OneTrust and Adversarial), an incident is accepted only when every vendor accepted it, and
 * forbidden or failed when one did not. Audit records {@code retried} are not outcomes and are not counted.
 */
final class DemoSummary {

    /**
     * One playbook's figures.
     *
     * @param files       input files dropped into its inboxes
     * @param done        files in {@code .done/}
     * @param failedFiles files in {@code .failed/}
     * @param incidents   the incidents in its files
     * @param skipped     incidents it skips by rule (nothing is sent, so no audit record)
     * @param accepted    incidents every vendor accepted (audit records {@code sent})
     * @param forbidden   incidents a vendor forbade (dead letters with problem code {@code FORBIDDEN})
     * @param failed      incidents with another dead letter
     * @param retried     failed attempts that were tried again (audit records {@code retried}): not outcomes, shown
     *                    so the demo's passing 429 and 503 are visible
     */
    record Row(String playbook, long files, long done, long failedFiles, int incidents, int skipped, long accepted,
               long forbidden, long failed, long retried) {

        /** Every file processed and every incident skipped, accepted or in the dead-letter store. */
        boolean accountedFor() {
            return failedFiles == 0 && done == files && skipped + accepted + forbidden + failed == incidents;
        }
    }

    private static final int SENT = 0;
    private static final int FORBIDDEN = 1;
    private static final int FAILED = 2;

    private final List<AuditRecord> audit;
    private final Map<String, DeadLetter> deadLetters = new HashMap<>();

    DemoSummary(Path dataDir) {
        var mapper = PlaybookBeans.newMapper();
        this.audit = new AuditLog(dataDir.resolve("audit"), mapper).readAll();
        for (DeadLetter d : new DeadLetterStore(dataDir.resolve("dead-letter"), mapper).list()) {
            deadLetters.put(d.id(), d);
        }
    }

    /**
     * @param inboxes   the playbook's inbox folders
     * @param incidents the incidents in its files
     * @param skipped   how many of them it skips by rule
     */
    Row row(String playbook, List<Path> inboxes, int incidents, int skipped) {
        long done = 0;
        long failedFiles = 0;
        long pending = 0;
        for (Path inbox : inboxes) {
            done += DemoRun.countFiles(inbox.resolve(".done"));
            failedFiles += DemoRun.countFiles(inbox.resolve(".failed"));
            pending += DemoRun.countFiles(inbox);
        }
        // incident key -> vendor -> outcomes {sent, forbidden, failed}
        Map<String, Map<String, long[]>> outcomes = new LinkedHashMap<>();
        for (AuditRecord r : audit) {
            int kind = kind(r);
            if (playbook.equals(r.playbook()) && kind >= 0) {
                outcomes.computeIfAbsent(r.incidentKey(), k -> new HashMap<>())
                        .computeIfAbsent(r.vendor(), v -> new long[3])[kind]++;
            }
        }
        long accepted = 0;
        long forbidden = 0;
        long failed = 0;
        for (Map<String, long[]> byVendor : outcomes.values()) {
            // the same key may stand for several incidents (two threats with one id): count per vendor, take the most
            long n = 0;
            long f = 0;
            long x = 0;
            for (long[] o : byVendor.values()) {
                n = Math.max(n, o[SENT] + o[FORBIDDEN] + o[FAILED]);
                f = Math.max(f, o[FORBIDDEN]);
                x = Math.max(x, o[FAILED]);
            }
            f = Math.min(f, n);
            x = Math.min(x, n - f);
            forbidden += f;
            failed += x;
            accepted += n - f - x;
        }
        long retried = audit.stream()
                .filter(r -> playbook.equals(r.playbook()) && AuditRecord.RETRIED.equals(r.result())).count();
        return new Row(playbook, done + failedFiles + pending, done, failedFiles, incidents, skipped, accepted,
                forbidden, failed, retried);
    }

    /** {@link #SENT}, {@link #FORBIDDEN}, {@link #FAILED}, or -1 for a record that is no outcome ({@code retried}). */
    private int kind(AuditRecord r) {
        if (AuditRecord.SENT.equals(r.result()) || AuditRecord.WOULD_SEND.equals(r.result())) {
            return SENT; // a dry run's would-send counts as accepted: the vendor's answer is taken as success
        }
        if (!AuditRecord.DEAD_LETTERED.equals(r.result())) {
            return -1;
        }
        DeadLetter d = deadLetters.get(r.deadLetterId());
        return d != null && d.problem() != null && "FORBIDDEN".equals(d.problem().code()) ? FORBIDDEN : FAILED;
    }

    static void print(PrintStream out, List<Row> rows, Map<String, Integer> calls, boolean ok, Duration took,
                      Path dataDir) {
        String fmt = "  %-36s %5s %5s %6s %9s %7s %8s %9s %6s %7s%n";
        out.println();
        out.printf(fmt, "playbook", "files", "done", "failed", "incidents", "skipped", "accepted", "forbidden",
                "failed", "retried");
        long[] t = new long[9];
        for (Row r : rows) {
            long[] v = {r.files(), r.done(), r.failedFiles(), r.incidents(), r.skipped(), r.accepted(), r.forbidden(),
                r.failed(), r.retried()};
            out.printf(fmt, r.playbook(), v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8]);
            for (int i = 0; i < v.length; i++) {
                t[i] += v[i];
            }
        }
        out.printf(fmt, "total", t[0], t[1], t[2], t[3], t[4], t[5], t[6], t[7], t[8]);
        out.println();
        out.println("  vendor calls (simulator)");
        calls.forEach((endpoint, n) -> out.printf("    %-40s %5d%n", endpoint, n));
        out.println();
        out.printf("  every incident accounted for: %s (%d of %d: %d skipped by rule, %d accepted, %d forbidden and %d"
                        + " failed in the dead-letter store) in %.1f s%n", ok ? "yes" : "NO",
                t[4] + t[5] + t[6] + t[7], t[3], t[4], t[5], t[6], t[7], took.toMillis() / 1000.0);
        if (t[8] > 0) {
            out.printf("  %d incident(s) were tried again after a failed attempt and then went through (the simulator"
                    + " answers its first status update with 429 and Retry-After: 1, its first bulk update with 503):"
                    + " nothing was lost%n", t[8]);
        }
        out.println("  audit trail: " + dataDir.resolve("audit") + "   dead letters: "
                + dataDir.resolve("dead-letter"));
    }

    /**
     * The last line: the playbook queues at the end (messages on each, waiting, scheduled or being run).
     *
     * @param depths messages per queue ({@code playbook.<id>}), read just before the engine stopped
     */
    static void printQueues(PrintStream out, Map<String, Long> depths) {
        long left = depths.values().stream().mapToLong(Long::longValue).sum();
        if (left == 0) {
            out.printf("  queues: every playbook queue is empty (%d queues)%n", depths.size());
        } else {
            out.printf("  queues: %d message(s) still queued: %s%n", left, depths);
        }
    }
}
