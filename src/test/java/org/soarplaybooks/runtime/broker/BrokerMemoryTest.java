package org.soarplaybooks.runtime.broker;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How much of a backlog the embedded broker keeps in memory before paging, for a given heap. */
class BrokerMemoryTest {

    static final long MIB = 1L << 20;

    @Test
    void theSettingHoldsWhenTheHeapIsLargeAndAnEighthOfTheHeapWhenItIsSmall() {
        assertThat(EmbeddedBroker.memoryFor(64 * MIB, 4096 * MIB)).isEqualTo(64 * MIB);
        assertThat(EmbeddedBroker.memoryFor(64 * MIB, 512 * MIB)).isEqualTo(64 * MIB);
        assertThat(EmbeddedBroker.memoryFor(64 * MIB, 128 * MIB)).isEqualTo(16 * MIB);
        assertThat(EmbeddedBroker.memoryFor(64 * MIB, 4 * MIB)).as("never below 1 MiB").isEqualTo(MIB);
    }
}
