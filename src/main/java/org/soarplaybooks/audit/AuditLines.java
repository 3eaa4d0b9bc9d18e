package org.soarplaybooks.audit;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.StringWriter;
import java.util.List;

/**
 * Writes audit records as the text of audit-trail lines: one JSON object per record, each followed by {@code \n}.
 *
 * <p>The bytes are those of {@code mapper.writeValueAsString(record)} ({@link AuditRecord}: fields in declaration
 * order, null fields left out, {@code time} as ISO-8601 text), written field by field on one generator of the
 * mapper's own configuration, so a call of many records costs one generator, not one serializer lookup and one
 * generator per record. A mapper that writes times as numbers ({@link SerializationFeature#WRITE_DATES_AS_TIMESTAMPS})
 * is left to Jackson's own record serializer, so its lines stay what that mapper writes.
 */
final class AuditLines {

    private final ObjectMapper mapper;
    private final ObjectWriter writer;
    private final boolean byHand;

    /** @param mapper the audit trail's mapper (its generator settings, and the {@code request} tree's serializer) */
    AuditLines(ObjectMapper mapper) {
        this.mapper = mapper;
        this.writer = mapper.writer();
        this.byHand = !mapper.isEnabled(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    }

    /**
     * The lines of {@code records}, in order, each ended by {@code \n} (empty text for no record).
     *
     * @throws IOException when Jackson cannot write a record (not expected: every field is text, a number or a
     *                     JSON tree)
     */
    String lines(List<AuditRecord> records) throws IOException {
        if (records.isEmpty()) {
            return "";
        }
        StringWriter out = new StringWriter(records.size() * 320);
        if (!byHand) {
            for (AuditRecord r : records) {
                out.append(mapper.writeValueAsString(r)).append('\n');
            }
            return out.toString();
        }
        try (JsonGenerator g = writer.createGenerator(out)) {
            g.setRootValueSeparator(new SerializedString("\n")); // between two records; the last \n comes below
            for (AuditRecord r : records) {
                write(r, g);
            }
        }
        return out.append('\n').toString();
    }

    /** One record as Jackson's record serializer writes it with {@code @JsonInclude(NON_NULL)}. */
    private void write(AuditRecord r, JsonGenerator g) throws IOException {
        g.writeStartObject();
        text(g, "time", r.time() == null ? null : r.time().toString()); // ISO-8601, as InstantSerializer writes it
        text(g, "playbook", r.playbook());
        text(g, "trigger", r.trigger());
        text(g, "incidentKey", r.incidentKey());
        text(g, "vendor", r.vendor());
        text(g, "operation", r.operation());
        if (r.httpStatus() != null) {
            g.writeNumberField("httpStatus", r.httpStatus());
        }
        text(g, "requestId", r.requestId());
        if (r.durationMs() != null) {
            g.writeNumberField("durationMs", r.durationMs());
        }
        text(g, "result", r.result());
        text(g, "deadLetterId", r.deadLetterId());
        text(g, "reason", r.reason());
        if (r.request() != null) {
            g.writeFieldName("request");
            mapper.writeTree(g, r.request());
        }
        g.writeEndObject();
    }

    private static void text(JsonGenerator g, String field, String value) throws IOException {
        if (value != null) {
            g.writeStringField(field, value);
        }
    }
}
