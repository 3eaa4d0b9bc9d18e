package org.soarplaybooks.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.joran.spi.ConsoleTarget;
import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.spi.ScanException;
import ch.qos.logback.core.util.OptionHelper;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The text log format ({@link LogFormat#TEXT}, the default) set up in code when logging starts, instead of by
 * reading {@code logback.xml}: the same appender, pattern and levels as that file's {@code text} appender (a test
 * compares the two), without logback's XML configurator, which was about 5 % of the engine's start-up CPU (an XML
 * parser and some 400 classes). Logback finds it as a service ({@code META-INF/services}) and asks it first.
 *
 * <p>It steps aside, and {@code logback.xml} (or the user's file) configures logging as before, when
 * {@code logback.configurationFile} is set, when a {@code logback-test.xml} is on the class path, or when the
 * system property {@value LogFormat#PROPERTY} asks for a format other than text.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class TextLogging extends ContextAwareBase implements Configurator {

    /** {@code logback.xml}'s text pattern: one readable line per event. */
    static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{0} - %msg%n";
    /** {@code logback.xml}'s logger levels; {@code ${...}} is read as logback reads it (system property, then
     * environment variable, then the default after {@code :-}). */
    static final Map<String, String> LEVELS = Map.of(
            "org.apache.camel", "WARN",
            "org.apache.camel.component.file.GenericFileOnCompletion", "ERROR",
            "org.apache.activemq.artemis.core.server", "ERROR",
            "org.apache.hc", "WARN",
            "wiremock", "WARN",
            "soar", "${SOAR_LOG_LEVEL:-INFO}");
    /** {@code logback.xml}'s root level. */
    static final Level ROOT_LEVEL = Level.WARN;

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (!applies(System::getProperty, TextLogging.class.getClassLoader())) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        configureText(context);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** Sets up {@code context} as {@code logback.xml} does for the text format. */
    void configureText(LoggerContext context) {
        ConfigProblems problems = new ConfigProblems();
        problems.setContext(context);
        problems.start();
        context.getStatusManager().add(problems);

        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
        appender.setContext(context);
        appender.setName(LogFormat.TEXT.appenderName());
        appender.setTarget(ConsoleTarget.SystemErr.getName());
        appender.setEncoder(encoder);
        appender.start();

        for (Map.Entry<String, String> e : LEVELS.entrySet()) {
            setLevel(context, context.getLogger(e.getKey()), e.getValue());
        }
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(ROOT_LEVEL);
        root.addAppender(appender);
    }

    /**
     * True when no configuration file is asked for ({@code logback.configurationFile}, a {@code logback-test.xml}
     * on the class path) and the format is text (system property {@value LogFormat#PROPERTY} unset or text).
     */
    static boolean applies(UnaryOperator<String> systemProperty, ClassLoader loader) {
        if (systemProperty.apply(ContextInitializer.CONFIG_FILE_PROPERTY) != null) {
            return false;
        }
        if (loader != null && loader.getResource(ContextInitializer.TEST_AUTOCONFIG_FILE) != null) {
            return false;
        }
        String format = systemProperty.apply(LogFormat.PROPERTY);
        return format == null || format.equals(LogFormat.TEXT.appenderName());
    }

    /** Sets a level written as in {@code logback.xml}, with the same reading as logback's {@code <logger level>}. */
    private void setLevel(LoggerContext context, Logger logger, String written) {
        String level;
        try {
            level = OptionHelper.substVars(written, context);
        } catch (ScanException e) {
            addError("logger " + logger.getName() + ": cannot read level " + written, e);
            return;
        }
        if (OptionHelper.isNullOrEmptyOrAllSpaces(level)) {
            return;
        }
        if ("INHERITED".equalsIgnoreCase(level) || "NULL".equalsIgnoreCase(level)) {
            logger.setLevel(null);
        } else {
            logger.setLevel(Level.toLevel(level));
        }
    }
}
