package org.soarplaybooks.inbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.soarplaybooks.io.AtomicFiles;

/**
 * Explains why an inbox file failed (bean {@code failureReports}): writes {@code <inbox>/.failed/<name>.error.json}
 * beside the file the file trigger moves to {@code .failed/}.
 *
 * <p>Report shape: {@code {"file": "<name>", "playbook": "<route id>", "failedAt": "<UTC ISO-8601>",
 * "reason": "<one line naming the field and the problem>", "error": "<exception class>"}}.
 */
public final class FailureReports {

    private static final Logger LOG = LoggerFactory.getLogger("soar.inbox");

    private final ObjectMapper mapper;
    private final Clock clock;

    public FailureReports(ObjectMapper mapper, Clock clock) {
        this.mapper = mapper;
        this.clock = clock;
    }

    /**
     * Writes the report for the file of this exchange, if it came from a file trigger; does nothing otherwise.
     *
     * @throws UncheckedIOException when the {@code .failed/} folder is not writable
     */
    public void writeErrorReport(Exchange exchange) {
        String name = exchange.getMessage().getHeader(Exchange.FILE_NAME, String.class);
        String parent = exchange.getMessage().getHeader(Exchange.FILE_PARENT, String.class);
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (failure == null) {
            failure = exchange.getException();
        }
        String reason = failure == null ? "unknown failure" : reasonOf(failure);
        if (name == null || parent == null) {
            LOG.warn("{}: {}", org.soarplaybooks.outcome.ActionContext.playbook(exchange), reason);
            return;
        }
        // the file trigger (non-recursive) moves the file to <inbox>/.failed/<name>; the report goes beside it
        Path report = write(Path.of(parent).resolve(Path.of(name).getFileName()),
                org.soarplaybooks.outcome.ActionContext.playbook(exchange), reason,
                failure == null ? null : failure.getClass().getName());
        LOG.warn("{}: file {} failed: {} (report: {})", org.soarplaybooks.outcome.ActionContext.playbook(exchange), name, reason, report);
    }

    /**
     * Writes {@code <folder of file>/.failed/<name>.error.json} for an inbox file that goes to {@code .failed/}.
     *
     * @param error the class of the failure, or null
     * @return the report written
     * @throws UncheckedIOException when the {@code .failed/} folder is not writable
     */
    public Path write(Path file, String playbook, String reason, String error) {
        String name = file.getFileName().toString();
        Path report = file.resolveSibling(".failed").resolve(name + ".error.json");
        ObjectNode json = mapper.createObjectNode();
        json.put("file", name);
        json.put("playbook", playbook);
        json.put("failedAt", clock.instant().toString());
        json.put("reason", reason);
        json.put("error", error);
        try {
            AtomicFiles.write(report, mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(json));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + report, e);
        }
        return report;
    }

    /** The most helpful one-line message of a failure: the innermost message that says something. */
    static String reasonOf(Throwable failure) {
        String reason = null;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                reason = t.getMessage();
                if (t.getClass().getPackageName().startsWith("org.soarplaybooks")) {
                    break;
                }
            }
        }
        return reason == null ? failure.getClass().getSimpleName() : reason.lines().findFirst().orElse(reason);
    }
}
