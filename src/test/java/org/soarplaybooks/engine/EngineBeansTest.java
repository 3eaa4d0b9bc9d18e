package org.soarplaybooks.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.soarplaybooks.testkit.PlaybookHarness;
import org.soarplaybooks.validate.PlaybookValidatorBeans;

/**
 * The beans {@code validate} takes as bound by the engine are bound by the engine: a name listed there but missing
 * here would let {@code validate} pass a playbook that {@code run} then refuses.
 */
class EngineBeansTest {

    @Test
    void everyBeanValidateCountsOnIsInTheRunningEnginesRegistry(@TempDir Path data) {
        try (PlaybookHarness h = PlaybookHarness.start(data)) {
            for (String name : PlaybookValidatorBeans.engineBeans()) {
                assertThat(h.engine().context().getRegistry().lookupByName(name)).as(name).isNotNull();
            }
        }
    }
}
