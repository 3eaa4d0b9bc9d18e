package org.soarplaybooks.playbook.kit;

import static org.soarplaybooks.testkit.HttpMethod.POST;
import static org.soarplaybooks.testkit.Vendor.CONTRAFORCE;

import org.junit.jupiter.api.Test;
import org.soarplaybooks.testkit.Playbook;
import org.soarplaybooks.testkit.PlaybookTest;

/** contraforce-closure-to-sentinelone: a ContraForce closure event in, the SentinelOne threat resolved out. */
@PlaybookTest("contraforce-closure-to-sentinelone.camel.yaml")
class ContraForceClosureToSentinelOneKitTest {

    @Test
    void aTruePositiveClosureResolvesTheThreat(Playbook playbook) {
        playbook.drop("fixtures/contraforce/incident-closed-sentinelone-123456-truepositive-malware.json");

        playbook.sentinelOne().received(POST, "/web/api/v2.1/threats/incident")
                .withJson("data.incidentStatus", "resolved").withJson("data.analystVerdict", "true_positive")
                .withJson("filter.ids[0]", "123456").once();
        playbook.noCallsTo(CONTRAFORCE);
    }
}
