package org.soarplaybooks.engine.reload;

import java.nio.file.Path;
import java.util.List;

/**
 * Decides whether a saved playbook file may replace the running version. The reloader asks it before it touches a
 * running route; any problem refuses the save and the previous version keeps running.
 *
 * <p>The engine plugs in the playbook validator:
 * {@code file -> validator.validate(file).stream().filter(Finding::isError).map(Finding::toString).toList()}.
 */
@FunctionalInterface
public interface PlaybookFileCheck {

    /**
     * The problems that forbid loading {@code file}, one line each in the form
     * {@code <file>:<line>:<column>: error: <message>} (line and column 1-based; 1:1 when the problem has no place).
     * Empty when the file may be loaded. Must not throw for a broken file: a broken file is a problem line.
     */
    List<String> problems(Path file);
}
