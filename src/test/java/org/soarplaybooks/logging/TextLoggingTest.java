package org.soarplaybooks.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.status.StatusListener;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The text format set up in code ({@link TextLogging}) is the text format of {@code logback.xml}: same appender
 * (name, console target, the bytes of a formatted line), same logger levels, including {@code SOAR_LOG_LEVEL}, and
 * the same status listener. Each side configures a fresh logback context of its own.
 */
class TextLoggingTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "DEBUG", "error", "INHERITED", "loud"})
    void setsUpWhatLogbackXmlSetsUpForTheTextFormat(String soarLogLevel) throws Exception {
        LoggerContext fromXml = context(soarLogLevel);
        JoranConfigurator joran = new JoranConfigurator();
        joran.setContext(fromXml);
        URL xml = TextLogging.class.getClassLoader().getResource("logback.xml");
        joran.doConfigure(xml);
        LoggerContext inCode = context(soarLogLevel);
        TextLogging text = new TextLogging();
        text.setContext(inCode);
        text.configureText(inCode);

        assertThat(describe(inCode)).isEqualTo(describe(fromXml));
        assertThat(line(inCode)).isEqualTo(line(fromXml)).startsWith("12:34:56.789 WARN  outcome - one line");
    }

    @Test
    void stepsAsideForAConfigurationFileOrAFormatOtherThanText() {
        ClassLoader loader = TextLogging.class.getClassLoader();
        assertThat(TextLogging.applies(props(Map.of()), loader)).isTrue();
        assertThat(TextLogging.applies(props(Map.of(LogFormat.PROPERTY, "text")), loader)).isTrue();
        assertThat(TextLogging.applies(props(Map.of(LogFormat.PROPERTY, "json")), loader)).isFalse();
        assertThat(TextLogging.applies(props(Map.of("logback.configurationFile", "my-logback.xml")), loader))
                .isFalse();
        ClassLoader withTestXml = new ClassLoader(loader) {
            @Override
            public URL getResource(String name) {
                return "logback-test.xml".equals(name) ? loader.getResource("logback.xml") : super.getResource(name);
            }
        };
        assertThat(TextLogging.applies(props(Map.of()), withTestXml)).isFalse();
    }

    /** A fresh context; {@code SOAR_LOG_LEVEL} as a context property, which both sides read before the environment. */
    private static LoggerContext context(String soarLogLevel) {
        LoggerContext context = new LoggerContext();
        context.putProperty(LogFormat.PROPERTY, "text");
        if (!soarLogLevel.isEmpty()) {
            context.putProperty("SOAR_LOG_LEVEL", soarLogLevel);
        }
        return context;
    }

    /** Levels of every logger either side touched, the root's appenders, and the status listeners. */
    private static Map<String, Object> describe(LoggerContext context) {
        Map<String, Object> d = new HashMap<>();
        for (String name : List.of(Logger.ROOT_LOGGER_NAME, "org.apache.camel", "org.apache.hc", "wiremock", "soar",
                "soar.outcome", "org.soarplaybooks", "org.apache.camel.main")) {
            Logger logger = context.getLogger(name);
            d.put(name, logger.getLevel() + " / " + logger.getEffectiveLevel() + " / " + logger.isAdditive());
        }
        for (Logger logger : context.getLoggerList()) {
            if (logger.getLevel() != null) {
                d.put("set " + logger.getName(), logger.getLevel());
            }
        }
        List<String> appenders = new ArrayList<>();
        for (Iterator<Appender<ILoggingEvent>> it = context.getLogger(Logger.ROOT_LOGGER_NAME).iteratorForAppenders();
                it.hasNext(); ) {
            Appender<ILoggingEvent> a = it.next();
            String target = a instanceof ConsoleAppender<ILoggingEvent> c ? c.getTarget() : "?";
            appenders.add(a.getName() + " " + a.getClass().getName() + " " + target + " " + a.isStarted());
        }
        d.put("root appenders", appenders);
        d.put("status listeners", context.getStatusManager().getCopyOfStatusListenerList().stream()
                .map(StatusListener::getClass).map(Class::getName).toList());
        return d;
    }

    /** One event as the root's appender writes it. */
    private static String line(LoggerContext context) {
        ConsoleAppender<ILoggingEvent> console = (ConsoleAppender<ILoggingEvent>) context
                .getLogger(Logger.ROOT_LOGGER_NAME).getAppender(LogFormat.TEXT.appenderName());
        LoggingEvent event = new LoggingEvent("test", context.getLogger("soar.outcome"), Level.WARN, "one line {}",
                null, new Object[] {"here"});
        event.setTimeStamp(java.time.LocalDateTime.of(2026, 11, 22, 12, 34, 56, 789_000_000)
                .atZone(java.time.ZoneId.systemDefault()).toInstant().toEpochMilli());
        return new String(console.getEncoder().encode(event), StandardCharsets.UTF_8);
    }

    private static java.util.function.UnaryOperator<String> props(Map<String, String> props) {
        return props::get;
    }
}
