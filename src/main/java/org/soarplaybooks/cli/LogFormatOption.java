package org.soarplaybooks.cli;

import org.soarplaybooks.logging.LogFormat;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code --log-format text|json} for the commands that run playbooks ({@code run}, {@code demo}, {@code replay}).
 * The format takes effect while the command line is parsed, before the command starts the engine.
 */
public class LogFormatOption {

    LogFormat format = LogFormat.TEXT;

    @Option(names = "--log-format", paramLabel = "FORMAT", defaultValue = "text",
            converter = LogFormatConverter.class,
            description = "Log lines on standard error as text (one readable line each) or json (one JSON object "
                    + "per line) (default: ${DEFAULT-VALUE}).")
    void setFormat(LogFormat format) {
        this.format = format;
        format.apply();
    }

    /** {@code text} or {@code json}, any case. */
    static final class LogFormatConverter implements ITypeConverter<LogFormat> {
        @Override
        public LogFormat convert(String value) {
            for (LogFormat f : LogFormat.values()) {
                if (f.appenderName().equalsIgnoreCase(value)) {
                    return f;
                }
            }
            throw new TypeConversionException("'" + value + "' is not a log format (text or json)");
        }
    }
}
