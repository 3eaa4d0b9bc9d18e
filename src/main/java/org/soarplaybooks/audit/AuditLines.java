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
            Repeats repeats = new Repeats();
            for (AuditRecord r : records) {
                write(r, g, repeats);
            }
        }
        return out.append('\n').toString();
    }

    private static final SerializedString TIME = new SerializedString("time");
    private static final SerializedString PLAYBOOK = new SerializedString("playbook");
    private static final SerializedString TRIGGER = new SerializedString("trigger");
    private static final SerializedString INCIDENT_KEY = new SerializedString("incidentKey");
    private static final SerializedString VENDOR = new SerializedString("vendor");
    private static final SerializedString OPERATION = new SerializedString("operation");
    private static final SerializedString HTTP_STATUS = new SerializedString("httpStatus");
    private static final SerializedString REQUEST_ID = new SerializedString("requestId");
    private static final SerializedString DURATION_MS = new SerializedString("durationMs");
    private static final SerializedString RESULT = new SerializedString("result");
    private static final SerializedString DEAD_LETTER_ID = new SerializedString("deadLetterId");
    private static final SerializedString REASON = new SerializedString("reason");
    private static final SerializedString REQUEST = new SerializedString("request");

    /** One record as Jackson's record serializer writes it with {@code @JsonInclude(NON_NULL)}. */
    private void write(AuditRecord r, JsonGenerator g, Repeats repeats) throws IOException {
        g.writeStartObject();
        text(g, TIME, r.time() == null ? null : r.time().toString()); // ISO-8601, as InstantSerializer writes it
        repeats.write(g, 0, PLAYBOOK, r.playbook());
        repeats.write(g, 1, TRIGGER, r.trigger());
        text(g, INCIDENT_KEY, r.incidentKey());
        repeats.write(g, 2, VENDOR, r.vendor());
        repeats.write(g, 3, OPERATION, r.operation());
        if (r.httpStatus() != null) {
            g.writeFieldName(HTTP_STATUS);
            g.writeNumber(r.httpStatus());
        }
        repeats.write(g, 4, REQUEST_ID, r.requestId());
        if (r.durationMs() != null) {
            g.writeFieldName(DURATION_MS);
            g.writeNumber(r.durationMs());
        }
        repeats.write(g, 5, RESULT, r.result());
        text(g, DEAD_LETTER_ID, r.deadLetterId());
        text(g, REASON, r.reason());
        if (r.request() != null) {
            g.writeFieldName(REQUEST);
            mapper.writeTree(g, r.request());
        }
        g.writeEndObject();
    }

    private static void text(JsonGenerator g, SerializedString field, String value) throws IOException {
        if (value != null) {
            g.writeFieldName(field);
            g.writeString(value);
        }
    }

    /**
     * The texts the records of one call share (playbook, trigger, vendor, operation, request id, result), each
     * escaped once while it stays the same from record to record.
     */
    private static final class Repeats {
        private final String[] texts = new String[6];
        private final SerializedString[] escaped = new SerializedString[6];

        void write(JsonGenerator g, int slot, SerializedString field, String value) throws IOException {
            if (value == null) {
                return;
            }
            if (!value.equals(texts[slot])) {
                texts[slot] = value;
                escaped[slot] = new SerializedString(value);
            }
            g.writeFieldName(field);
            g.writeString(escaped[slot]);
        }
    }
}
