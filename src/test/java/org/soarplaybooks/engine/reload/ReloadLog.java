package org.soarplaybooks.engine.reload;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.LoggerFactory;

/** What the reloader logs ({@code soar.reload}) while a test runs, as {@code LEVEL message} lines. */
final class ReloadLog extends AppenderBase<ILoggingEvent> implements AutoCloseable {

    private final Logger logger = (Logger) LoggerFactory.getLogger("soar.reload");
    private final List<String> lines = new CopyOnWriteArrayList<>();

    static ReloadLog capture() {
        ReloadLog log = new ReloadLog();
        log.setContext(log.logger.getLoggerContext());
        log.start();
        log.logger.addAppender(log);
        return log;
    }

    @Override
    protected void append(ILoggingEvent event) {
        lines.add(event.getLevel() + " " + event.getFormattedMessage());
    }

    /** Every line so far, oldest first. */
    List<String> lines() {
        return List.copyOf(lines);
    }

    /** How many lines so far contain {@code text}. */
    long count(String text) {
        return lines.stream().filter(l -> l.contains(text)).count();
    }

    @Override
    public void close() {
        logger.detachAppender(this);
        stop();
    }
}
