package org.soarplaybooks.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;

/**
 * The playbooks a webhook feeds ({@code feeds}: playbook ids, each the route id or group of a playbook whose queue
 * takes the webhook's incidents) and which events each one gets ({@code feedOnly}, see {@link FeedCondition}).
 */
final class WebhookFeeds {

    private static final Pattern PLAYBOOK = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,199}");

    private final Set<String> feeds;
    private final Map<String, FeedCondition> feedOnly;

    private WebhookFeeds(Set<String> feeds, Map<String, FeedCondition> feedOnly) {
        this.feeds = feeds;
        this.feedOnly = feedOnly;
    }

    static WebhookFeeds none() {
        return new WebhookFeeds(Set.of(), Map.of());
    }

    /**
     * Parses {@code playbook,playbook}.
     *
     * @throws IllegalArgumentException for an entry that is not a playbook id (an old {@code playbook=folder} entry
     *         says so: webhooks now queue, they write no inbox file)
     */
    WebhookFeeds withFeeds(String text) {
        Set<String> parsed = new LinkedHashSet<>();
        for (String entry : text == null ? new String[0] : text.split(",")) {
            String playbook = entry.strip();
            if (playbook.isEmpty()) {
                continue;
            }
            if (playbook.contains("=")) {
                throw new IllegalArgumentException("webhook feeds: '" + playbook + "' names a folder; feeds names only"
                        + " playbooks now (the webhook sends to each one's queue): write '"
                        + playbook.substring(0, playbook.indexOf('=')).strip() + "'");
            }
            if (!PLAYBOOK.matcher(playbook).matches()) {
                throw new IllegalArgumentException("webhook feeds: '" + playbook + "' is not a playbook id (letters,"
                        + " digits, '-' and '_')");
            }
            parsed.add(playbook);
        }
        return new WebhookFeeds(Collections.unmodifiableSet(parsed), feedOnly);
    }

    /** @throws IllegalArgumentException for an entry of another shape ({@link FeedCondition#parse}) */
    WebhookFeeds withFeedOnly(String text) {
        return new WebhookFeeds(feeds, Collections.unmodifiableMap(FeedCondition.parse(text)));
    }

    /** @throws IllegalStateException when {@code feedOnly} names a playbook that is not in {@code feeds} */
    void check(String webhook) {
        for (String playbook : feedOnly.keySet()) {
            if (!feeds.contains(playbook)) {
                throw new IllegalStateException("webhook " + webhook + ": feedOnly names " + playbook
                        + ", which is not in feeds " + feeds);
            }
        }
    }

    Set<String> playbooks() {
        return feeds;
    }

    /** The fed playbooks loaded right now (a route with that id or group), in feed order. */
    List<String> loaded(CamelContext context) {
        List<String> loaded = new ArrayList<>();
        for (String playbook : feeds) {
            for (Route r : context.getRoutes()) {
                if (playbook.equals(r.getRouteId()) || playbook.equals(r.getGroup())) {
                    loaded.add(playbook);
                    break;
                }
            }
        }
        return loaded;
    }

    /**
     * Removes from {@code targets} the playbooks whose {@code feedOnly} condition the event does not meet; returns
     * null when none was removed, else {@code not for <playbook>: <why>} for each (joined by {@code "; "}).
     */
    String dropNotFor(List<String> targets, JsonNode event) {
        List<String> skipped = new ArrayList<>();
        targets.removeIf(playbook -> {
            FeedCondition condition = feedOnly.get(playbook);
            String why = condition == null ? null : condition.unmetBy(event);
            if (why != null) {
                skipped.add("not for " + playbook + ": " + why);
            }
            return why != null;
        });
        return skipped.isEmpty() ? null : String.join("; ", skipped);
    }
}
