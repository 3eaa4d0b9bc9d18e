package org.soarplaybooks.playbook.kit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.soarplaybooks.testkit.HttpMethod.PUT;

import org.junit.jupiter.api.Test;
import org.soarplaybooks.testkit.Playbook;
import org.soarplaybooks.testkit.PlaybookTest;

/** webhooks: signed deliveries in, queued for the playbooks they feed, which call the vendors. */
@PlaybookTest(value = "webhooks.camel.yaml",
        with = {"contraforce-triage.camel.yaml", "sentinel-incident-sync.camel.yaml"})
class WebhooksKitTest {

    @Test
    void eachSignedDeliveryReachesThePlaybookItFeeds(Playbook playbook) {
        assertThat(playbook.contraforceWebhook("fixtures/contraforce/incident-created-sentinelone-123456.json")
                .statusCode()).isEqualTo(202);
        assertThat(playbook.sentinelWebhook("samples/microsoft-sentinel/incident-1505-active-rapid7.json")
                .statusCode()).isEqualTo(202);

        playbook.contraforce().received(PUT, "/api/v2/workspaces/*/incidents/SentinelOne/123456/status")
                .withJson("status", "Active").withJson("comment", "Triaged by playbook contraforce-triage");
        playbook.contraforce().received(PUT, "/api/v2/workspaces/*/incidents/Sentinel/1505/status")
                .withJson("status", "Active");
    }
}
