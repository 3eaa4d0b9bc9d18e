package org.soarplaybooks.playbook.kit;

import static org.soarplaybooks.testkit.HttpMethod.GET;
import static org.soarplaybooks.testkit.HttpMethod.POST;

import org.junit.jupiter.api.Test;
import org.soarplaybooks.testkit.Playbook;
import org.soarplaybooks.testkit.PlaybookTest;

/** sentinelone-threat-sync: real SentinelOne threats, from a file and from one scheduled run, to ContraForce. */
@PlaybookTest(value = "sentinelone-threat-sync.camel.yaml",
        properties = {"sentinelone.sync.enabled=true", "sentinelone.sync.cron=" + PlaybookTest.NEVER})
class SentinelOneThreatSyncKitTest {

    @Test
    void aThreatsFileBecomesOneBulkUpdate(Playbook playbook) {
        playbook.drop("samples/sentinelone/threats-list-v2_1-demisto.json");
        playbook.contraforce().received(POST, "/api/v2/incidents/across-workspaces/bulk-update")
                .withJson("items[0].incidentSource", "SentinelOne").once();
    }

    @Test
    void aScheduledRunReadsTheThreatsAndSendsThem(Playbook playbook) {
        playbook.runSchedule();
        playbook.sentinelOne().received(GET, "/web/api/v2.1/threats").withQuery("sortBy", "updatedAt");
        playbook.contraforce().received(POST, "/api/v2/incidents/across-workspaces/bulk-update")
                .withJson("items[0].incidentSource", "SentinelOne");
    }
}
