package org.soarplaybooks.http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.camel.Exchange;
import org.soarplaybooks.outcome.ActionContext;
import org.soarplaybooks.outcome.ActionItem;
import org.soarplaybooks.outcome.QueuedIncidents;
import org.soarplaybooks.outcome.Outcomes;
import org.soarplaybooks.problem.ProblemDetails;
import org.soarplaybooks.vendor.circuit.CircuitOpenException;
import org.soarplaybooks.vendor.circuit.VendorCircuits;

/**
 * Decides whether a failed vendor call is tried again, and when. Used by {@code routes/error-handlers.camel.yaml}
 * as the {@code retryWhile} of the vendor-call handler (bean {@code retryPolicy}, declared in that file so authors
 * see and adjust its settings).
 *
 * <ul>
 *   <li>Retried: HTTP 408, 425, 429, 500, 502, 503, 504, and no answer at all (connection refused or reset, read
 *       timeout: problem code {@code CONNECTION_FAILURE}), and a call not made because the vendor's circuit is
 *       open (problem code {@code CIRCUIT_OPEN}: tried again once it may close, within the same cap and attempt
 *       budget as a {@code Retry-After}). Everything else (other 4xx, a contract violation, a malformed 2xx
 *       answer, a forbidden bulk item) goes to the dead letter at once.</li>
 *   <li>When: the vendor's {@code Retry-After} (delta-seconds or HTTP-date) if it sent one, unless it is longer
 *       than {@link #setRetryAfterCap the cap} (then: dead letter, the reason says so); otherwise exponential
 *       backoff with full jitter: a random wait between 0 and {@code min(maxDelay, baseDelay * 2^(attempt-1))}.</li>
 *   <li>How often: at most {@link #setMaxAttempts maxAttempts} attempts in all (the first call included).</li>
 * </ul>
 * Where the wait happens: for incidents a playbook took from its queue, the call's incidents go back to the queue,
 * delivered again after the wait ({@link QueuedIncidents#retryLater}; the predicate then answers false and the
 * error handler's dead-letter step leaves them alone, see {@code Outcomes.RETRY_LATER}); their messages count the
 * attempts, so a restart does not reset them. Anything else (the bulk inbox, the sync's page reads) is redelivered
 * by Camel: the wait is handed over in the {@code CamelRedeliveryDelay} header, and with
 * {@code asyncDelayedRedelivery} no thread sleeps meanwhile. Each decision to retry writes an audit record
 * {@code retried}. Delays are in milliseconds.
 */
public class RetryPolicy {

    /** Exchange property: failed attempts so far, counted by this policy (one per {@link #shouldRetry} call). */
    public static final String ATTEMPTS = "soar.attempts";

    /** Exchange property: why retrying stopped, for the dead letter's reason. */
    public static final String STOPPED_BECAUSE = "soar.retryStopped";

    static final Set<Integer> RETRYABLE_STATUS = Set.of(408, 425, 429, 500, 502, 503, 504);

    private int maxAttempts = 5;
    private long baseDelay = 1000;
    private long maxDelay = 60_000;
    private long retryAfterCap = 120_000;
    private Clock clock = Clock.systemUTC();

