package org.soarplaybooks.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.soarplaybooks.testkit.PlaybookHarness;

/**
 * The drift check for SentinelOne, OneTrust and Adversarial (ContraForce has its own in
 * {@link ContraForceContractTest}): the shipped playbooks that call them run on the demo's events, and every
 * request body the simulator received must pass the same schema the action checks before sending. A builder that
 * drifts from the schema (or a schema that drifts from the builder) fails here.
 */
class VendorContractDriftTest {

    @Test
    void everyBodySentToSentinelOneOneTrustAndAdversarialMeetsItsSchema(@TempDir Path data) throws IOException {
        ContractCheck contracts = new ContractCheck();
        try (PlaybookHarness h = PlaybookHarness.start(data)) {
            h.awaitDone(h.drop("contraforce-closures", "closures.json",
                    resource("demo/contraforce-closures/contraforce-closure-events.json")));
            h.awaitDone(h.drop("privacy-register", "breaches.json",
                    resource("demo/privacy-register/contraforce-breach-events.json")));

            List<LoggedRequest> requests = h.requests();
            assertThat(requests).extracting(r -> r.getMethod().value() + " " + r.getUrl())
                    .anyMatch(s -> s.startsWith("POST /web/api/v2.1/threats/incident"))
                    .anyMatch(s -> s.startsWith("PUT /api/incident/v1/incidents/"))
                    .anyMatch(s -> s.startsWith("PATCH /api/v1/incidents"));
            int checked = 0;
            for (LoggedRequest r : requests) {
                String schema = schemaOf(r);
                if (schema == null) {
                    continue; // token requests, GETs and ContraForce calls are not these vendors' bodies
                }
                assertThat(contracts.violations(schema, PlaybookHarness.json(r.getBodyAsString())))
                        .as(r.getMethod().value() + " " + r.getUrl() + " against " + schema).isEmpty();
                checked++;
            }
            assertThat(checked).isGreaterThanOrEqualTo(3);
        }
    }

    private static String schemaOf(LoggedRequest r) {
        String call = r.getMethod().value() + " " + r.getUrl();
        if (call.startsWith("POST /web/api/v2.1/threats/incident")) {
            return ContractCheck.schemaName("SentinelOne", "update-threat-incident");
        }
        if (call.startsWith("PUT /api/incident/v1/incidents/")) {
            return ContractCheck.schemaName("OneTrust", "update-incident");
        }
        if (call.startsWith("PATCH /api/v1/incidents")) {
            return ContractCheck.schemaName("Adversarial", "update-incidents");
        }
        return null;
    }

    private static String resource(String path) throws IOException {
        try (InputStream in = VendorContractDriftTest.class.getClassLoader().getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
