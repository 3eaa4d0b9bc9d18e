package org.soarplaybooks.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.soarplaybooks.testkit.HttpMethod.POST;
import static org.soarplaybooks.testkit.HttpMethod.PUT;
import static org.soarplaybooks.testkit.Vendor.CONTRAFORCE;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The playbook test kit itself: an expectation that does not hold fails with a message naming the playbook, the
 * vendor, the expected request and what each vendor received (and the inputs that failed); one that holds passes.
 */
@PlaybookTest("sentinel-incident-sync.camel.yaml")
class PlaybookKitTest {

    static final String ACTIVE_1505 = "samples/microsoft-sentinel/incident-1505-active-rapid7.json";
    static final String PATH_1505 =
            "/api/v2/workspaces/3f2a4b1c-7d5e-4c8a-9b6f-1e2d3c4b5a61/incidents/Sentinel/1505/status";

    Playbook playbook;

    @Test
    void aBodyFieldThatDiffersNamesPlaybookVendorExpectedAndReceived() {
        playbook.drop(ACTIVE_1505);

        assertThatThrownBy(() -> playbook.contraforce()
                .received(PUT, "/api/v2/workspaces/*/incidents/Sentinel/1505/status").withJson("status", "Closed"))
                .isInstanceOf(AssertionError.class)
                .hasMessage("""
                        playbook sentinel-incident-sync.camel.yaml: ContraForce did not receive \
                        PUT /api/v2/workspaces/*/incidents/Sentinel/1505/status with JSON status = "Closed"
                          ContraForce received 1 request:
                            1. PUT %s {"status":"Active"}""".formatted(PATH_1505));
    }

    @Test
    void aRequestTheVendorNeverGotListsWhatTheOtherVendorsReceived() {
        playbook.drop(ACTIVE_1505);

        assertThatThrownBy(() -> playbook.sentinelOne().received(POST, "/web/api/v2.1/threats/incident"))
                .isInstanceOf(AssertionError.class)
                .hasMessage("""
                        playbook sentinel-incident-sync.camel.yaml: SentinelOne did not receive \
                        POST /web/api/v2.1/threats/incident
                          SentinelOne received 0 requests
                          ContraForce received 1 request:
                            1. PUT %s {"status":"Active"}""".formatted(PATH_1505));
    }

    @Test
    void aWrongCountAndAnUnexpectedCallSayHowManyCame() {
        playbook.drop(ACTIVE_1505);

        assertThatThrownBy(() -> playbook.contraforce().received(PUT, PATH_1505).times(2))
                .hasMessageStartingWith("playbook sentinel-incident-sync.camel.yaml: ContraForce received 1 × PUT "
                        + PATH_1505 + ", expected 2\n  ContraForce received 1 request:");
        assertThatThrownBy(() -> playbook.noCallsTo(CONTRAFORCE))
                .hasMessageStartingWith("playbook sentinel-incident-sync.camel.yaml: ContraForce received 1 request,"
                        + " expected none\n  ContraForce received 1 request:\n    1. PUT " + PATH_1505);
    }

    @Test
    void anInputThatFailedIsNamedWithItsReason() {
        Input input = playbook.dropContent("sentinel", "broken.json", "{\"name\": ".getBytes(StandardCharsets.UTF_8));

        assertThat(input.isFailed()).isTrue();
        assertThatThrownBy(() -> playbook.contraforce().received(PUT, PATH_1505))
                .hasMessageContaining("ContraForce received 0 requests")
                .hasMessageContaining("\n  input broken.json failed: ")
                .hasMessageContaining("is not valid JSON");
    }

    @Test
    void anExpectationThatHoldsPassesAndEachTestStartsWithNoRequests() {
        assertThat(playbook.contraforce().count()).isZero();
        playbook.drop(ACTIVE_1505);

        playbook.contraforce().received(PUT, PATH_1505).withJson("status", "Active").withJson("comment", null)
                .withHeader("Content-Type", "application/json").once();
        assertThat(playbook.audit()).singleElement()
                .satisfies(a -> assertThat(a.trigger()).startsWith("file:incident-1505"));
        playbook.noDeadLetters();
    }
}
