package org.soarplaybooks.playbook;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Test input for the playbooks that read ContraForce incident webhook events: envelopes in the documented shape
 * ({@code samples/contraforce/webhook-incident-created-v1-envelope.example.jsonc}) with the status, classification
 * and reason fields {@code ContraForceEventNormalizer} reads; and a log capture for the playbooks' skip lines.
 */
public final class ContraForceEvents {

    private ContraForceEvents() {
    }

    /**
     * One {@code incident.updated.v1} event.
     *
     * @param source         the webhook's lower-case source, e.g. {@code sentinelone}
     * @param classification null to leave it out
     * @param reason         null to leave it out
     */
    public static String event(String source, String incidentId, String status, String classification, String reason) {
        return """
                {"type": "incident.updated.v1", "timestamp": "2026-04-23T09:12:04Z", "isTest": false,
                 "occurredAt": "2026-04-23T09:11:58Z",
                 "data": {"accountId": "5b0d7c3e-1f2a-4b6c-9d8e-7f6a5b4c3d2e", "accountName": "Example MSP SOC",
                  "incidentId": "%s", "title": "Test incident", "severity": "High", "source": "%s",
                  "status": "%s"%s%s,
                  "owner": {"displayName": "Alex Analyst", "email": "alex@example.com"},
                  "createdAt": "2026-04-22T14:55:00Z", "lastActivityAt": "2026-04-23T09:11:58Z"}}
                """.formatted(incidentId, source, status,
                classification == null ? "" : ", \"classification\": \"" + classification + "\"",
                reason == null ? "" : ", \"classificationReason\": \"" + reason + "\"");
    }

    /** A JSON array of events. */
    public static String events(String... events) {
        return "[" + String.join(",", Arrays.asList(events)) + "]";
    }

    /**
     * A config folder with the shipped {@code application.properties} and the shipped {@code mapping.yaml} with
     * {@code from} replaced by {@code to} (which must occur).
     */
    static Path configWith(Path dir, String from, String to) {
        try {
            Files.createDirectories(dir);
            Files.copy(Path.of("config/application.properties"), dir.resolve("application.properties"));
            String mapping = Files.readString(Path.of("config/mapping.yaml"));
            if (!mapping.contains(from)) {
                throw new IllegalArgumentException("config/mapping.yaml has no '" + from + "'");
            }
            Files.writeString(dir.resolve("mapping.yaml"), mapping.replace(from, to));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Captures what a logger writes (the playbooks' {@code log} steps use {@code soar.playbook.<playbook>}). */
    static final class LogCapture implements AutoCloseable {

        private final Logger logger;
        private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

        LogCapture(String loggerName) {
            logger = (Logger) LoggerFactory.getLogger(loggerName);
            appender.start();
            logger.addAppender(appender);
        }

        /** {@code LEVEL message} lines, in order. */
        List<String> lines() {
            return appender.list.stream().map(e -> e.getLevel() + " " + e.getFormattedMessage()).toList();
        }

        @Override
        public void close() {
            logger.detachAppender(appender);
        }
    }
}
