package org.soarplaybooks.validate;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.Objects;

/**
 * One problem {@link PlaybookValidator} found in a file, printed as the compiler-style line
 * {@code <file>:<line>:<column>: error|warning: <message>}, e.g.
 * {@code routes/triage.camel.yaml:12:11: error: route.from.steps[0]: unknown key 'too' (did you mean 'to'?)}.
 *
 * @param file     the file as it was given to the validator (relative paths stay relative)
 * @param line     1-based line of the offending YAML node (1 for a problem with the whole file)
 * @param column   1-based column of the offending YAML node (1 for a problem with the whole file)
 * @param severity {@link Severity#ERROR} or {@link Severity#WARNING}
 * @param message  names the field (key path, Kamelet property or placeholder) and the reason; one line
 */
public record Finding(Path file, int line, int column, Severity severity, String message) {

    /** File, then line, then column: the order findings are printed in. */
    public static final Comparator<Finding> IN_FILE_ORDER = Comparator.comparing((Finding f) -> f.file().toString())
            .thenComparingInt(Finding::line).thenComparingInt(Finding::column);

    public Finding {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
        line = Math.max(1, line);
        column = Math.max(1, column);
    }

    /** An error at a position of {@code file}. */
    static Finding error(Path file, Position at, String message) {
        return new Finding(file, at.line(), at.column(), Severity.ERROR, message);
    }

    /** A warning at a position of {@code file}. */
    static Finding warning(Path file, Position at, String message) {
        return new Finding(file, at.line(), at.column(), Severity.WARNING, message);
    }

    /** Whether this finding is an {@link Severity#ERROR} (one that should stop the file from being loaded). */
    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** {@code <file>:<line>:<column>: error|warning: <message>}. */
    @Override
    public String toString() {
        return file + ":" + line + ":" + column + ": " + severity.label() + ": " + message;
    }
}
