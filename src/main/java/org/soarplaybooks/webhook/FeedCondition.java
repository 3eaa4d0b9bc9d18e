package org.soarplaybooks.webhook;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Which events a fed playbook acts on, so the webhook queues to it only those (bean property {@code feedOnly} of a
 * webhook, {@code routes/webhooks.camel.yaml}). One condition per playbook: a JSON Pointer into the event and the
 * values it may have, written {@code playbook=/pointer:value|value}, e.g.
 * {@code contraforce-closure-to-sentinelone=/data/status:Closed}. Values are compared as text, exactly (case
 * counts). A playbook without a condition gets every event.
 *
 * @param pointer the JSON Pointer, e.g. {@code /data/status}
 * @param values  the values the event must have there (at least one)
 */
record FeedCondition(JsonPointer pointer, List<String> values) {

    private static final Pattern PLAYBOOK = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final Pattern ENTRY = Pattern.compile("(/[^:=]+):([^|]+(\\|[^|]+)*)");

    FeedCondition {
        values = List.copyOf(values);
    }

    /**
     * Parses {@code playbook=/pointer:value|value,...} (blank: no condition).
     *
     * @return playbook (route id or group) to its condition, in input order
     * @throws IllegalArgumentException for an entry of another shape (the message names it)
     */
    static Map<String, FeedCondition> parse(String text) {
        Map<String, FeedCondition> parsed = new LinkedHashMap<>();
        for (String entry : text == null ? new String[0] : text.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            String[] kv = entry.strip().split("=", 2);
            var m = kv.length == 2 ? ENTRY.matcher(kv[1].strip()) : null;
            if (m == null || !PLAYBOOK.matcher(kv[0].strip()).matches() || !m.matches()) {
                throw new IllegalArgumentException("webhook feedOnly: '" + entry.strip()
                        + "' is not playbook=/json/pointer:value|value");
            }
            parsed.put(kv[0].strip(), new FeedCondition(JsonPointer.compile(m.group(1)),
                    List.of(m.group(2).split("\\|"))));
        }
        return parsed;
    }

    /** Null when the event meets the condition, else why not, e.g. {@code /data/status is New, not Closed}. */
    String unmetBy(JsonNode event) {
        JsonNode at = event.at(pointer);
        String value = at.isValueNode() ? at.asText() : null;
        if (value != null && values.contains(value)) {
            return null;
        }
        return pointer + (value == null ? " is missing" : " is " + value) + ", not " + String.join(" or ", values);
    }
}
