package org.soarplaybooks.runtime.broker;

import java.util.function.UnaryOperator;

/**
 * Which broker the engine uses, from {@code config/application.properties}:
 *
 * <table>
 *   <caption>Properties</caption>
 *   <tr><td>{@code playbooks.broker.url}</td><td>{@code PLAYBOOKS_BROKER_URL}; empty: the embedded broker
 *       ({@link EmbeddedBroker}); else an Artemis URL such as {@code tcp://broker:61616}</td></tr>
 *   <tr><td>{@code playbooks.broker.user}, {@code playbooks.broker.password}</td><td>{@code PLAYBOOKS_BROKER_USER},
 *       {@code PLAYBOOKS_BROKER_PASSWORD}: the account on an external broker (never logged)</td></tr>
 *   <tr><td>{@code playbooks.broker.max-memory}</td><td>embedded broker: MiB of messages held in memory, all queues
 *       together, before it pages them to disk (default 64)</td></tr>
 *   <tr><td>{@code playbooks.broker.duplicate-ids}</td><td>embedded broker: duplicate ids remembered per queue
 *       (default 100000)</td></tr>
 *   <tr><td>{@code playbooks.webhook.remembered-events}</td><td>embedded broker: event ids remembered per webhook
 *       (address {@code webhook.<name>}), to refuse a re-delivery (default 100000)</td></tr>
 * </table>
 *
 * @param url            the external broker's URL, or empty for the embedded one
 * @param user           the account's user name, or empty
 * @param password       the account's password, or empty; {@link #toString()} never shows it
 * @param maxMemoryBytes bytes of messages in memory before paging (embedded broker)
 * @param duplicateIds   duplicate-detection ids remembered per queue (embedded broker)
 * @param webhookEvents  event ids remembered per webhook (embedded broker)
 */
public record BrokerSettings(String url, String user, String password, long maxMemoryBytes, int duplicateIds,
                             int webhookEvents) {

    public static final String URL = "playbooks.broker.url";
    public static final String USER = "playbooks.broker.user";
    public static final String PASSWORD = "playbooks.broker.password";
    public static final String MAX_MEMORY = "playbooks.broker.max-memory";
    public static final String DUPLICATE_IDS = "playbooks.broker.duplicate-ids";
    public static final String WEBHOOK_EVENTS = "playbooks.webhook.remembered-events";

    public BrokerSettings {
        url = url == null ? "" : url.strip();
        user = user == null ? "" : user;
        password = password == null ? "" : password;
        if (maxMemoryBytes < 1024 * 1024) {
            throw new IllegalArgumentException(MAX_MEMORY + " must be at least 1 (MiB)");
        }
        if (duplicateIds < 1) {
            throw new IllegalArgumentException(DUPLICATE_IDS + " must be at least 1, not " + duplicateIds);
        }
        if (webhookEvents < 1) {
            throw new IllegalArgumentException(WEBHOOK_EVENTS + " must be at least 1, not " + webhookEvents);
        }
    }

    /**
     * Reads the settings through {@code property} (a resolver of property names to their values, placeholders
     * resolved; null or empty when unset).
     *
     * @throws IllegalArgumentException naming the property when a number cannot be read or is out of range
     */
    public static BrokerSettings read(UnaryOperator<String> property) {
        return new BrokerSettings(property.apply(URL), property.apply(USER), property.apply(PASSWORD),
                number(property, MAX_MEMORY, 64) * 1024 * 1024, (int) number(property, DUPLICATE_IDS, 100_000),
                (int) number(property, WEBHOOK_EVENTS, 100_000));
    }

    private static long number(UnaryOperator<String> property, String key, long fallback) {
        String v = property.apply(key);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            return Long.parseLong(v.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number, not '" + v.strip() + "'");
        }
    }

    /** True when no URL is set: the engine runs its own broker. */
    public boolean embedded() {
        return url.isEmpty();
    }

    /** Never the password. */
    @Override
    public String toString() {
        return embedded() ? "embedded broker" : "broker " + org.soarplaybooks.core.queue.QueueClient.shown(url) + (user.isEmpty() ? "" : " as " + user);
    }
}
