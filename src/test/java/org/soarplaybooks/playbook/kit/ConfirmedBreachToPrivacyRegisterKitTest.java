package org.soarplaybooks.playbook.kit;

import static org.soarplaybooks.testkit.HttpMethod.PATCH;
import static org.soarplaybooks.testkit.HttpMethod.PUT;

import org.junit.jupiter.api.Test;
import org.soarplaybooks.testkit.Playbook;
import org.soarplaybooks.testkit.PlaybookTest;

/** confirmed-breach-to-privacy-register: a confirmed breach in, OneTrust and Adversarial updated. */
@PlaybookTest("confirmed-breach-to-privacy-register.camel.yaml")
class ConfirmedBreachToPrivacyRegisterKitTest {

    @Test
    void aCompromisedUserBreachNeedsNotificationAndIsRegistered(Playbook playbook) {
        playbook.drop("fixtures/contraforce/incident-closed-sentinel-1505-truepositive-compromiseduser.json");

        playbook.oneTrust().received(PUT, "/api/incident/v1/incidents/f7114aef-b6b6-42d6-9249-56a467950aa7")
                .withJson("notificationNeeded", "YES").once();
        playbook.adversarial().received(PATCH, "/api/v1/incidents")
                .withJson("ids[0]", "INC-00005").withJson("status", "Review");
        playbook.noDeadLetters();
    }
}
