package org.soarplaybooks.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link IsoInstants} reads every date-time exactly as the JDK's ISO-8601 parsers do, and refuses the same. */
class IsoInstantsTest {

    @Test
    void theFastFormGivesTheJdksInstant() {
        for (String text : List.of("2022-06-02T09:52:00Z", "2022-06-02T09:52:00.5Z", "2022-06-02T09:52:00.564344Z",
                "2022-06-02T09:52:00.5643443Z", "2022-06-02T09:52:00.123456789Z", "1970-01-01T00:00:00Z",
                "1969-12-31T23:59:59.999Z", "2024-02-29T23:59:59.000001Z", "0001-01-01T00:00:00Z",
                "9999-12-31T23:59:59.999999999Z")) {
            assertThat(IsoInstants.fastUtc(text)).as(text).isNotNull().isEqualTo(Instant.parse(text));
            assertThat(IsoInstants.parse(text)).as(text).isEqualTo(Instant.parse(text));
        }
    }

    @Test
    void otherFormsGoToTheJdk() {
        for (String text : List.of("2022-06-02T11:52:00+02:00", "2022-06-02T09:52:00.12+00:00",
                "2016-12-31T23:59:60Z")) {
            assertThat(IsoInstants.fastUtc(text)).as(text).isNull();
            assertThat(IsoInstants.parse(text)).as(text).isEqualTo(text.endsWith("Z") ? Instant.parse(text)
                    : OffsetDateTime.parse(text).toInstant());
        }
    }

    @Test
    void oddTextIsLeftToTheJdkAndGetsItsAnswer() {
        for (String text : List.of("2022-06-02T09:52:00", "2022-02-30T09:52:00Z", "2022-13-02T09:52:00Z",
                "2022-06-02T24:00:00Z", "2022-06-02T09:60:00Z", "2022-06-02T09:52:00.Z",
                "2022-06-02T09:52:00.1234567890Z", "2022-06-02 09:52:00Z", "2022-06-0xT09:52:00Z",
                "2022-06-02T09:52:00z", "")) {
            assertThat(IsoInstants.fastUtc(text)).as(text).isNull();
            assertThat(outcome(() -> IsoInstants.parse(text))).as(text).isEqualTo(outcome(() -> jdk(text)));
        }
        assertThatThrownBy(() -> IsoInstants.parse("2022-06-02T09:52:00")).isInstanceOf(DateTimeParseException.class);
    }

    private static Instant jdk(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException notInstant) {
            return OffsetDateTime.parse(text).toInstant();
        }
    }

    /** The instant, or the exception's class name. */
    private static Object outcome(java.util.function.Supplier<Instant> parse) {
        try {
            return parse.get();
        } catch (RuntimeException e) {
            return e.getClass().getName();
        }
    }
}
