package org.soarplaybooks.logging;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.joran.util.ConfigurationWatchListUtil;
import java.net.URL;
import java.util.Locale;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * How log lines are written to standard error: {@code text} (one readable line per event, the default) or
 * {@code json} (one JSON object per line: {@code time} UTC ISO-8601, {@code level}, {@code logger}, {@code thread},
 * {@code message}, then the event's structured fields, for example an action line's {@code playbook},
 * {@code vendor}, {@code operation}, {@code incidentKey}, {@code result}, {@code httpStatus}, {@code requestId},
 * {@code durationMs}, {@code deadLetterId}).
 *
 * <p>Both formats are appenders of the one {@code logback.xml}; the system property {@value #PROPERTY} names the
 * one the root logger uses. {@link #apply()} sets it and, if logging already started with the other appender,
 * reloads the same configuration file. When logging starts in the text format, {@link TextLogging} sets up that
 * file's text appender in code (the same appender, faster).
 */
public enum LogFormat {
    TEXT,
    JSON;

    /** The system property {@code logback.xml} reads to pick the appender: {@code text} or {@code json}. */
    public static final String PROPERTY = "soar.log.format";

    /** The appender name in {@code logback.xml}, and the option value: {@code text} or {@code json}. */
    public String appenderName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Makes this the format of every following log line. Does nothing when it already is; otherwise resets the
     * logback context and reloads its configuration file, so levels set in code since start-up are lost (the
     * commands call this before the engine starts).
     *
     * @throws IllegalStateException when logback is not the SLF4J binding, or its configuration cannot be reloaded
     */
    public void apply() {
        System.setProperty(PROPERTY, appenderName());
        ILoggerFactory factory = LoggerFactory.getILoggerFactory(); // starts logging now if it had not started
        if (!(factory instanceof LoggerContext context)) {
            throw new IllegalStateException("log format " + appenderName() + " needs logback; SLF4J is bound to "
                    + factory.getClass().getName());
        }
        if (context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getAppender(appenderName()) != null) {
            return;
        }
        URL config = ConfigurationWatchListUtil.getMainWatchURL(context);
        if (config == null) {
            config = LogFormat.class.getClassLoader().getResource("logback.xml");
        }
        if (config == null) {
            throw new IllegalStateException("log format " + appenderName() + ": logback.xml not found");
        }
        context.reset();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        try {
            configurator.doConfigure(config);
        } catch (JoranException e) {
            throw new IllegalStateException("log format " + appenderName() + ": cannot reload " + config + ": "
                    + e.getMessage(), e);
        }
    }
}
