package org.soarplaybooks.demo;

import java.io.PrintStream;
import org.soarplaybooks.progress.ProgressMeter;

/**
 * The demo's progress while it waits for the playbooks: {@code demo: 12 of 20 incidents accounted for (4.1/s)}
 * (accounted for: skipped by rule, accepted, or in the dead-letter store; the rate since the samples were dropped).
 * On a terminal it is one line, rewritten in place a few times a second and ended when the wait ends; otherwise a
 * plain line every two seconds and a last one when the wait ends.
 */
final class DemoProgress {

    /** How often the line is rewritten on a terminal, milliseconds. */
    static final long TERMINAL_INTERVAL_MILLIS = 250;
    /** How often a plain line is printed, milliseconds. */
    static final long PLAIN_INTERVAL_MILLIS = 2000;

    private final PrintStream out;
    private final boolean terminal;
    private final int total;
    private final ProgressMeter meter;
    private int lastLength;

    /**
     * @param terminal whether {@code out} is a terminal (rewrite one line) or not (plain lines)
     * @param total    the incidents of the demo files
     */
    DemoProgress(PrintStream out, boolean terminal, int total) {
        this.out = out;
        this.terminal = terminal;
        this.total = total;
        this.meter = new ProgressMeter(terminal ? TERMINAL_INTERVAL_MILLIS : PLAIN_INTERVAL_MILLIS);
    }

    /** Whether a line is due now (the caller then counts and calls {@link #show}). */
    boolean due() {
        return meter.due();
    }

    /** Shows the count now. */
    void show(int accountedFor) {
        String line = line(accountedFor);
        if (terminal) {
            // pad over the longer line before, so no characters of it remain
            out.print("\r" + line + " ".repeat(Math.max(0, lastLength - line.length())));
            lastLength = line.length();
        } else {
            out.println(line);
        }
        out.flush();
    }

    /** The last count: ends the terminal line, or prints a last plain line. */
    void finish(int accountedFor) {
        show(accountedFor);
        if (terminal) {
            out.println();
        }
    }

    String line(int accountedFor) {
        return "demo: " + accountedFor + " of " + total + " incidents accounted for ("
                + ProgressMeter.rate(meter.ratePerSecond(accountedFor)) + "/s)";
    }
}
