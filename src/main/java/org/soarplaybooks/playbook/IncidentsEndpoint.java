package org.soarplaybooks.playbook;

import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultEndpoint;
import org.soarplaybooks.core.queue.PlaybookQueues;

/**
 * {@code incidents:<playbook>[?batchSize=N&batchTimeout=MS&consumers=N&body=json]}: the queue of one playbook, as a
 * trigger.
 *
 * <ul>
 *   <li>{@code batchSize}: most incidents in one run of the playbook (default 1: the body is a list of one
 *       incident). A playbook whose action sends many incidents in one call (a bulk update) takes them together:
 *       up to {@code batchSize}, or what arrived within {@code batchTimeout}.</li>
 *   <li>{@code batchTimeout}: milliseconds a run waits for more incidents once it has one (default 200).</li>
 *   <li>{@code consumers}: runs of this playbook at the same time (default {@code playbooks.consumers}, or 1 when
 *       {@code batchSize} is above 1, so a burst of incidents makes one call, not several small ones).</li>
 *   <li>{@code body}: what the playbook's steps get, in queue order: {@code incidents} (default) a
 *       {@code List<Incident>} for Java beans; {@code json} a {@code List<Map<String, Object>>}, each the incident's
 *       JSON ({@link org.soarplaybooks.incident.IncidentJson}: {@code schemas/incident.schema.json} plus
 *       {@code incidentKey} and {@code enrichment}), for Simple ({@code ${body[status]}}) and JSONPath.</li>
 * </ul>
 */
public final class IncidentsEndpoint extends DefaultEndpoint {

    private final String playbook;
    private int batchSize = 1;
    private long batchTimeout = 200;
    private int consumers = 8;
    private boolean json;

    IncidentsEndpoint(String uri, IncidentsComponent component, String playbook) {
        super(uri, component);
        PlaybookQueues.of(playbook); // checks the name
        this.playbook = playbook;
    }

    @Override
    public IncidentsComponent getComponent() {
        return (IncidentsComponent) super.getComponent();
    }

    /** The playbook whose queue this is. */
    public String playbook() {
        return playbook;
    }

    /** The broker queue, {@code playbook.<playbook>}. */
    public String queue() {
        return PlaybookQueues.of(playbook);
    }

    public void setBatchSize(int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("incidents:" + playbook + ": batchSize must be at least 1, not "
                    + batchSize);
        }
        this.batchSize = batchSize;
    }

    public int getBatchSize() {
        return batchSize;
    }

    public void setBatchTimeout(long batchTimeout) {
        if (batchTimeout < 0) {
            throw new IllegalArgumentException("incidents:" + playbook + ": batchTimeout must not be negative");
        }
        this.batchTimeout = batchTimeout;
    }

    public long getBatchTimeout() {
        return batchTimeout;
    }

    public void setConsumers(int consumers) {
        if (consumers < 1) {
            throw new IllegalArgumentException("incidents:" + playbook + ": consumers must be at least 1, not "
                    + consumers);
        }
        this.consumers = consumers;
    }

    public int getConsumers() {
        return consumers;
    }

    /**
     * @param body {@code incidents} or {@code json}
     * @throws IllegalArgumentException for anything else (the message names both)
     */
    public void setBody(String body) {
        if (!"incidents".equals(body) && !"json".equals(body)) {
            throw new IllegalArgumentException("incidents:" + playbook + ": body must be incidents or json, not '"
                    + body + "'");
        }
        this.json = "json".equals(body);
    }

    public String getBody() {
        return json ? "json" : "incidents";
    }

    /** True when the steps get each incident as its JSON (a map), false for {@code Incident} records. */
    boolean jsonBody() {
        return json;
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        IncidentsConsumer consumer = new IncidentsConsumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }

    @Override
    public Producer createProducer() {
        throw new UnsupportedOperationException("incidents:" + playbook + " is a trigger (from:), not an action");
    }

    @Override
    protected String createEndpointUri() {
        return "incidents:" + playbook;
    }
}