    /**
     * The {@code retryWhile} predicate: called after each failed attempt.
     *
     * @return true to try again (the delay is set on the exchange), false to give up (dead letter)
     */
    public boolean shouldRetry(Exchange exchange) {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (failure == null) {
            failure = exchange.getException();
        }
        ProblemDetails problem = Outcomes.problemOf(failure);
        VendorCircuits circuits = VendorCircuits.lookup(exchange);
        if (circuits != null) {
            circuits.noAnswer(exchange, problem); // a connection fault counts against the vendor's circuit
        }
        QueuedIncidents queued = QueuedIncidents.of(exchange);
        List<ActionItem> items = ActionContext.items(exchange);
        int attempt;
        if (queued != null) {
            // from a queue: the incidents' messages count their failed attempts (this run makes one)
            attempt = queued.attemptsBefore(items) + 1;
            Instant first = queued.firstFailure(items);
            Outcomes.markFailure(exchange, first != null ? first : clock.instant());
        } else {
            attempt = attemptsSoFar(exchange);
            Outcomes.markFailure(exchange, clock.instant());
        }
        exchange.setProperty(ATTEMPTS, attempt);
        if (!isRetryable(problem)) {
            return false;
        }
        if (attempt >= maxAttempts) {
            exchange.setProperty(STOPPED_BECAUSE, "retries used up after " + attempt + " attempts");
            return false;
        }
        long delay;
        CircuitOpenException open = CircuitOpenException.in(failure);
        Optional<Duration> retryAfter = open != null ? Optional.of(Duration.ofMillis(open.waitMillis()))
                : RetryAfter.parse(problem.header("Retry-After"), clock.instant());
        if (retryAfter.isPresent()) {
            delay = retryAfter.get().toMillis();
            if (delay > retryAfterCap) {
                exchange.setProperty(STOPPED_BECAUSE, (open != null ? "the vendor's circuit stays open "
                        : "the vendor asked to wait ") + retryAfter.get().toSeconds()
                        + (open != null ? " s" : " s (Retry-After)") + ", more than the cap of "
                        + retryAfterCap / 1000 + " s");
                return false;
            }
        } else {
            delay = backoff(attempt);
        }
        Outcomes outcomes = exchange.getContext().getRegistry().lookupByNameAndType("outcomes", Outcomes.class);
        if (outcomes != null) {
            outcomes.retried(exchange, problem, attempt, delay);
        }
        if (queued != null) {
            // no thread waits: the incidents go back to their queue, delivered again after the delay
            queued.retryLater(items, delay);
            exchange.setProperty(Outcomes.RETRY_LATER, true);
            return false;
        }
        exchange.getMessage().setHeader(Exchange.REDELIVERY_DELAY, delay);
        return true;
    }

    /** Whether a failure is worth another attempt (see the class comment). */
    public static boolean isRetryable(ProblemDetails p) {
        if (p.status() != null) {
            return RETRYABLE_STATUS.contains(p.status());
        }
        return "CONNECTION_FAILURE".equals(p.code()) || CircuitOpenException.CODE.equals(p.code());
    }

    /** Full jitter: uniform in [0, min(maxDelay, baseDelay * 2^(attempt-1))] milliseconds. */
    long backoff(int attempt) {
        long ceiling = baseDelay << Math.min(30, Math.max(0, attempt - 1));
        ceiling = Math.min(maxDelay, ceiling < 0 ? maxDelay : ceiling);
        return ThreadLocalRandom.current().nextLong(ceiling + 1);
    }

    /**
     * Attempts made so far, the one that just failed included: the policy counts them itself in the exchange
     * property {@value #ATTEMPTS}, because Camel's {@code CamelRedeliveryCounter} header lives on the message and
     * camel-http replaces the message once it has read a status line (a body that then breaks or stalls would
     * look like a first attempt every time, and never run out of retries).
     */
    static int attemptsSoFar(Exchange exchange) {
        Integer before = exchange.getProperty(ATTEMPTS, Integer.class);
        return (before == null ? 0 : before) + 1;
    }

    /** At most this many attempts in all, the first call included (default 5; at least 1). */
    public void setMaxAttempts(int maxAttempts) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, not " + maxAttempts);
        }
        this.maxAttempts = maxAttempts;
    }

    /** Backoff base, milliseconds (default 1000). */
    public void setBaseDelay(long baseDelay) {
        this.baseDelay = Math.max(0, baseDelay);
    }

    /** Longest backoff wait, milliseconds (default 60000). */
    public void setMaxDelay(long maxDelay) {
        this.maxDelay = Math.max(0, maxDelay);
    }

    /** Longest {@code Retry-After} honoured, milliseconds (default 120000); a longer one means dead letter. */
    public void setRetryAfterCap(long retryAfterCap) {
        this.retryAfterCap = Math.max(0, retryAfterCap);
    }

    /** For tests: the clock HTTP-dates are measured against. */
    public void setClock(Clock clock) {
        this.clock = clock;
    }

    public int getMaxAttempts() {
        return maxAttempts;
    }
}
