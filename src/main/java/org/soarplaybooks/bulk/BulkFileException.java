package org.soarplaybooks.bulk;

/**
 * A bulk file that cannot be read (any more): not the file type its name says, no header row, an unknown column,
 * not JSON, or a break in the middle (an unterminated CSV quote, a JSON array cut short) after which no further
 * row can be found. The shared error handler ({@code input-file-failed}) moves the file to {@code .failed/} with
 * {@code <file>.error.json} whose {@code reason} is this message.
 *
 * <p>The message names the line and the problem, e.g. {@code updates.csv: line 1: unknown column 'stat' (columns:
 * id, workspace, source, status, classification, classificationReason, comment)}. It never carries the underlying
 * {@link java.io.IOException} as its cause, on purpose: the error handler treats an {@code IOException} anywhere in
 * the cause chain as a failed vendor call and would retry the whole file.
 */
public class BulkFileException extends RuntimeException {

    public BulkFileException(String message) {
        super(message);
    }
}
