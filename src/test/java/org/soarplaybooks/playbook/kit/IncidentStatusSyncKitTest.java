package org.soarplaybooks.playbook.kit;

import static org.soarplaybooks.testkit.HttpMethod.PUT;

import org.junit.jupiter.api.Test;
import org.soarplaybooks.testkit.Playbook;
import org.soarplaybooks.testkit.PlaybookTest;

/** incident-status-sync: a real open QRadar offense in, its ContraForce incident Active out. */
@PlaybookTest("incident-status-sync.camel.yaml")
class IncidentStatusSyncKitTest {

    @Test
    void anOpenQRadarOffenseMakesItsContraForceIncidentActive(Playbook playbook) {
        playbook.dropInto("qradar", "samples/qradar/offense-16-open-demisto.json");

        playbook.contraforce().received(PUT, "/api/v2/workspaces/*/incidents/QRadar/16/status")
                .withJson("status", "Active").once();
        playbook.noDeadLetters();
    }
}
