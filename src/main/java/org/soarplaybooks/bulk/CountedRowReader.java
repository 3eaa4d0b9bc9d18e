package org.soarplaybooks.bulk;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A row reader together with the count of bytes read from its file so far, for progress lines
 * ({@link BulkRowReader#bytesRead()}). The count runs ahead of the rows handed out by at most the read buffers.
 */
final class CountedRowReader implements BulkRowReader {

    private final BulkRowReader rows;
    private final CountingStream bytes;

    CountedRowReader(BulkRowReader rows, CountingStream bytes) {
        this.rows = rows;
        this.bytes = bytes;
    }

    @Override
    public String format() {
        return rows.format();
    }

    @Override
    public long bytesRead() {
        return bytes.count;
    }

    @Override
    public boolean hasNext() {
        return rows.hasNext();
    }

    @Override
    public BulkRow next() {
        return rows.next();
    }

    @Override
    public void close() {
        rows.close();
    }

    /** Counts the bytes read through it (read on one thread at a time; the count may be read from any). */
    static final class CountingStream extends FilterInputStream {

        private volatile long count;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            int n = in.read(buf, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count += skipped;
            return skipped;
        }
    }
}
