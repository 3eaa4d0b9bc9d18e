package org.soarplaybooks.core.queue;

/**
 * A transaction carried a message whose duplicate id the broker has seen on that queue before (Artemis duplicate
 * detection, {@code _AMQ_DUPL_ID}): the broker refused the whole transaction, nothing of it was stored.
 */
public final class DuplicateMessageException extends RuntimeException {

    public DuplicateMessageException(String message, Throwable cause) {
        super(message, cause);
    }
}
