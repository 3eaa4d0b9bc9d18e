package org.soarplaybooks.incident;

/**
 * Raised when a source payload cannot be turned into {@link Incident}s: invalid JSON, a shape that is neither a
 * single item nor a list, or a required field that is missing or of the wrong type.
 *
 * <p>The message always names the source, the JSON location of the offending field (JSON Pointer, e.g.
 * {@code /value/2/properties/status}) and the reason, so a playbook author can fix the input file.
 */
public class NormalizationException extends RuntimeException {

    private final String field;

    /**
     * @param source human name of the source system, e.g. {@code "Microsoft Sentinel"}
     * @param field  JSON Pointer of the offending field, or {@code ""} for the whole document
     * @param reason what is wrong, e.g. {@code "is missing"}
     */
    public NormalizationException(String source, String field, String reason) {
        super(source + ": " + (field == null || field.isEmpty() ? "document" : field) + " " + reason);
        this.field = field;
    }

    public NormalizationException(String source, String field, String reason, Throwable cause) {
        this(source, field, reason);
        initCause(cause);
    }

    /** JSON Pointer of the offending field ({@code ""} for the whole document). */
    public String field() {
        return field;
    }
}
