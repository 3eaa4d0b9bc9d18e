package org.soarplaybooks.cli;

import java.io.PrintStream;
import org.soarplaybooks.engine.PlaybookEngine;

/**
 * The one JVM shutdown hook of a command that runs an engine: on SIGTERM or Ctrl-C it stops the engine gracefully
 * (in-flight work gets up to 30 s, see {@link PlaybookEngine#close()}) and prints {@code <command>: stopping; ...}
 * and {@code <command>: stopped} on standard output.
 *
 * <p>Register it before the engine starts: a signal during start-up then waits for the start to end and stops the
 * engine, instead of the JVM exiting under a half-started engine. The engine has no hook of its own (camel-main's
 * is turned off), so nothing else races this one.
 */
final class StopOnSignal {

    private final Thread hook;
    private volatile boolean signalled;

    private StopOnSignal(String command, PlaybookEngine engine, PrintStream out, Runnable stopped) {
        this.hook = new Thread(() -> {
            signalled = true;
            out.println(command + ": stopping; in-flight work gets up to 30 s");
            safeClose(engine);
            out.println(command + ": stopped");
            stopped.run();
        }, "soar-shutdown");
    }

    /**
     * Adds the hook.
     *
     * @param command the command name the two lines start with, e.g. {@code soar-playbooks} or {@code replay}
     * @param engine  the engine to stop; not started yet, or running
     * @param out     where the two lines go
     * @param stopped run once the engine has stopped (e.g. releases a thread waiting for the stop)
     * @return the registered hook; {@link #remove()} it after stopping the engine yourself
     * @throws IllegalStateException when the JVM is already shutting down
     */
    static StopOnSignal register(String command, PlaybookEngine engine, PrintStream out, Runnable stopped) {
        StopOnSignal signal = new StopOnSignal(command, engine, out, stopped);
        Runtime.getRuntime().addShutdownHook(signal.hook);
        return signal;
    }

    /** True once a signal started the stop (the engine stops or has stopped). */
    boolean signalled() {
        return signalled;
    }

    /** Removes the hook (the command stopped the engine itself); nothing when the JVM is shutting down already. */
    void remove() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // shutting down: the hook runs or ran, and stops an engine that may already be stopped (a no-op)
        }
    }

    /** Stops the engine; a failure to stop cleanly is one {@code warning:} line on standard error. */
    static void safeClose(PlaybookEngine engine) {
        try {
            engine.close();
        } catch (RuntimeException e) {
            System.err.println("warning: " + e.getMessage());
        }
    }
}
