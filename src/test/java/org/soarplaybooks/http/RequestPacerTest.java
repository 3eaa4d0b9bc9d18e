package org.soarplaybooks.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link RequestPacer} on a clock of the test's: starts spaced by 1 / rate, never bursts, waits only as needed. */
class RequestPacerTest {

    static final long MS = 1_000_000L;

    /** A monotonic clock that only the sleeper moves (plus what the test adds for work between calls). */
    static final class FakeTime {
        long now = 5_000 * MS;
        final List<Long> sleeps = new ArrayList<>();

        RequestPacer pacer(double perSecond) {
            return new RequestPacer(perSecond, () -> now, nanos -> {
                sleeps.add(nanos);
                now += nanos;
            });
        }
    }

    @Test
    void tenPerSecondStartsCallsOneHundredMillisecondsApart() {
        FakeTime time = new FakeTime();
        RequestPacer pacer = time.pacer(10);
        List<Long> starts = new ArrayList<>();

        for (int i = 0; i < 5; i++) {
            pacer.acquire();
            starts.add(time.now);
        }

        assertThat(starts).containsExactly(5_000 * MS, 5_100 * MS, 5_200 * MS, 5_300 * MS, 5_400 * MS);
        assertThat(time.sleeps).containsExactly(100 * MS, 100 * MS, 100 * MS, 100 * MS);
    }

    @Test
    void timeSpentBetweenCallsCountsTowardsTheGap() {
        FakeTime time = new FakeTime();
        RequestPacer pacer = time.pacer(10);

        assertThat(pacer.acquire()).isZero();
        time.now += 70 * MS;                       // the page took 70 ms to handle
        assertThat(pacer.acquire()).isEqualTo(30 * MS);
        time.now += 250 * MS;                      // slower than the limit: no wait at all
        assertThat(pacer.acquire()).isZero();
        assertThat(pacer.acquire()).isEqualTo(100 * MS);
    }

    @Test
    void aLongPauseDoesNotBankCallsForABurst() {
        FakeTime time = new FakeTime();
        RequestPacer pacer = time.pacer(10);
        pacer.acquire();

        time.now += 10_000 * MS;                   // ten idle seconds
        pacer.acquire();
        long afterPause = time.now;
        pacer.acquire();

        assertThat(time.now - afterPause).isEqualTo(100 * MS);
    }

    @Test
    void aRateThatIsNotPositiveIsRefused() {
        assertThatThrownBy(() -> new RequestPacer(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("positive");
        assertThatThrownBy(() -> new RequestPacer(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RequestPacer(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anInterruptedWaitStopsWithTheFlagSet() {
        RequestPacer pacer = new RequestPacer(0.001);
        pacer.acquire();
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(pacer::acquire).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("interrupted");
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }
}
