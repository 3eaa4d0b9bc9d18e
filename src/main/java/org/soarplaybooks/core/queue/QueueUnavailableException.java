package org.soarplaybooks.core.queue;

/**
 * The broker did not take a send or a commit (it is stopped, unreachable, or its disk is full): nothing of the
 * transaction was stored, so the caller keeps its input (a webhook answers 503, an inbox file stays where it is).
 */
public final class QueueUnavailableException extends RuntimeException {

    public QueueUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
