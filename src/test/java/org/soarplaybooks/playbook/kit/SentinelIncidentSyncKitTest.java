package org.soarplaybooks.playbook.kit;

import static org.soarplaybooks.testkit.HttpMethod.PUT;

import org.junit.jupiter.api.Test;
import org.soarplaybooks.testkit.Playbook;
import org.soarplaybooks.testkit.PlaybookTest;

/** sentinel-incident-sync: a real closed Sentinel incident in, the ContraForce status update out. */
@PlaybookTest("sentinel-incident-sync.camel.yaml")
class SentinelIncidentSyncKitTest {

    @Test
    void aClosedSentinelIncidentClosesItsContraForceIncident(Playbook playbook) {
        playbook.drop("samples/microsoft-sentinel/incident-73e01a99-closed-falsepositive-azure-rest-api-specs.json");

        playbook.contraforce()
                .received(PUT, "/api/v2/workspaces/6eca6a1f-2b3c-4d5e-8f90-a1b2c3d4e5f6/incidents/Sentinel/"
                        + "73e01a99-5cd7-4139-a149-9f2736ff2ab5/status")
                .withJson("status", "Closed").withJson("classification", "FalsePositive").once();
        playbook.noDeadLetters();
    }
}
