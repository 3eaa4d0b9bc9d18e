package org.soarplaybooks.bulk;

import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;
import org.soarplaybooks.progress.ProgressMeter;

/**
 * Progress lines of one bulk file (logger {@code soar.bulk}, INFO): at most one line per interval
 * ({@code playbooks.progress.interval}, milliseconds) while the file runs, and a last line with the totals.
 *
 * <p>The share done is the share of the file's bytes read, not of its rows: the row count is not known without
 * reading the file twice, and a CSV row may span lines. Text:
 * {@code bulk-incident-update: updates.csv: 40,000 rows done, 20 % of the file read, 13,400 rows/s}, then
 * {@code bulk-incident-update: updates.csv: 200,000 rows in 14.9 s (13,400 rows/s): 199,990 sent, 0 forbidden,
 * 0 failed, 10 invalid (result: ...)}.
 *
 * <p>Structured fields ({@code --log-format json}): {@code playbook}, {@code file}, {@code rows} (rows with an
 * outcome), {@code sent}, {@code forbidden}, {@code failed}, {@code invalid}, {@code ratePerSecond} (rows per
 * second, one decimal), {@code elapsedMs}; while running also {@code bytesRead}, {@code fileBytes} and
 * {@code percent}; the last line {@code result} (the result file) and {@code progress: "done"}.
 */
final class BulkProgress {

    private static final Logger LOG = LoggerFactory.getLogger("soar.bulk");

    private final String playbook;
    private final String file;
    private final long fileBytes;
    private final ProgressMeter meter;

    /**
     * @param fileBytes      the file's size in bytes (0 when unknown: no percentage then)
     * @param intervalMillis the least time between two progress lines, milliseconds
     */
    BulkProgress(String playbook, String file, long fileBytes, long intervalMillis) {
        this.playbook = playbook;
        this.file = file;
        this.fileBytes = fileBytes;
        this.meter = new ProgressMeter(intervalMillis);
    }

    /** Called whenever rows got their outcome; logs a line if one is due. */
    void update(BulkCounts c, long bytesRead) {
        if (!LOG.isInfoEnabled() || !meter.due()) {
            return;
        }
        long done = done(c);
        double rate = meter.ratePerSecond(done);
        StringBuilder line = new StringBuilder(96).append(playbook).append(": ").append(file).append(": ")
                .append(ProgressMeter.count(done)).append(" rows done");
        LoggingEventBuilder e = fields(LOG.atInfo(), c, rate);
        if (fileBytes > 0 && bytesRead >= 0) {
            long percent = ProgressMeter.percent(bytesRead, fileBytes);
            line.append(", ").append(percent).append(" % of the file read");
            e = e.addKeyValue("bytesRead", Math.min(bytesRead, fileBytes)).addKeyValue("fileBytes", fileBytes)
                    .addKeyValue("percent", percent);
        }
        line.append(", ").append(ProgressMeter.rate(rate)).append(" rows/s");
        e.log(line.toString());
    }

    /** The last line: totals, time taken and rate, and where the result file is. */
    void finished(BulkCounts c, Path result) {
        if (!LOG.isInfoEnabled()) {
            return;
        }
        long done = done(c);
        double rate = meter.ratePerSecond(done);
        String line = String.format(java.util.Locale.ROOT, "%s: %s: %s rows in %.1f s (%s rows/s): %s sent, %s "
                        + "forbidden, %s failed, %s invalid (result: %s)", playbook, file, ProgressMeter.count(done),
                meter.elapsedMillis() / 1000.0, ProgressMeter.rate(rate), ProgressMeter.count(c.sent()),
                ProgressMeter.count(c.forbidden()), ProgressMeter.count(c.failed()), ProgressMeter.count(c.invalid()),
                result);
        fields(LOG.atInfo(), c, rate).addKeyValue("result", result.toString()).addKeyValue("progress", "done")
                .log(line);
    }

    private LoggingEventBuilder fields(LoggingEventBuilder e, BulkCounts c, double rate) {
        return e.addKeyValue("playbook", playbook).addKeyValue("file", file).addKeyValue("rows", done(c))
                .addKeyValue("sent", c.sent()).addKeyValue("forbidden", c.forbidden())
                .addKeyValue("failed", c.failed()).addKeyValue("invalid", c.invalid())
                .addKeyValue("ratePerSecond", Math.round(rate * 10) / 10.0)
                .addKeyValue("elapsedMs", meter.elapsedMillis());
    }

    /** Rows with an outcome (rows in a batch still in flight are read but not done). */
    private static long done(BulkCounts c) {
        return c.sent() + c.forbidden() + c.failed() + c.invalid();
    }
}
