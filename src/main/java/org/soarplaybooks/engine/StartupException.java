package org.soarplaybooks.engine;

/**
 * The engine cannot start: a missing or unreadable configuration file, a broken playbook file, a mapping file
 * with an unknown value. The message is one line naming the file and the reason; the CLI prints it and exits 2.
 */
public class StartupException extends RuntimeException {

    public StartupException(String message) {
        super(message);
    }

    public StartupException(String message, Throwable cause) {
        super(message, cause);
    }
}
