package org.soarplaybooks.vendor.sentinelone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.soarplaybooks.engine.PlaybookBeans;
import org.soarplaybooks.outcome.ActionItem;
import org.soarplaybooks.outcome.Batch;

/** Request building and the wire JSON of {@code POST /web/api/v2.1/threats/incident}. */
class SentinelOneRequestsTest {

    static final ObjectMapper JSON = PlaybookBeans.newMapper();
    final SentinelOneRequests requests = new SentinelOneRequests();

    static JsonNode tree(Object value) {
        return JSON.valueToTree(value);
    }

    @Test
    void oneRequestCarriesStatusVerdictAndIdsInTheVendorsSpelling() throws Exception {
        List<Batch<UpdateThreatIncidentRequest>> batches = requests.threatIncidentUpdates(List.of("123456"),
                "in_progress", "false_positive", 1000);

        assertThat(batches).singleElement().satisfies(b -> {
            assertThat(tree(b.request())).isEqualTo(JSON.readTree("""
                    {"data": {"incidentStatus": "in_progress", "analystVerdict": "false_positive"},
                     "filter": {"ids": ["123456"]}}"""));
            assertThat(b.items()).containsExactly(new ActionItem("123456", "SentinelOne:123456", null));
        });
    }

    @Test
    void withoutVerdictTheVerdictIsLeftOutOfTheJson() {
        JsonNode json = tree(requests.threatIncidentUpdates(List.of("1"), "resolved", null, 10)
                .get(0).request());
        assertThat(json.path("data").has("analystVerdict")).isFalse();
        assertThat(tree(requests.threatIncidentUpdates(List.of("1"), "resolved", " ", 10).get(0)
                .request()).path("data").has("analystVerdict")).isFalse();
    }

    @Test
    void idsAreChunkedInOrderAndRepeatedIdsSentOnce() {
        List<Batch<UpdateThreatIncidentRequest>> batches = requests.threatIncidentUpdates(
                List.of("a", "b", "a", "c", "d", "e", " b "), "resolved", "true_positive", 2);

        assertThat(batches).extracting(b -> b.request().filter().ids())
                .containsExactly(List.of("a", "b"), List.of("c", "d"), List.of("e"));
        assertThat(batches).extracting(b -> b.items().stream().map(ActionItem::incidentKey).toList())
                .containsExactly(List.of("SentinelOne:a", "SentinelOne:b"), List.of("SentinelOne:c", "SentinelOne:d"),
                        List.of("SentinelOne:e"));
    }

    @Test
    void noIdsMeansNoRequest() {
        assertThat(requests.threatIncidentUpdates(List.of(), "resolved", null, 5)).isEmpty();
    }

    @Test
    void valuesOutsideTheVendorsEnumsAreRefusedNamingTheAllowedOnes() {
        assertThatThrownBy(() -> requests.threatIncidentUpdates(List.of("1"), "Closed", null, 5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'Closed' is not a SentinelOne incidentStatus")
                .hasMessageContaining("unresolved, in_progress, resolved");
        assertThatThrownBy(() -> requests.threatIncidentUpdates(List.of("1"), null, null, 5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("incidentStatus");
        assertThatThrownBy(() -> requests.threatIncidentUpdates(List.of("1"), "resolved", "TruePositive", 5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("true_positive, false_positive, suspicious, undefined");
    }

    @Test
    void badIdsAndChunkSizesAreRefused() {
        assertThatThrownBy(() -> requests.threatIncidentUpdates(List.of("1", " "), "resolved", null, 5))
                .hasMessageContaining("#1 is blank");
        assertThatThrownBy(() -> requests.threatIncidentUpdates(Arrays.asList("1", null), "resolved", null, 5))
                .hasMessageContaining("#1 is not text");
        assertThatThrownBy(() -> requests.threatIncidentUpdates(null, "resolved", null, 5))
                .hasMessageContaining("missing");
        assertThatThrownBy(() -> requests.threatIncidentUpdates(List.of("1"), "resolved", null, 0))
                .hasMessageContaining("sentinelone.incident.max-ids must be 1 to 1000, not 0");
        assertThatThrownBy(() -> requests.threatIncidentUpdates(List.of("1"), "resolved", null, 1001))
                .hasMessageContaining("not 1001");
    }

    @Test
    void wholeNumberIdsFromJsonBecomeText() {
        @SuppressWarnings({"unchecked", "rawtypes"})
        List<String> ids = (List) List.of(1778148227837931640L, "abc");
        assertThat(requests.threatIncidentUpdates(ids, "resolved", null, 5).get(0).request().filter().ids())
                .containsExactly("1778148227837931640", "abc");
    }

    @Test
    void theFilterReadsAndWritesTypedAndFurtherDocumentedKeys() throws Exception {
        String json = """
                {"data": {"incidentStatus": "resolved"},
                 "filter": {"ids": ["1"], "siteIds": ["225494730938493804"], "updatedAt__gt": "2024-05-01T10:00:00Z",
                            "incidentStatuses": ["unresolved", "in_progress"], "analystVerdicts": ["suspicious"],
                            "agentIsActive": true, "classifications": ["Malware"], "countsFor": "osTypes"}}""";

        UpdateThreatIncidentRequest req = JSON.readValue(json, UpdateThreatIncidentRequest.class);

        assertThat(req.filter().siteIds()).containsExactly("225494730938493804");
        assertThat(req.filter().updatedAt__gt()).isEqualTo("2024-05-01T10:00:00Z");
        assertThat(req.filter().incidentStatuses()).containsExactly(IncidentStatus.UNRESOLVED,
                IncidentStatus.IN_PROGRESS);
        assertThat(req.filter().analystVerdicts()).containsExactly(AnalystVerdict.SUSPICIOUS);
        assertThat(req.filter().other()).containsOnly(Map.entry("agentIsActive", true),
                Map.entry("classifications", List.of("Malware")), Map.entry("countsFor", "osTypes"));
        assertThat(tree(req)).isEqualTo(JSON.readTree(json));
    }

    @Test
    void aFilterValueOfAnotherKindOrATypedKeyTwiceIsRefused() {
        assertThatThrownBy(() -> JSON.readValue("""
                {"ids": ["1"], "agentTagsData": {"k": ["v"]}}""", ThreatFilter.class))
                .hasRootCauseMessage("SentinelOne filter 'agentTagsData' must be text, a number, a boolean or a list "
                        + "of those");
        assertThatThrownBy(() -> new ThreatFilter(null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, Map.of("ids", List.of("1"))))
                .hasMessageContaining("'ids' is given twice");
    }

    @Test
    void aBadEnumInJsonIsRefused() {
        assertThatThrownBy(() -> JSON.readValue("""
                {"data": {"incidentStatus": "closed"}, "filter": {"ids": ["1"]}}""",
                UpdateThreatIncidentRequest.class))
                .hasRootCauseMessage("'closed' is not a SentinelOne incidentStatus (allowed: unresolved, in_progress, "
                        + "resolved)");
    }
}
