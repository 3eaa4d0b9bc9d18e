package org.soarplaybooks.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.http.LoggedResponse;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.assertj.core.api.SoftAssertions;
import org.soarplaybooks.deadletter.DeadLetter;

/**
 * The fault suite's one invariant, checked from the two records that matter: what the vendor (WireMock) answered,
 * and what sits in the dead-letter store.
 *
 * <p><b>Every incident was acknowledged by the vendor, or sits exactly once in the dead-letter store with the
 * expected reason; never both, never neither.</b>
 *
 * <p>"Acknowledged" is read from WireMock's serve events, not from the engine: a call counts only when the client
 * can have read a success, i.e. the answer was 2xx, carried no {@link com.github.tomakehurst.wiremock.http.Fault},
 * and neither its stubbed delay nor WireMock's total time for it reached the client's response timeout (WireMock
 * journals the stubbed status even when the client hung up before it was written). For the bulk update, an item is
 * acknowledged when such an answer lists its id in {@code data.accepted[]}.
 */
final class IncidentLedger {

    /** {@code PUT /api/v2/workspaces/{workspaceId}/incidents/Sentinel/{incidentId}/status}. */
    static final Pattern SENTINEL_STATUS_PATH =
            Pattern.compile("/api/v2/workspaces/[^/]+/incidents/Sentinel/([^/?]+)/status");
    static final String BULK_PATH = "/api/v2/incidents/across-workspaces/bulk-update";

    private static final ObjectMapper JSON = new ObjectMapper();

    private IncidentLedger() {
    }

    /**
     * What the dead letter of an incident must say.
     *
     * @param code           {@code problem.code}, e.g. {@code VALIDATION_ERROR}, {@code CONNECTION_FAILURE}
     * @param status         {@code problem.status}: the HTTP status, or null when no answer arrived
     * @param reasonContains a fragment of the dead letter's {@code reason}
     * @param attempts       the dead letter's {@code attempts}; null: not checked here
     */
    record Expected(String code, Integer status, String reasonContains, Integer attempts) {
    }

    /** Calls per Sentinel incident id ({@code PUT .../incidents/Sentinel/{id}/status}), whatever the answer. */
    static Map<String, Integer> statusUpdateCalls(List<ServeEvent> journal) {
        return count(journal.stream().map(IncidentLedger::sentinelIdOf).filter(Objects::nonNull).toList());
    }

    /** Acknowledged status updates per Sentinel incident id (see the class comment). */
    static Map<String, Integer> acknowledgedStatusUpdates(List<ServeEvent> journal, Duration clientTimeout) {
        return count(journal.stream().filter(e -> answeredWithSuccess(e, clientTimeout))
                .map(IncidentLedger::sentinelIdOf).filter(Objects::nonNull).toList());
    }

    /** How many bulk calls carried each incident id ({@code items[].id} of the request), whatever the answer. */
    static Map<String, Integer> bulkItemCalls(List<ServeEvent> journal) {
        return count(journal.stream().filter(e -> BULK_PATH.equals(e.getRequest().getUrl()))
                .flatMap(e -> ids(read(e.getRequest().getBodyAsString()).path("items"), n -> n.path("id")).stream())
                .toList());
    }

    /** Bulk items acknowledged per incident id: listed in {@code data.accepted[]} of a success the client read. */
    static Map<String, Integer> acceptedBulkItems(List<ServeEvent> journal, Duration clientTimeout) {
        return count(journal.stream()
                .filter(e -> BULK_PATH.equals(e.getRequest().getUrl()) && answeredWithSuccess(e, clientTimeout))
                .flatMap(e -> ids(read(e.getResponse().getBodyAsString()).path("data").path("accepted"),
                        Function.identity()).stream())
                .toList());
    }

