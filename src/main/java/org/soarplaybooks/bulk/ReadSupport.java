package org.soarplaybooks.bulk;

import com.fasterxml.jackson.core.JacksonException;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Small helpers the row readers share: quiet closing and people-readable parser messages. */
final class ReadSupport {

    /** Jackson's "Duplicate field 'x'", from the parser or the tree reader. */
    private static final Pattern DUPLICATE_FIELD = Pattern.compile("Duplicate field '([^']*)'");
    /** Jackson's " (start marker at [Source: ...; line: 1, column: 1])" and similar. */
    private static final Pattern SOURCE_LOCATION = Pattern.compile("\\s*\\([^()]*\\[Source:[^\\]]*\\]\\)");

    private ReadSupport() {
    }

    /** Closes, ignoring any failure (the file was only read). */
    static void closeQuietly(Closeable c) {
        try {
            if (c != null) {
                c.close();
            }
        } catch (IOException | RuntimeException ignored) {
            // nothing was written through it
        }
    }

    /**
     * What is wrong with a row's JSON, for people: {@code field 'id' is given twice}, or {@code not valid JSON: }
     * and the first line of the parser's message without its location details.
     */
    static String jsonProblem(JacksonException e) {
        String message = firstLine(e.getOriginalMessage());
        Matcher duplicate = DUPLICATE_FIELD.matcher(message);
        if (duplicate.find()) {
            return "field '" + duplicate.group(1) + "' is given twice";
        }
        return "not valid JSON: " + SOURCE_LOCATION.matcher(message).replaceAll("");
    }

    /** The first line of a parser's message, without location details. */
    static String firstLine(String message) {
        if (message == null || message.isBlank()) {
            return "unreadable";
        }
        return message.lines().findFirst().orElse(message).trim();
    }

    /** The stream without a leading UTF-8 byte order mark (EF BB BF), if it has one. */
    static InputStream withoutByteOrderMark(InputStream in) throws IOException {
        PushbackInputStream p = new PushbackInputStream(in, 3);
        byte[] head = new byte[3];
        int n = p.readNBytes(head, 0, 3);
        boolean bom = n == 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF;
        if (!bom && n > 0) {
            p.unread(head, 0, n);
        }
        return p;
    }
}
