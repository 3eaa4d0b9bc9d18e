package org.soarplaybooks.testkit;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.LoggerFactory;

/**
 * The lines one logger writes while a test runs (thread-safe; attach, read, close): each the formatted message, or
 * {@code LEVEL message} when captured {@link #withLevels}.
 */
public final class LogLines extends AppenderBase<ILoggingEvent> implements AutoCloseable {

    private final Logger logger;
    private final boolean levels;
    private final List<String> lines = new CopyOnWriteArrayList<>();

    private LogLines(Logger logger, boolean levels) {
        this.logger = logger;
        this.levels = levels;
    }

    /** Captures the messages of {@code loggerName} (e.g. {@code soar.sync}). */
    public static LogLines capture(String loggerName) {
        return attach(loggerName, false);
    }

    /** Captures {@code LEVEL message} lines of {@code loggerName} (e.g. {@code WARN routes/x.camel.yaml:...}). */
    public static LogLines withLevels(String loggerName) {
        return attach(loggerName, true);
    }

    private static LogLines attach(String loggerName, boolean levels) {
        LogLines appender = new LogLines((Logger) LoggerFactory.getLogger(loggerName), levels);
        appender.setContext(appender.logger.getLoggerContext());
        appender.start();
        appender.logger.addAppender(appender);
        return appender;
    }

    @Override
    protected void append(ILoggingEvent event) {
        lines.add(levels ? event.getLevel() + " " + event.getFormattedMessage() : event.getFormattedMessage());
    }

    /** Every line so far, oldest first. */
    public List<String> lines() {
        return List.copyOf(lines);
    }

    /** How many lines so far contain {@code text}. */
    public long count(String text) {
        return lines.stream().filter(l -> l.contains(text)).count();
    }

    @Override
    public void close() {
        logger.detachAppender(this);
        stop();
    }
}
