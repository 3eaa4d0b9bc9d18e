package org.soarplaybooks.simulator;

import com.github.tomakehurst.wiremock.common.Notifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replaces WireMock's console notifier so the simulator prints nothing to stdout: WireMock's info messages go
 * to the project's SLF4J logger {@code org.soarplaybooks.simulator.wiremock} at DEBUG, its errors at WARN.
 */
final class QuietNotifier implements Notifier {

    private static final Logger LOG = LoggerFactory.getLogger("org.soarplaybooks.simulator.wiremock");

    @Override
    public void info(String message) {
        LOG.debug(message);
    }

    @Override
    public void error(String message) {
        LOG.warn(message);
    }

    @Override
    public void error(String message, Throwable t) {
        LOG.warn(message, t);
    }
}
