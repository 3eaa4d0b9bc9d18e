package org.soarplaybooks.incident;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * ISO-8601 date-times with a time zone as {@link Instant}s (UTC), as {@link Instant#parse} and, for a numeric
 * offset, {@link OffsetDateTime#parse} read them. The form vendors send nearly always,
 * {@code yyyy-MM-ddTHH:mm:ss[.f…]Z} with 0 to 9 fractional digits (SentinelOne 6, Sentinel 7, e.g.
 * {@code 2022-06-02T09:52:00.564344Z}), is read by a plain character loop (a SentinelOne sync reads three per threat;
 * the JDK's formatter costs several times more); anything else goes to the JDK parsers, which give the same answer
 * and the same errors.
 */
public final class IsoInstants {

    private IsoInstants() {
    }

    /**
     * @return the instant {@code text} names
     * @throws DateTimeParseException when it is not an ISO-8601 date-time with {@code Z} or a numeric offset
     */
    public static Instant parse(String text) {
        Instant fast = fastUtc(text);
        if (fast != null) {
            return fast;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException notInstant) {
            return OffsetDateTime.parse(text).toInstant();
        }
    }

    /** {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z} read directly; null for any other text (then the JDK decides). */
    static Instant fastUtc(String s) {
        int n = s.length();
        if (n < 20 || n > 30 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T'
                || s.charAt(13) != ':' || s.charAt(16) != ':' || s.charAt(n - 1) != 'Z') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 7);
        int day = digits(s, 8, 10);
        int hour = digits(s, 11, 13);
        int minute = digits(s, 14, 16);
        int second = digits(s, 17, 19);
        if (year < 0 || month < 0 || day < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0
                || second > 59) {
            return null;
        }
        int nanos = 0;
        if (n > 20) {
            int fractionDigits = n - 21;
            if (s.charAt(19) != '.' || fractionDigits < 1 || fractionDigits > 9) {
                return null;
            }
            nanos = digits(s, 20, n - 1);
            if (nanos < 0) {
                return null;
            }
            for (int i = fractionDigits; i < 9; i++) {
                nanos *= 10;
            }
        }
        try {
            long epochDay = LocalDate.of(year, month, day).toEpochDay(); // checks the day exists in the month
            return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** The decimal number in {@code s[from, to)}, or -1 when a character is not an ASCII digit. */
    private static int digits(String s, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
