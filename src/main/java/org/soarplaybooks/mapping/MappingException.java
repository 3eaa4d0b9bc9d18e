package org.soarplaybooks.mapping;

import java.util.List;

/**
 * A problem with the status mapping file ({@code config/mapping.yaml}): it is missing, is not valid YAML, fails the
 * start-up check, or has no entry for a value met at run time.
 *
 * <p>The message always starts with the file path and names the key path and the offending value, e.g.
 * {@code config/mapping.yaml: sentinel.status.Actve: 'Actve' is not a Microsoft Sentinel status (allowed: New,
 * Active, Closed)} or {@code config/mapping.yaml has no sentinel.status entry for 'Archived'}. When the start-up
 * check finds several problems, the message holds one per line and {@link #problems()} lists them.
 */
public class MappingException extends RuntimeException {

    private final List<String> problems;

    /** One problem; {@code message} is the full text, file path included. */
    public MappingException(String message) {
        this(message, (Throwable) null);
    }

    /** One problem caused by {@code cause} (an I/O or YAML parser error). */
    public MappingException(String message, Throwable cause) {
        super(message, cause);
        this.problems = List.of(message);
    }

    /** Several problems found by the start-up check; the message joins them with line breaks. */
    public MappingException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    /** Each problem as its own message (one element unless the start-up check found several). */
    public List<String> problems() {
        return problems;
    }
}
