package org.soarplaybooks.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Stops an engine running in a child JVM as an operator does (SIGTERM) and fails, with what is needed to see why,
 * when it does not stop within the 30 s grace period (plus 5 s): a thread dump of the child ({@code jcmd
 * Thread.print}, taken before it is killed) and the last lines of its logs.
 */
public final class GracefulStop {

    /** The engine's grace period for in-flight work (30 s) and 5 s to spare. */
    public static final long MAX_SECONDS = 35;

    private GracefulStop() {
    }

    /**
     * Sends SIGTERM and waits for the exit; the child is killed in any case before this returns.
     *
     * @param logs the child's output files, their last 40 lines go into the failure
     * @throws AssertionError when the child has not exited after {@link #MAX_SECONDS} s
     */
    public static void stop(Process p, Path... logs) throws InterruptedException {
        p.destroy(); // SIGTERM: graceful stop
        try {
            if (!p.waitFor(MAX_SECONDS, TimeUnit.SECONDS)) {
                throw new AssertionError("the engine (pid " + p.pid() + ") did not stop within " + MAX_SECONDS
                        + " s of SIGTERM; its threads:\n" + threadDump(p) + tails(logs));
            }
        } finally {
            p.destroyForcibly();
        }
    }

    /**
     * Stops the child after a test body failed, keeping that failure: a stop that fails too is added to it as a
     * suppressed exception, the logs' tails too.
     */
    public static void stopAfterFailure(Throwable failure, Process p, Path... logs) {
        failure.addSuppressed(new AssertionError("the engine's logs when the test failed:" + tails(logs)));
        try {
            stop(p, logs);
        } catch (AssertionError | InterruptedException e) {
            failure.addSuppressed(e);
        }
    }

    private static String threadDump(Process p) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        try {
            Process dump = new ProcessBuilder(jcmd.toString(), String.valueOf(p.pid()), "Thread.print")
                    .redirectErrorStream(true).start();
            String text = new String(dump.getInputStream().readAllBytes());
            dump.waitFor(20, TimeUnit.SECONDS);
            return text;
        } catch (IOException | InterruptedException e) {
            return "(no thread dump: " + e + ")";
        }
    }

    private static String tails(Path... logs) {
        StringBuilder b = new StringBuilder();
        for (Path log : logs) {
            List<String> lines = new ArrayList<>();
            try {
                if (Files.exists(log)) {
                    lines = Files.readAllLines(log);
                }
            } catch (IOException e) {
                lines = List.of("(unreadable: " + e + ")");
            }
            b.append("\n--- last lines of ").append(log).append(":\n")
                    .append(String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size())));
        }
        return b.toString();
    }
}
