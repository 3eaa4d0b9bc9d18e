package org.soarplaybooks.core.queue;

import java.util.regex.Pattern;

/**
 * Where a playbook's incidents wait: one durable queue per playbook, named {@code playbook.<playbook id>} (anycast
 * address and queue of the same name), which every trigger of the playbook (its inbox folders, the webhooks that
 * feed it, its schedule, {@code replay}) sends to and only that playbook consumes.
 */
public final class PlaybookQueues {

    /** The prefix of every playbook queue. */
    public static final String PREFIX = "playbook.";

    /** Artemis address match of every playbook queue (address settings of the embedded broker). */
    public static final String ADDRESS_MATCH = "playbook.#";

    private static final Pattern PLAYBOOK = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,199}");

    private PlaybookQueues() {
    }

    /**
     * The queue of a playbook.
     *
     * @param playbook the playbook id (the route id or group of its routes)
     * @throws IllegalArgumentException when the id has characters other than letters, digits, {@code -} and
     *         {@code _}, or more than 200
     */
    public static String of(String playbook) {
        if (playbook == null || !PLAYBOOK.matcher(playbook).matches()) {
            throw new IllegalArgumentException("'" + playbook + "' cannot name a playbook queue: use letters, digits,"
                    + " '-' and '_' (at most 200)");
        }
        return PREFIX + playbook;
    }

    /** The playbook of a queue name made by {@link #of}, or null for another name. */
    public static String playbookOf(String queue) {
        return queue != null && queue.startsWith(PREFIX) ? queue.substring(PREFIX.length()) : null;
    }
}
