package org.soarplaybooks.intake;

import java.util.List;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.soarplaybooks.core.queue.DuplicateMessageException;
import org.soarplaybooks.core.queue.IncidentMessage;
import org.soarplaybooks.core.queue.IncidentMessages;
import org.soarplaybooks.core.queue.PlaybookQueues;
import org.soarplaybooks.core.queue.QueueClient;

/**
 * Sends incidents to a playbook's queue for every trigger (bean {@code queueSender}): inbox files, the scheduled
 * sync, replay requests. One call is one transaction: once it returns, every message is on the broker's disk.
 */
public final class QueueSender {

    /** What one send did: messages stored, and messages the broker had seen before (their duplicate id). */
    public record Sent(int queued, int duplicates) {
    }

    private final QueueClient queues;
    private final IncidentMessages messages;

    public QueueSender(QueueClient queues, IncidentMessages messages) {
        this.queues = queues;
        this.messages = messages;
    }

    /**
     * Sends the incidents, in order, to the queue of {@code playbook} (created if missing), in one transaction. When
     * the broker refuses the transaction because a message's duplicate id was seen before (a chunk committed just
     * before a crash, sent again), each message is sent again on its own, so only the ones seen before are left out.
     *
     * @param duplicateIds one per message (null entries for none), or null for no duplicate ids at all
     * @throws org.soarplaybooks.core.queue.QueueUnavailableException when the broker does not store them
     */
    public Sent send(String playbook, List<IncidentMessage> batch, List<String> duplicateIds) {
        if (batch.isEmpty()) {
            return new Sent(0, 0);
        }
        String queue = PlaybookQueues.of(playbook);
        queues.ensureQueue(queue);
        try {
            return new Sent(sendAll(queue, batch, duplicateIds), 0);
        } catch (DuplicateMessageException e) {
            int queued = 0;
            int duplicates = 0;
            for (int i = 0; i < batch.size(); i++) {
                try {
                    queued += sendAll(queue, List.of(batch.get(i)),
                            duplicateIds == null ? null : java.util.Collections.singletonList(duplicateIds.get(i)));
                } catch (DuplicateMessageException queuedBefore) {
                    duplicates++;
                }
            }
            return new Sent(queued, duplicates);
        }
    }

    /**
     * One webhook delivery, in one transaction: a marker message on the webhook's address {@code webhook.<name>}
     * (no queue takes it) carrying the delivery's duplicate id, then each playbook's incidents to its queue. A
     * delivery whose id the broker has seen on that address before is refused as a whole.
     *
     * @param incidents the incidents to queue, by playbook, in order
     * @throws DuplicateMessageException when the delivery's id was seen before (nothing of it is stored)
     * @throws org.soarplaybooks.core.queue.QueueUnavailableException when the broker does not store it
     */
    public void sendDelivery(String webhookAddress, String duplicateId,
            java.util.Map<String, List<IncidentMessage>> incidents) {
        queues.ensureAddress(webhookAddress);
        incidents.keySet().forEach(playbook -> queues.ensureQueue(PlaybookQueues.of(playbook)));
        queues.send((session, producer) -> {
            org.apache.activemq.artemis.api.core.client.ClientMessage marker = session.createMessage(true);
            marker.putStringProperty(org.apache.activemq.artemis.api.core.Message.HDR_DUPLICATE_DETECTION_ID,
                    SimpleString.of(duplicateId));
            producer.send(SimpleString.of(webhookAddress), marker);
            for (var e : incidents.entrySet()) {
                SimpleString address = SimpleString.of(PlaybookQueues.of(e.getKey()));
                for (IncidentMessage m : e.getValue()) {
                    producer.send(address, messages.encode(session, m, null, 0));
                }
            }
            return null;
        });
    }

    private int sendAll(String queue, List<IncidentMessage> batch, List<String> ids) {
        return queues.send((session, producer) -> {
            SimpleString address = SimpleString.of(queue);
            for (int i = 0; i < batch.size(); i++) {
                producer.send(address, messages.encode(session, batch.get(i), ids == null ? null : ids.get(i), 0));
            }
            return batch.size();
        });
    }
}
