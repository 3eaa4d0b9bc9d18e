package org.soarplaybooks.engine.reload;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides whether a saved playbook file may replace the running version. The reloader asks it before it touches a
 * running route; any problem refuses the save and the previous version keeps running.
 *
 * <p>To plug in another checker (the playbook validator, say), adapt its findings to lines, for example
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

    /**
     * Adapts a check that throws on the first problem (as the engine's start-up checks do) into a
     * {@link PlaybookFileCheck}: the exception message {@code FILE:LINE:COLUMN: reason} or {@code FILE: reason}
     * becomes one line {@code FILE:LINE:COLUMN: error: reason} (1:1 when the message has no place).
     */
    static PlaybookFileCheck firstProblemOf(Consumer<Path> throwingCheck) {
        return file -> {
            try {
                throwingCheck.accept(file);
                return List.of();
            } catch (RuntimeException e) {
                return List.of(asProblemLine(file, e.getMessage()));
            }
        };
    }

    /** {@code FILE:LINE:COLUMN: error: reason} from a message that may start with the file and a place. */
    static String asProblemLine(Path file, String message) {
        String text = message == null ? "invalid playbook file" : message.strip();
        String prefix = file.toString();
        if (text.startsWith(prefix)) {
            text = text.substring(prefix.length());
        }
        Matcher placed = Pattern.compile("^:(\\d+):(\\d+):\\s*(.*)$", Pattern.DOTALL).matcher(text);
        if (placed.matches()) {
            return file + ":" + placed.group(1) + ":" + placed.group(2) + ": error: " + oneLine(placed.group(3));
        }
        if (text.startsWith(":")) {
            text = text.substring(1);
        }
        return file + ":1:1: error: " + oneLine(text);
    }

    private static String oneLine(String s) {
        return s.replaceAll("\\s+", " ").trim();
    }
}
