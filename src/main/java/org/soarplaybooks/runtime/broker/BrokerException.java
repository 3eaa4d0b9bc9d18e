package org.soarplaybooks.runtime.broker;

/** The broker cannot be started or reached; the message names the broker (folder or URL) and the reason. */
public final class BrokerException extends RuntimeException {

    public BrokerException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The innermost message that says something, on one line. */
    static String reasonOf(Throwable failure) {
        String reason = null;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                reason = t.getMessage();
            }
        }
        return reason == null ? failure.getClass().getSimpleName() : reason.lines().findFirst().orElse(reason);
    }
}
