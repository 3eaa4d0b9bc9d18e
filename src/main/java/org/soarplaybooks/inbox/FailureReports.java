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
        Path report = Path.of(parent).resolve(".failed").resolve(Path.of(name).getFileName() + ".error.json");
        ObjectNode json = mapper.createObjectNode();
        json.put("file", name);
        json.put("playbook", org.soarplaybooks.outcome.ActionContext.playbook(exchange));
        json.put("failedAt", clock.instant().toString());
        json.put("reason", reason);
        json.put("error", failure == null ? null : failure.getClass().getName());
        try {
            AtomicFiles.write(report, mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(json));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + report, e);
        }
        LOG.warn("{}: file {} failed: {} (report: {})", org.soarplaybooks.outcome.ActionContext.playbook(exchange), name, reason, report);
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
