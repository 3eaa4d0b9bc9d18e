package org.soarplaybooks.bulk;

import java.io.IOException;
import java.io.Reader;

/**
 * Reads text lines ({@code \n}, {@code \r\n} or {@code \r}) with a cap on their length, so one enormous line
 * (a whole JSON document saved as {@code .ndjson}, say) cannot fill the memory: past the cap the rest of the line
 * is skipped and the line is reported as too long.
 */
final class LineReader {

    /** A line of text, or the first {@code cap} characters of a longer one. */
    record Line(String text, boolean tooLong) {
    }

    private final Reader in;
    private final int cap;
    private final char[] buf = new char[8192];
    private int pos;
    private int end;
    private boolean skipLineFeed;

    LineReader(Reader in, int cap) {
        this.in = in;
        this.cap = cap;
    }

    /** The next line, or null at the end of the input. */
    Line next() throws IOException {
        StringBuilder sb = null;
        boolean tooLong = false;
        while (true) {
            if (pos == end) {
                end = in.read(buf, 0, buf.length);
                pos = 0;
                if (end <= 0) {
                    end = 0;
                    return sb == null ? null : new Line(sb.toString(), tooLong);
                }
            }
            if (skipLineFeed) {
                skipLineFeed = false;
                if (buf[pos] == '\n') {
                    pos++;
                    continue;
                }
            }
            if (sb == null) {
                sb = new StringBuilder(128);
            }
            int start = pos;
            while (pos < end && buf[pos] != '\n' && buf[pos] != '\r') {
                pos++;
            }
            int room = cap - sb.length();
            int take = Math.min(pos - start, Math.max(0, room));
            sb.append(buf, start, take);
            if (take < pos - start) {
                tooLong = true;
            }
            if (pos < end) {
                skipLineFeed = buf[pos] == '\r';
                pos++;
                return new Line(sb.toString(), tooLong);
            }
        }
    }
}
