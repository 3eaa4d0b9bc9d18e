package org.soarplaybooks.testkit;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.soarplaybooks.testkit.HttpMethod.DELETE;

import org.junit.jupiter.api.Test;
import org.soarplaybooks.simulator.SimulatorCredentials;

/** The kit's failure messages list what the vendors received, but never a credential the playbook sent. */
@PlaybookTest("confirmed-breach-to-privacy-register.camel.yaml")
class PlaybookKitSecretsTest {

    @Test
    void tokenRequestsAreListedWithTheirClientSecretMasked(Playbook playbook) {
        playbook.drop("fixtures/contraforce/incident-closed-sentinel-1505-truepositive-compromiseduser.json");

        assertThatThrownBy(() -> playbook.oneTrust().received(DELETE, "/api/incident/v1/incidents/*"))
                .hasMessageContaining("OneTrust received 3 requests:\n    1. POST /api/access/v1/oauth/token "
                        + "grant_type=client_credentials&client_id=demo-onetrust-client&client_secret=***")
                .hasMessageContaining("Adversarial received 2 requests:\n    1. POST /api/v1/oauth/token "
                        + "grant_type=client_credentials&client_id=arm_sa_demo&client_secret=***")
                .hasMessageNotContaining(SimulatorCredentials.DEMO_ONETRUST_CLIENT_SECRET)
                .hasMessageNotContaining(SimulatorCredentials.DEMO_ADVERSARIAL_CLIENT_SECRET)
                .hasMessageNotContaining("Bearer");
    }
}
