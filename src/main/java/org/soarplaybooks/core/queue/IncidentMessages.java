package org.soarplaybooks.core.queue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import org.apache.activemq.artemis.api.core.Message;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.api.core.client.ClientMessage;
import org.apache.activemq.artemis.api.core.client.ClientSession;
import org.soarplaybooks.incident.Incident;

/**
 * The wire form of an {@link IncidentMessage}: a durable Artemis bytes message (a JMS {@code BytesMessage}) whose
 * body is the canonical incident as UTF-8 JSON, with these properties:
 *
 * <table>
 *   <caption>Message properties</caption>
 *   <tr><td>{@code _AMQ_DUPL_ID}</td><td>the duplicate id, when the trigger gives one (a webhook event id, an
 *       inbox file's content hash and the incident's place in it): the broker refuses a second message with the
 *       same id on the same queue</td></tr>
 *   <tr><td>{@code _AMQ_SCHED_DELIVERY}</td><td>epoch milliseconds before which it is not delivered (a retry)</td></tr>
 *   <tr><td>{@code incidentKey}, {@code source}, {@code status}</td><td>from the incident (the key orders one
 *       incident's messages, see {@code playbook.OrderGuard}), for selectors and the broker's console</td></tr>
 *   <tr><td>{@code trigger}</td><td>what brought it in</td></tr>
 *   <tr><td>{@code attempts}, {@code firstFailure}</td><td>failed attempts so far (int) and when the first failed
 *       (epoch milliseconds)</td></tr>
 *   <tr><td>{@code replayOf}</td><td>the dead letter a {@code replay} re-drives</td></tr>
 * </table>
 */
public final class IncidentMessages {

    public static final String INCIDENT_KEY = "incidentKey";
    public static final String SOURCE = "source";
    public static final String STATUS = "status";
    public static final String TRIGGER = "trigger";
    public static final String ATTEMPTS = "attempts";
    public static final String FIRST_FAILURE = "firstFailure";
    public static final String REPLAY_OF = "replayOf";

    private final ObjectMapper mapper;

    /** @param mapper the engine's JSON mapper (ISO-8601 times) */
    public IncidentMessages(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The engine's JSON mapper these messages are written with. */
    public ObjectMapper mapper() {
        return mapper;
    }

    /**
     * The message of an incident.
     *
     * @param duplicateId the duplicate id, or null for none
     * @param deliverAt   epoch milliseconds before which the message is not delivered, or 0 for now
     */
    public ClientMessage encode(ClientSession session, IncidentMessage m, String duplicateId, long deliverAt) {
        ClientMessage msg = session.createMessage(Message.BYTES_TYPE, true);
        msg.getBodyBuffer().writeBytes(json(m.incident()));
        if (duplicateId != null) {
            msg.putStringProperty(Message.HDR_DUPLICATE_DETECTION_ID, SimpleString.of(duplicateId));
        }
        if (deliverAt > 0) {
            msg.putLongProperty(Message.HDR_SCHEDULED_DELIVERY_TIME, deliverAt);
        }
        msg.putStringProperty(INCIDENT_KEY, m.key());
        msg.putStringProperty(SOURCE, m.incident().source().wireName());
        msg.putStringProperty(STATUS, m.incident().status());
        if (m.trigger() != null) {
            msg.putStringProperty(TRIGGER, m.trigger());
        }
        msg.putIntProperty(ATTEMPTS, m.attempts());
        if (m.firstFailure() != null) {
            msg.putLongProperty(FIRST_FAILURE, m.firstFailure().toEpochMilli());
        }
        if (m.replayOf() != null) {
            msg.putStringProperty(REPLAY_OF, m.replayOf());
        }
        return msg;
    }

    /**
     * Reads a message made by {@link #encode}.
     *
     * @throws IllegalArgumentException when the body is not a canonical incident (the message says why)
     */
    public IncidentMessage decode(ClientMessage msg) {
        byte[] body = new byte[msg.getBodyBuffer().readableBytes()];
        msg.getBodyBuffer().readBytes(body);
        Incident incident;
        try {
            incident = mapper.readValue(body, Incident.class);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("message " + msg.getMessageID() + " is not a canonical incident: "
                    + e.getMessage(), e);
        }
        // absent properties: getObjectProperty gives null (the typed getters throw)
        Object first = msg.getObjectProperty(FIRST_FAILURE);
        Object attempts = msg.getObjectProperty(ATTEMPTS);
        return new IncidentMessage(incident, text(msg, TRIGGER),
                attempts instanceof Number n ? n.intValue() : 0,
                first instanceof Number n ? Instant.ofEpochMilli(n.longValue()) : null, text(msg, REPLAY_OF));
    }

    private static String text(ClientMessage msg, String property) {
        Object v = msg.getObjectProperty(property);
        return v == null ? null : v.toString();
    }

    /** The canonical incident as UTF-8 JSON. */
    public byte[] json(Incident incident) {
        try {
            return mapper.writeValueAsBytes(incident);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
