package org.soarplaybooks.logging;

import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.spi.LifeCycle;
import ch.qos.logback.core.status.Status;
import ch.qos.logback.core.status.StatusListener;

/**
 * Logback's own status messages, as {@code logback.xml} (and {@link TextLogging}) registers it: only errors are
 * shown, one line each on standard error ({@code logging: <message>}). Without it logback would print its whole
 * start-up report on standard output whenever a warning came up, and with {@code logback.xml} one always does: the
 * appender of the format not chosen is not referenced (see {@link LogFormat}).
 */
public final class ConfigProblems extends ContextAwareBase implements StatusListener, LifeCycle {

    private boolean started;

    @Override
    public void addStatusEvent(Status status) {
        if (status.getEffectiveLevel() >= Status.ERROR) {
            System.err.println("logging: " + status.getMessage()
                    + (status.getThrowable() == null ? "" : ": " + status.getThrowable()));
        }
    }

    @Override
    public boolean isResetResistant() {
        return false;
    }

    @Override
    public void start() {
        started = true;
    }

    @Override
    public void stop() {
        started = false;
    }

    @Override
    public boolean isStarted() {
        return started;
    }
}
