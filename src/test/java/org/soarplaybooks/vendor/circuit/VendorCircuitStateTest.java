package org.soarplaybooks.vendor.circuit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.soarplaybooks.vendor.circuit.VendorCircuit.State;

/** The circuit's states against a clock the test moves: threshold, open time, the one trial call, reopening. */
class VendorCircuitStateTest {

    /** A clock that only moves when told. */
    static final class TestClock extends Clock {
        Instant now = Instant.parse("2026-11-21T12:00:00Z");

        void advance(long millis) {
            now = now.plusMillis(millis);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    final TestClock clock = new TestClock();
    final VendorCircuits circuits = new VendorCircuits(3, 30_000, clock);

    @Test
    void opensAfterTheThresholdOfRetryableFailuresInARowOnly() {
        circuits.answered("ContraForce", 503);
        circuits.answered("ContraForce", 429);
        circuits.answered("ContraForce", 400); // the vendor answered: not a failure of the vendor, the count restarts
        circuits.answered("ContraForce", 500);
        circuits.answered("ContraForce", 504);
        assertThat(circuits.of("ContraForce").state()).isEqualTo(State.CLOSED);
        assertThat(circuits.of("ContraForce").failuresInARow()).isEqualTo(2);

        circuits.answered("ContraForce", 408);

        assertThat(circuits.of("ContraForce").state()).isEqualTo(State.OPEN);
        assertThat(circuits.of("SentinelOne").state()).as("one circuit per vendor").isEqualTo(State.CLOSED);
        assertThatThrownBy(() -> circuits.beforeCall("ContraForce", "update-incident-status"))
                .isInstanceOfSatisfying(CircuitOpenException.class, e -> {
                    assertThat(e.waitMillis()).isEqualTo(30_000);
                    assertThat(e.problem().code()).isEqualTo("CIRCUIT_OPEN");
                    assertThat(e.problem().status()).isNull();
                });
        circuits.beforeCall("SentinelOne", "update-threat-incident"); // not refused
    }

    @Test
    void halfOpenLetsOneTrialThroughWhoseFailureReopensAndWhoseSuccessCloses() {
        open();
        clock.advance(29_000);
        assertThatThrownBy(() -> circuits.beforeCall("ContraForce", "op"))
                .isInstanceOfSatisfying(CircuitOpenException.class, e -> assertThat(e.waitMillis()).isEqualTo(1000));

        clock.advance(1000);
        assertThat(circuits.of("ContraForce").state()).isEqualTo(State.HALF_OPEN);
        circuits.beforeCall("ContraForce", "op"); // the trial
        assertThatThrownBy(() -> circuits.beforeCall("ContraForce", "op")).as("only one trial at a time")
                .isInstanceOf(CircuitOpenException.class);

        circuits.answered("ContraForce", 503); // the trial failed
        assertThat(circuits.of("ContraForce").state()).isEqualTo(State.OPEN);
        assertThat(circuits.of("ContraForce").openForMillisLeft()).isEqualTo(30_000);

        clock.advance(30_000);
        circuits.beforeCall("ContraForce", "op"); // the next trial
        circuits.answered("ContraForce", 204);
        assertThat(circuits.of("ContraForce").state()).isEqualTo(State.CLOSED);
        assertThat(circuits.of("ContraForce").failuresInARow()).isZero();
        circuits.beforeCall("ContraForce", "op");
        circuits.beforeCall("ContraForce", "op");
    }

    @Test
    void aTrialThatIsNeverAnsweredLetsAnotherTrialThroughAfterTheOpenTime() {
        open();
        clock.advance(30_000);
        circuits.beforeCall("ContraForce", "op"); // a trial whose answer never comes (its failure was not counted)
        clock.advance(29_999);
        assertThatThrownBy(() -> circuits.beforeCall("ContraForce", "op")).isInstanceOf(CircuitOpenException.class);
        clock.advance(1);
        circuits.beforeCall("ContraForce", "op");
    }

    @Test
    void settingsApplyToEveryCircuitAndAreChecked() {
        circuits.configure(1, Duration.ofSeconds(2).toMillis());
        circuits.answered("OneTrust", 502);
        assertThat(circuits.of("OneTrust").openForMillisLeft()).isEqualTo(2000);
        assertThatThrownBy(() -> circuits.configure(0, 1000)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("playbooks.circuit.failure-threshold");
    }

    private void open() {
        for (int i = 0; i < 3; i++) {
            circuits.answered("ContraForce", 503);
        }
        assertThat(circuits.of("ContraForce").state()).isEqualTo(State.OPEN);
    }
}
