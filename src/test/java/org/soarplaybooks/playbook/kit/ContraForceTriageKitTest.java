package org.soarplaybooks.playbook.kit;

import static org.soarplaybooks.testkit.HttpMethod.POST;
import static org.soarplaybooks.testkit.HttpMethod.PUT;

import org.junit.jupiter.api.Test;
import org.soarplaybooks.testkit.Playbook;
import org.soarplaybooks.testkit.PlaybookTest;

/** contraforce-triage: a new SentinelOne incident in ContraForce, triaged in both tools. */
@PlaybookTest("contraforce-triage.camel.yaml")
class ContraForceTriageKitTest {

    @Test
    void aNewSentinelOneIncidentIsTriaged(Playbook playbook) {
        playbook.drop("fixtures/contraforce/incident-created-sentinelone-123456.json");

        playbook.sentinelOne().received(POST, "/web/api/v2.1/threats/incident")
                .withJson("data.incidentStatus", "in_progress").withJson("filter.ids[0]", "123456");
        playbook.contraforce().received(PUT, "/api/v2/workspaces/*/incidents/SentinelOne/123456/status")
                .withJson("status", "Active").withJson("comment", "Triaged by playbook contraforce-triage");
    }
}
