package org.soarplaybooks.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.NullNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.soarplaybooks.engine.PlaybookBeans;

/**
 * {@link AuditLines} writes each record byte for byte as {@code mapper.writeValueAsString(record)} does (the audit
 * format other tools parse), whatever fields are null, whatever characters the texts hold.
 */
class AuditLinesTest {

    static final ObjectMapper JSON = PlaybookBeans.newMapper();

    static List<AuditRecord> samples() throws Exception {
        List<AuditRecord> out = new ArrayList<>();
        out.add(new AuditRecord(Instant.parse("2026-11-21T23:59:59Z"), "bulk-incident-update", "file:a.csv",
                "Sentinel:P-1", "ContraForce", "bulk-update-incidents", 200, "r-1", 35L, AuditRecord.SENT, null,
                null));
        out.add(new AuditRecord(Instant.parse("2026-11-21T10:00:00.120Z"), "p", null, null, null, null, null, null,
                null, AuditRecord.RETRIED, null, "503 \"busy\"\n\tback\\slash / é \u2028 \u0001 😀"));
        out.add(new AuditRecord(Instant.parse("2026-11-21T10:00:00.123456789Z"), "p", "t", "k", "v", "o", 403,
                null, 0L, AuditRecord.DEAD_LETTERED, "0123456789abcdef", "403 FORBIDDEN"));
        out.add(new AuditRecord(Instant.parse("1999-01-01T00:00:00.000001Z"), "p", "t", "k", "v", "o", null, null,
                Long.MAX_VALUE, AuditRecord.WOULD_SEND, null, null,
                JSON.readTree("{\"method\":\"POST\",\"url\":\"https://x/y?z=1\",\"body\":{\"items\":[{\"id\":\"1\","
                        + "\"n\":1.5,\"b\":true,\"nil\":null}]},\"headers\":{\"Authorization\":\"***\"}}")));
        out.add(new AuditRecord(Instant.EPOCH, "p", "t", "k", "v", "o", null, null, null, AuditRecord.WOULD_SEND,
                null, null, NullNode.getInstance()));
        out.add(new AuditRecord(null, null, null, null, null, null, null, null, null, null, null, null));
        for (int i = 0; i < 2; i++) { // texts shared by the records of a call, with characters to escape
            out.add(new AuditRecord(Instant.EPOCH, "p\"q", "file:\"a\tb\".csv", "k" + i, "v\\", "o", 200, "r\n1", 1L,
                    AuditRecord.SENT, null, null));
        }
        return out;
    }

    @Test
    void eachLineIsWhatTheMapperWritesForTheRecord() throws Exception {
        List<AuditRecord> records = samples();
        StringBuilder expected = new StringBuilder();
        for (AuditRecord r : records) {
            expected.append(JSON.writeValueAsString(r)).append('\n');
            assertThat(new AuditLines(JSON).lines(List.of(r))).isEqualTo(JSON.writeValueAsString(r) + "\n");
        }
        assertThat(new AuditLines(JSON).lines(records)).isEqualTo(expected.toString());
        assertThat(new AuditLines(JSON).lines(List.of())).isEmpty();
    }

    @Test
    void aMapperThatWritesTimesAsNumbersKeepsItsOwnLines() throws Exception {
        ObjectMapper numeric = PlaybookBeans.newMapper().enable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        List<AuditRecord> records = samples();
        StringBuilder expected = new StringBuilder();
        for (AuditRecord r : records) {
            expected.append(numeric.writeValueAsString(r)).append('\n');
        }
        assertThat(new AuditLines(numeric).lines(records)).isEqualTo(expected.toString());
    }
}
