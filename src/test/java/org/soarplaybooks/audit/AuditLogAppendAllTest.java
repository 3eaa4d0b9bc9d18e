package org.soarplaybooks.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.soarplaybooks.engine.PlaybookBeans;

/**
 * {@link AuditLog#appendAll}: the records of one call written at once are the same lines, in the same day files
 * and order, as one {@link AuditLog#append} each, and the listener is told of every one.
 */
class AuditLogAppendAllTest {

    static final ObjectMapper JSON = PlaybookBeans.newMapper();

    @Test
    void theRecordsOfOneCallAreTheLinesOfOneAppendEachInTheirDayFiles(@TempDir Path data) throws Exception {
        Instant lastSecondOfDay = Instant.parse("2026-11-21T23:59:59.990Z");
        List<AuditRecord> call = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            call.add(new AuditRecord(lastSecondOfDay.plusMillis(4L * i), "bulk-incident-update", "file:a.csv",
                    "Sentinel:P-" + i, "ContraForce", "bulk-update-incidents", 200, "r-1", 35L,
                    i == 2 ? AuditRecord.DEAD_LETTERED : AuditRecord.SENT, i == 2 ? "0123456789abcdef0123" : null,
                    i == 2 ? "403 FORBIDDEN" : null));
        }
        List<AuditRecord> told = new ArrayList<>();
        try (AuditLog batched = new AuditLog(data.resolve("batched"), JSON);
                AuditLog single = new AuditLog(data.resolve("single"), JSON)) {
            batched.setListener(told::add);
            batched.appendAll(call);
            batched.appendAll(List.of());
            for (AuditRecord r : call) {
                single.append(r);
            }
        }

        assertThat(told).as("the listener saw each record, in order").containsExactlyElementsOf(call);
        for (String day : List.of("2026-11-21.jsonl", "2026-11-22.jsonl")) {
            assertThat(data.resolve("batched").resolve(day)).exists()
                    .hasSameTextualContentAs(data.resolve("single").resolve(day));
        }
        assertThat(Files.readAllLines(data.resolve("batched").resolve("2026-11-21.jsonl"))).hasSize(3);
        assertThat(Files.readAllLines(data.resolve("batched").resolve("2026-11-22.jsonl"))).hasSize(2);
        assertThat(new AuditLog(data.resolve("batched"), JSON).readAll()).containsExactlyElementsOf(call);
    }
}