    /**
     * Whether the client can have read a 2xx from this serve event: no fault, no stubbed delay and no total serve
     * time of {@code clientTimeout} or more, a 2xx status (the rendered one, after transformers).
     */
    static boolean answeredWithSuccess(ServeEvent e, Duration clientTimeout) {
        ResponseDefinition stubbed = e.getResponseDefinition();
        LoggedResponse sent = e.getResponse();
        if (stubbed.getFault() != null || (sent != null && sent.getFault() != null)) {
            return false;
        }
        Integer delay = stubbed.getFixedDelayMilliseconds();
        Integer took = e.getTiming() == null ? null : e.getTiming().getTotalTime();
        long timeout = clientTimeout.toMillis();
        if ((delay != null && delay >= timeout) || (took != null && took >= timeout)) {
            return false;
        }
        int status = sent != null ? sent.getStatus() : stubbed.getStatus();
        return status >= 200 && status < 300;
    }

    /**
     * Asserts the invariant for every incident (all violations reported at once).
     *
     * @param incidentIds  every incident id the input carried
     * @param keyPrefix    the incident key prefix of the source, e.g. {@code Sentinel:} or {@code SentinelOne:}
     * @param acknowledged acknowledged calls (or accepted items) per incident id, from the vendor's journal
     * @param deadLetters  the whole dead-letter store
     * @param expected     the incidents that must be dead letters, with what their dead letter must say; every
     *                     other incident must have been acknowledged
     */
    static void assertEveryIncidentAccountedFor(Collection<String> incidentIds, String keyPrefix,
                                                Map<String, Integer> acknowledged, List<DeadLetter> deadLetters,
                                                Map<String, Expected> expected) {
        Map<String, List<DeadLetter>> byKey = deadLetters.stream()
                .collect(Collectors.groupingBy(DeadLetter::incidentKey, TreeMap::new, Collectors.toList()));
        SoftAssertions softly = new SoftAssertions();
        softly.assertThat(byKey.keySet()).as("dead letters of incidents the input did not carry")
                .allMatch(k -> k.startsWith(keyPrefix) && incidentIds.contains(k.substring(keyPrefix.length())));
        for (String id : incidentIds) {
            List<DeadLetter> letters = byKey.getOrDefault(keyPrefix + id, List.of());
            int acks = acknowledged.getOrDefault(id, 0);
            Expected e = expected.get(id);
            if (e == null) {
                softly.assertThat(acks).as("%s: acknowledged by the vendor", id).isPositive();
                softly.assertThat(letters).as("%s: acknowledged, so no dead letter", id).isEmpty();
                continue;
            }
            softly.assertThat(acks).as("%s: a dead letter, so never acknowledged", id).isZero();
            softly.assertThat(letters).as("%s: exactly one dead letter", id).hasSize(1);
            if (letters.size() == 1) {
                DeadLetter d = letters.get(0);
                softly.assertThat(d.problem().code()).as("%s: problem code", id).isEqualTo(e.code());
                softly.assertThat(d.problem().status()).as("%s: problem status", id).isEqualTo(e.status());
                softly.assertThat(d.reason()).as("%s: reason", id).contains(e.reasonContains());
                if (e.attempts() != null) {
                    softly.assertThat(d.attempts()).as("%s: attempts in the dead letter", id).isEqualTo(e.attempts());
                }
            }
        }
        softly.assertAll();
    }

    private static String sentinelIdOf(ServeEvent e) {
        if (!"PUT".equals(e.getRequest().getMethod().value())) {
            return null;
        }
        Matcher m = SENTINEL_STATUS_PATH.matcher(e.getRequest().getUrl());
        return m.matches() ? m.group(1) : null;
    }

    private static List<String> ids(JsonNode array, Function<JsonNode, JsonNode> id) {
        return StreamSupport.stream(array.spliterator(), false).map(id).map(JsonNode::asText)
                .toList();
    }

    private static JsonNode read(String text) {
        try {
            return JSON.readTree(text == null || text.isEmpty() ? "{}" : text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Integer> count(List<String> ids) {
        Map<String, Integer> counts = new TreeMap<>();
        ids.forEach(id -> counts.merge(id, 1, Integer::sum));
        return counts;
    }
}
