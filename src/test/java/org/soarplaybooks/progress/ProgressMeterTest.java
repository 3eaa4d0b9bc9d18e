package org.soarplaybooks.progress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The pace of progress lines and the numbers in them, on a clock the test moves. */
class ProgressMeterTest {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

    @Test
    void aLineIsDueAtMostOncePerInterval() {
        ProgressMeter meter = new ProgressMeter(5000, nanos::get);

        assertThat(meter.due()).as("nothing is due before the first interval").isFalse();
        advanceMillis(4999);
        assertThat(meter.due()).isFalse();
        advanceMillis(1);
        assertThat(meter.due()).isTrue();
        assertThat(meter.due()).as("asked again at once").isFalse();
        advanceMillis(7000);
        assertThat(meter.due()).isTrue();
        advanceMillis(3000);
        assertThat(meter.due()).as("the interval counts from the last line").isFalse();
    }

    @Test
    void theRateIsSinceTheStart() {
        ProgressMeter meter = new ProgressMeter(0, nanos::get);

        assertThat(meter.ratePerSecond(10)).as("no time passed yet").isZero();
        advanceMillis(3000);
        assertThat(meter.ratePerSecond(40_200)).isEqualTo(13_400.0);
        assertThat(meter.elapsedMillis()).isEqualTo(3000);
        assertThat(meter.due()).as("interval 0: every call").isTrue();
        assertThat(meter.due()).isTrue();
    }

    @Test
    void numbersAreWrittenForPeople() {
        assertThat(ProgressMeter.count(40_000)).isEqualTo("40,000");
        assertThat(ProgressMeter.count(1_000_000)).isEqualTo("1,000,000");
        assertThat(ProgressMeter.rate(13_400.4)).isEqualTo("13,400");
        assertThat(ProgressMeter.rate(4.12)).isEqualTo("4.1");
        assertThat(ProgressMeter.percent(40_000, 200_000)).isEqualTo(20);
        assertThat(ProgressMeter.percent(5, 0)).as("unknown whole").isZero();
        assertThat(ProgressMeter.percent(210, 200)).as("never above 100").isEqualTo(100);
    }

    @Test
    void aNegativeIntervalIsRefused() {
        assertThatThrownBy(() -> new ProgressMeter(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("playbooks.progress.interval must be 0 or more milliseconds, not -1");
    }

    private void advanceMillis(long ms) {
        nanos.addAndGet(ms * 1_000_000L);
    }
}
