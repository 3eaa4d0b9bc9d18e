package org.soarplaybooks.audit;

import java.nio.file.Path;
import java.time.Instant;
import org.soarplaybooks.engine.PlaybookBeans;

/**
 * A second process writing to the same audit folder as a test: {@code AuditWriterMain <folder> <records> <tag>}
 * appends that many records whose reason is {@code <tag>-<n>} followed by a long filler, then exits 0.
 */
public final class AuditWriterMain {

    private AuditWriterMain() {
    }

    public static void main(String[] args) {
        AuditLog log = new AuditLog(Path.of(args[0]), PlaybookBeans.newMapper());
        int records = Integer.parseInt(args[1]);
        for (int i = 0; i < records; i++) {
            log.append(AuditTrailTest.record(Instant.now(), args[2], i));
        }
        log.close();
    }
}
