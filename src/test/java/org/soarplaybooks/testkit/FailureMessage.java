package org.soarplaybooks.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.soarplaybooks.deadletter.DeadLetter;

/**
 * The text of a failed kit assertion, e.g.
 * <pre>
 * playbook contraforce-triage.camel.yaml: ContraForce did not receive PUT /api/v2/... with JSON status = "Active"
 *   ContraForce received 1 request:
 *     1. PUT /api/v2/workspaces/.../incidents/SentinelOne/123456/status {"status":"New",...}
 *   SentinelOne received 1 request:
 *     1. POST /web/api/v2.1/threats/incident {...}
 *   input broken.json failed: ...
 *   dead letter Sentinel:1505 (ContraForce update-incident-status): ...
 * </pre>
 * The vendor asserted on comes first (also when it received nothing); other vendors only when they received
 * something. Bodies are shown by {@link RequestBodies#describe}.
 */
final class FailureMessage {

    private FailureMessage() {
    }

    /**
     * @param vendor   the vendor asserted on, or null for an assertion about the playbook as a whole
     * @param what     what went wrong, e.g. {@code did not receive PUT /path with JSON status = "Closed"}
     * @param received each vendor's requests, oldest first
     */
    static String of(String playbook, Vendor vendor, String what, Map<Vendor, List<LoggedRequest>> received,
            List<Input> inputs, List<DeadLetter> deadLetters) {
        StringBuilder m = new StringBuilder("playbook ").append(playbook).append(": ")
                .append(vendor == null ? "" : vendor.displayName() + " ").append(what);
        List<Vendor> order = new ArrayList<>();
        if (vendor != null) {
            order.add(vendor);
        }
        for (Vendor v : Vendor.values()) {
            if (v != vendor) {
                order.add(v);
            }
        }
        boolean any = false;
        for (Vendor v : order) {
            List<LoggedRequest> got = received.getOrDefault(v, List.of());
            any |= !got.isEmpty();
            if (v != vendor && got.isEmpty()) {
                continue;
            }
            m.append("\n  ").append(v.displayName()).append(" received ").append(got.size())
                    .append(got.size() == 1 ? " request" : " requests").append(got.isEmpty() ? "" : ":");
            for (int i = 0; i < got.size(); i++) {
                m.append("\n    ").append(i + 1).append(". ").append(RequestBodies.describe(got.get(i)));
            }
        }
        if (!any && vendor == null) {
            m.append("\n  no vendor received any request");
        }
        for (Input in : inputs) {
            if (in.isFailed()) {
                m.append("\n  input ").append(in.name()).append(" failed: ").append(reason(in.errorReport()));
            }
        }
        for (DeadLetter d : deadLetters) {
            m.append("\n  dead letter ").append(d.incidentKey()).append(" (").append(d.vendor()).append(' ')
                    .append(d.operation()).append("): ").append(d.reason());
        }
        return m.toString();
    }

    /** The one-line reason of a {@code <file>.error.json} report. */
    private static String reason(String errorReport) {
        JsonNode report = RequestBodies.parse(errorReport);
        return report.hasNonNull("reason") ? report.get("reason").asText() : report.toString();
    }
}
