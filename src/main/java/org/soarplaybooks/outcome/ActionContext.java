package org.soarplaybooks.outcome;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.apache.camel.Exchange;

/**
 * What an action records on the exchange while it runs, so that the outcome (audit record, dead letter) can be
 * written by whoever sees the end: the action's response reader on success, the error-handler route on failure.
 *
 * <p>Exchange properties (never headers, so nothing of it leaves the process): {@code soar.playbook} (set by
 * the engine when an exchange starts in a playbook route), {@code soar.items} ({@code List<ActionItem>}), {@code soar.vendor}, {@code soar.operation},
 * {@code soar.request} ({@code {"method","path","body"}} — no headers, so no secret), {@code soar.trigger},
 * {@code soar.startNanos}, {@code soar.inbox} (the folder of the input file, for replay),
 * {@code soar.firstFailure} (when the first attempt failed).
 */
public final class ActionContext {

    public static final String PLAYBOOK = "soar.playbook";
    public static final String ITEMS = "soar.items";
    public static final String VENDOR = "soar.vendor";
    public static final String OPERATION = "soar.operation";
    public static final String REQUEST = "soar.request";
    public static final String TRIGGER = "soar.trigger";
    public static final String START_NANOS = "soar.startNanos";
    public static final String INBOX = "soar.inbox";
    public static final String FIRST_FAILURE = "soar.firstFailure";

    private ActionContext() {
    }

    /**
     * Records the start of a vendor call. Call before the inbound headers are removed: the trigger is read from
     * {@code CamelFileName} (file trigger) or the consumer endpoint.
     *
     * @param items the incidents this request carries; if null, the items already on the exchange are kept
     */
    public static void begin(Exchange exchange, String vendor, String operation, String method, String path,
                             JsonNode body, List<ActionItem> items) {
        if (exchange.getProperty(TRIGGER) == null) {
            String file = exchange.getMessage().getHeader(Exchange.FILE_NAME, String.class);
            String trigger = file != null ? "file:" + file
                    : exchange.getFromEndpoint() != null ? exchange.getFromEndpoint().getEndpointBaseUri() : "direct";
            exchange.setProperty(TRIGGER, trigger);
            String parent = exchange.getMessage().getHeader(Exchange.FILE_PARENT, String.class);
            if (file != null && parent != null) {
                exchange.setProperty(INBOX, parent);
            }
        }
        if (items != null) {
            exchange.setProperty(ITEMS, List.copyOf(items));
        }
        exchange.setProperty(VENDOR, vendor);
        exchange.setProperty(OPERATION, operation);
        ObjectNode request = JsonNodeFactory.instance.objectNode();
        request.put("method", method);
        request.put("path", path);
        request.set("body", body);
        exchange.setProperty(REQUEST, request);
        exchange.setProperty(START_NANOS, System.nanoTime());
    }

    /** The playbook (route id) the exchange started in; the current route id if the engine did not set it. */
    public static String playbook(Exchange exchange) {
        String p = exchange.getProperty(PLAYBOOK, String.class);
        return p != null ? p : exchange.getFromRouteId();
    }

    /** The incidents of the current request; empty if no action started. */
    @SuppressWarnings("unchecked")
    public static List<ActionItem> items(Exchange exchange) {
        List<ActionItem> items = exchange.getProperty(ITEMS, List.class);
        return items == null ? List.of() : items;
    }

    /** Milliseconds since {@link #begin}, or null if no action started. */
    public static Long elapsedMillis(Exchange exchange) {
        Long start = exchange.getProperty(START_NANOS, Long.class);
        return start == null ? null : (System.nanoTime() - start) / 1_000_000L;
    }
}
