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
 * beside a file that moves to {@code .failed/} ({@link #write}); and is the shared error handler's last word on a
 * failure outside a vendor call ({@link #explain}).
 *
 * <p>Report shape: {@code {"file": "<name>", "playbook": "<route id>", "failedAt": "<UTC ISO-8601>",
 * "reason": "<one line naming the field and the problem>", "error": "<exception class>"}}.
 */
public final class FailureReports {

    private static final Logger LOG = LoggerFactory.getLogger("soar.inbox");

    private final ObjectMapper mapper;
    private final Clock clock;
    /** What was last said about each file kept in its inbox, so it is said once. */
    private final java.util.Map<String, String> said = new java.util.concurrent.ConcurrentHashMap<>();

    public FailureReports(ObjectMapper mapper, Clock clock) {
        this.mapper = mapper;
        this.clock = clock;
    }

    /**
     * The shared error handler's step for a failure outside a vendor call: an incident taken from a queue says
     * nothing here (the queue consumer makes it a dead letter with the reason); a file (the bulk inbox) stays in its
     * inbox to be taken again, which one WARN line says, once per file and reason; anything else is one WARN line.
     */
    public void explain(Exchange exchange) {
        if (org.soarplaybooks.outcome.QueuedIncidents.of(exchange) != null) {
            return;
        }
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (failure == null) {
            failure = exchange.getException();
        }
        String reason = failure == null ? "unknown failure" : reasonOf(failure);
        String playbook = org.soarplaybooks.outcome.ActionContext.playbook(exchange);
        String name = exchange.getMessage().getHeader(Exchange.FILE_NAME, String.class);
        if (name == null) {
            LOG.warn("{}: {}", playbook, reason);
            return;
        }
        if (!reason.equals(said.put(playbook + "/" + name, reason))) {
            LOG.warn("{}: file {} stays in the inbox, to be taken again: {}", playbook, name, reason);
        }
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
