package org.soarplaybooks.playbook.kit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.soarplaybooks.testkit.HttpMethod.POST;

import org.junit.jupiter.api.Test;
import org.soarplaybooks.testkit.Input;
import org.soarplaybooks.testkit.Playbook;
import org.soarplaybooks.testkit.PlaybookTest;

/** bulk-incident-update: a CSV file of incident updates in, one ContraForce bulk update out. */
@PlaybookTest("bulk-incident-update.camel.yaml")
class BulkIncidentUpdateKitTest {

    @Test
    void everyRowOfTheCsvIsSentInOneBulkUpdate(Playbook playbook) {
        Input csv = playbook.drop("fixtures/bulk/incident-updates.csv");

        playbook.contraforce().received(POST, "/api/v2/incidents/across-workspaces/bulk-update")
                .withJson("items[0].id", "1505").withJson("items[0].status", "Closed")
                .withJson("items[1].incidentSource", "QRadar").once();
        assertThat(csv.result().path("counts").path("sent").asInt()).isEqualTo(2);
    }
}
