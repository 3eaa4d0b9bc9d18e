package org.soarplaybooks.observe;

import java.util.Map;
import java.util.function.Supplier;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;
import org.soarplaybooks.core.queue.QueueClient;
import org.soarplaybooks.core.queue.QueueUnavailableException;

/**
 * Readiness check {@code soar/queue}: the playbooks can take their incidents. DOWN, with the reason, when
 * <ul>
 *   <li>the broker cannot be reached or refuses the account (each call opens and closes one session: the embedded
 *       broker answers in-VM in well under a millisecond, an external one within its connection timeout), or</li>
 *   <li>a playbook's consumer stopped on a fatal error ({@code OutOfMemoryError} and other JVM errors): the engine
 *       goes on with what still runs, but it needs a restart (and, for an {@code OutOfMemoryError}, more heap).</li>
 * </ul>
 * Detail {@code broker}: the broker's URL (never its user or password). Not a liveness check: the broker coming back
 * makes it UP again without a restart; a fatal error stays DOWN until the engine restarts.
 */
public final class QueueCheck extends AbstractHealthCheck {

    /** The check id, as {@code /observe/health} names it. */
    public static final String ID = "queue";

    private final QueueClient client;
    private final Supplier<String> fatalError;

    /**
     * @param client     the engine's queue client
     * @param fatalError the first fatal consumer error, as one line naming the playbook, or null when there was none
     */
    public QueueCheck(QueueClient client, Supplier<String> fatalError) {
        super("soar", ID);
        this.client = client;
        this.fatalError = fatalError;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        builder.detail("broker", String.valueOf(client.url()));
        String fatal = fatalError.get();
        if (fatal != null) {
            builder.down().message(fatal);
            return;
        }
        try {
            client.connect();
            builder.up();
        } catch (QueueUnavailableException | SecurityException e) {
            builder.down().message(e.getMessage());
        }
    }
}
