package org.soarplaybooks.runtime.broker;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import org.apache.activemq.artemis.core.server.metrics.ActiveMQMetricsPlugin;

/**
 * Hands the engine's meter registry (the one {@code /observe/metrics} scrapes) to the embedded broker, whose own
 * Micrometer meters then appear beside the engine's. Per playbook queue (tags {@code broker="soar-playbooks"},
 * {@code address} and {@code queue} = {@code playbook.<id>}), all gauges:
 * {@code artemis_message_count} (depth: waiting, scheduled for a retry, being run), {@code artemis_messages_added}
 * and {@code artemis_messages_acknowledged} (since start; their rates are the enqueue and acknowledge rates),
 * {@code artemis_scheduled_message_count} (incidents waiting to be tried again), {@code artemis_delivering_message_count},
 * {@code artemis_consumer_count}; per address {@code artemis_number_of_pages}; broker-wide
 * {@code artemis_address_memory_usage} and {@code artemis_disk_store_usage}. The broker removes them when it stops.
 */
final class BrokerMetrics implements ActiveMQMetricsPlugin {

    private static final long serialVersionUID = 1L;

    private final transient MeterRegistry registry;

    BrokerMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public ActiveMQMetricsPlugin init(Map<String, String> options) {
        return this;
    }

    @Override
    public MeterRegistry getRegistry() {
        return registry;
    }
}
