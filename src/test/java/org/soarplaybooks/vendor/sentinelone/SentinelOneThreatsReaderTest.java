package org.soarplaybooks.vendor.sentinelone;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.soarplaybooks.engine.EngineOptions;
import org.soarplaybooks.engine.PlaybookBeans;
import org.soarplaybooks.engine.PlaybookEngine;
import org.soarplaybooks.http.RequestPacer;
import org.soarplaybooks.problem.VendorCallException;
import org.soarplaybooks.simulator.SimulatorCredentials;
import org.soarplaybooks.simulator.VendorSimulator;

/**
 * {@link SentinelOneThreatsReader} over real HTTP: the {@link VendorSimulator} serves the published threat lists as
 * two pages; a plain WireMock server gives the answers the simulator never gives.
 */
class SentinelOneThreatsReaderTest {

    static final String PATH = "/web/api/v2.1/threats";
    static final String TOKEN = SimulatorCredentials.DEMO_SENTINELONE_API_TOKEN;
    static final ObjectMapper JSON = PlaybookBeans.newMapper();

    static VendorSimulator simulator;
    static CamelContext camel;

    @RegisterExtension
    static WireMockExtension vendor = WireMockExtension.newInstance()
            .options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort()).build();

    SentinelOneThreatsReader reader;

    @BeforeAll
    static void start() {
        simulator = VendorSimulator.start();
        camel = new DefaultCamelContext();
        camel.start();
    }

    @AfterAll
    static void stop() {
        camel.stop();
        simulator.close();
    }

    @BeforeEach
    void forget() {
        simulator.resetRequests();
    }

    @AfterEach
    void closeReader() {
        if (reader != null) {
            reader.close();
        }
    }

    SentinelOneThreatsReader reader(String baseUrl, String token) {
        reader = new SentinelOneThreatsReader(camel, baseUrl, token, JSON);
        return reader;
    }

    static String sample(String path) throws IOException {
        try (InputStream in = SentinelOneThreatsReaderTest.class.getClassLoader().getResourceAsStream("samples/" + path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static String flatCursor() throws IOException {
        return JSON.readTree(sample("sentinelone/threats-list-v2_0-flat-rapid7.json")).path("pagination")
                .path("nextCursor").asText();
    }

    void page(String cursor, String body) {
        vendor.stubFor(get(urlPathEqualTo(PATH))
                .withQueryParam("cursor", cursor == null ? absent() : equalTo(cursor))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withHeader("X-RQID", "rq-9").withBody(body)));
    }

    List<LoggedRequest> vendorRequests() {
        List<LoggedRequest> requests = new ArrayList<>();
        vendor.getAllServeEvents().forEach(e -> requests.add(0, e.getRequest()));
        return requests;
    }

    @Test
    void theSimulatorsTwoPagesAreReadFollowingTheCursorUntilTheTextNull() throws IOException {
        List<ThreatsPage> pages = new ArrayList<>();

        int read = reader(simulator.baseUrl(), TOKEN)
                .forEachPage(ThreatsQuery.updatedSince("2022-01-01T00:00:00Z", 100), pages::add);

        assertThat(read).isEqualTo(2);
        assertThat(pages).extracting(ThreatsPage::number, p -> p.threats().size(), ThreatsPage::totalItems)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, 1, 67),
                        org.assertj.core.groups.Tuple.tuple(2, 2, 222));
        assertThat(pages.get(0).nextCursor()).isEqualTo(flatCursor());
        assertThat(pages.get(0).threats().get(0).path("id").asText()).isEqualTo("11111111111111");
        assertThat(pages.get(1).isLast()).isTrue();
        assertThat(pages.get(1).threats()).allSatisfy(t -> assertThat(t.path("id").asText()).isEqualTo("123456"));
        assertThat(JSON.readTree(pages.get(1).toThreatListJson()).path("data")).hasSize(2);

        List<LoggedRequest> calls = simulator.requests();
        assertThat(calls).hasSize(2).allSatisfy(r -> {
            assertThat(r.getMethod().getName()).isEqualTo("GET");
            assertThat(r.getHeader("Authorization")).isEqualTo("ApiToken " + TOKEN);
            assertThat(r.getHeader("Content-Type")).isNull();
            assertThat(r.queryParameter("limit").firstValue()).isEqualTo("100");
            assertThat(r.queryParameter("sortBy").firstValue()).isEqualTo("updatedAt");
            assertThat(r.queryParameter("sortOrder").firstValue()).isEqualTo("asc");
            assertThat(r.queryParameter("updatedAt__gt").firstValue()).isEqualTo("2022-01-01T00:00:00Z");
        });
        assertThat(calls.get(0).getUrl())
                .isEqualTo(PATH + "?limit=100&sortBy=updatedAt&sortOrder=asc&updatedAt__gt=2022-01-01T00%3A00%3A00Z");
        assertThat(calls.get(0).queryParameter("cursor").isPresent()).isFalse();
        // the opaque cursor goes back exactly as received (it holds "%3D%3D", so it is encoded once more)
        assertThat(calls.get(1).queryParameter("cursor").firstValue()).isEqualTo(flatCursor());
        assertThat(calls.get(1).getUrl()).endsWith("&cursor=" + flatCursor().replace("%", "%25"));
        assertThat(simulator.callsByEndpoint()).containsEntry("GET sentinelone threats", 2);
    }

    @Test
    void pagesFollowEachOtherAndStopWhenTheCursorIsNull() {
        page(null, "{\"data\": [{\"id\": \"1\"}], \"pagination\": {\"nextCursor\": \"c2\", \"totalItems\": 3}}");
        page("c2", "{\"data\": [{\"id\": \"2\"}], \"pagination\": {\"nextCursor\": \"c3+/=\", \"totalItems\": 3}}");
        page("c3+/=", "{\"data\": [{\"id\": \"3\"}], \"pagination\": {\"nextCursor\": null, \"totalItems\": 3}}");

        List<String> ids = reader(vendor.baseUrl(), TOKEN).stream(new ThreatsQuery(null, 1))
                .flatMap(p -> p.threats().stream()).map(t -> t.path("id").asText()).toList();

        assertThat(ids).containsExactly("1", "2", "3");
        assertThat(vendorRequests()).extracting(r -> r.queryParameter("cursor").isPresent()
                ? r.queryParameter("cursor").firstValue() : null).containsExactly(null, "c2", "c3+/=");
        assertThat(vendorRequests().get(2).getUrl()).endsWith("&cursor=c3%2B%2F%3D");
    }

    @Test
    void callsArePacedToTheRateLimitSoTheVendorNeverSeesTwoWithinTheInterval() {
        page(null, "{\"data\": [{\"id\": \"1\"}], \"pagination\": {\"nextCursor\": \"c2\"}}");
        page("c2", "{\"data\": [{\"id\": \"2\"}], \"pagination\": {\"nextCursor\": \"c3\"}}");
        page("c3", "{\"data\": [{\"id\": \"3\"}], \"pagination\": {\"nextCursor\": \"c4\"}}");
        page("c4", "{\"data\": [{\"id\": \"4\"}], \"pagination\": {\"nextCursor\": null}}");
        reader = new SentinelOneThreatsReader(camel, vendor.baseUrl(), TOKEN, JSON, new RequestPacer(5));

        int pages = reader.forEachPage(new ThreatsQuery(null, 1), p -> { });

        assertThat(pages).isEqualTo(4);
        List<LoggedRequest> calls = vendorRequests();
        assertThat(calls).hasSize(4);
        // times are taken where WireMock logs each request, which a busy machine delays now and then: each gap must
        // show pacing (unpaced calls come a few ms apart), the span the rate (at 10 per second it would be 300 ms)
        for (int i = 1; i < calls.size(); i++) {
            long gap = calls.get(i).getLoggedDate().getTime() - calls.get(i - 1).getLoggedDate().getTime();
            assertThat(gap).as("ms between call %d and %d at 5 per second", i, i + 1).isGreaterThanOrEqualTo(100);
        }
        long span = calls.get(3).getLoggedDate().getTime() - calls.get(0).getLoggedDate().getTime();
        assertThat(span).as("ms from the first to the fourth call: three intervals of 200 ms").isGreaterThanOrEqualTo(550);
    }

    @Test
    void theDefaultPaceIsSentinelOnesPublishedTenPerSecond() {
        page(null, "{\"data\": [{\"id\": \"1\"}], \"pagination\": {\"nextCursor\": \"c2\"}}");
        page("c2", "{\"data\": [{\"id\": \"2\"}], \"pagination\": {\"nextCursor\": \"c3\"}}");
        page("c3", "{\"data\": [{\"id\": \"3\"}], \"pagination\": {\"nextCursor\": null}}");

        reader(vendor.baseUrl(), TOKEN).forEachPage(new ThreatsQuery(null, 1), p -> { });

        List<LoggedRequest> calls = vendorRequests();
        assertThat(calls).hasSize(3);
        assertThat(calls.get(2).getLoggedDate().getTime() - calls.get(0).getLoggedDate().getTime())
                .as("ms from the first to the third call: two intervals of 100 ms, less WireMock's logging delay on a "
                        + "busy machine (unpaced calls come a few ms apart)").isGreaterThanOrEqualTo(150);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"data\": [], \"pagination\": {\"nextCursor\": null}}",
            "{\"data\": [], \"pagination\": {\"nextCursor\": \"null\", \"totalItems\": 222}}",
            "{\"data\": [], \"pagination\": {\"nextCursor\": \"\"}}",
            "{\"data\": [], \"pagination\": {\"totalItems\": 0}}",
            "{\"data\": []}"})
    void aNullAbsentOrTextNullCursorEndsThePaging(String lastPage) {
        page(null, lastPage);

        Iterator<ThreatsPage> pages = reader(vendor.baseUrl(), TOKEN).pages(new ThreatsQuery(null, 10));

        assertThat(pages.next().isLast()).isTrue();
        assertThat(pages.hasNext()).isFalse();
        assertThat(vendorRequests()).hasSize(1);
    }

    @Test
    void theEmptyErrorObjectQuirkIsAnOrdinaryPage() throws IOException {
        page(null, sample("sentinelone/sentinelone-empty-error-object-quirk.json"));

        ThreatsPage only = reader(vendor.baseUrl(), TOKEN).pages(new ThreatsQuery(null, 10)).next();

        assertThat(only.threats()).isEmpty();
        assertThat(only.totalItems()).isZero();
        assertThat(only.isLast()).isTrue();
    }

    @Test
    void filtersAreQueryParametersWithListsCommaJoinedAndValuesEncoded() {
        page(null, "{\"data\": [], \"pagination\": {\"nextCursor\": null}}");
        ThreatFilter filter = new ThreatFilter(List.of("1", "2"), List.of("225494730938493804"), null, null, null,
                "2024-01-01T00:00:00Z", null, null, "2024-05-01T10:00:00.123456Z", null, null, null,
                List.of(IncidentStatus.UNRESOLVED, IncidentStatus.IN_PROGRESS), List.of(AnalystVerdict.TRUE_POSITIVE),
                Map.of("classifications", List.of("Malware", "PUA & co"), "agentIsActive", true));

        reader(vendor.baseUrl(), TOKEN).forEachPage(new ThreatsQuery(filter, 1000), p -> { });

        LoggedRequest r = vendorRequests().get(0);
        assertThat(r.queryParameter("limit").firstValue()).isEqualTo("1000");
        assertThat(r.queryParameter("ids").firstValue()).isEqualTo("1,2");
        assertThat(r.queryParameter("siteIds").firstValue()).isEqualTo("225494730938493804");
        assertThat(r.queryParameter("createdAt__gte").firstValue()).isEqualTo("2024-01-01T00:00:00Z");
        assertThat(r.queryParameter("updatedAt__gt").firstValue()).isEqualTo("2024-05-01T10:00:00.123456Z");
        assertThat(r.queryParameter("incidentStatuses").firstValue()).isEqualTo("unresolved,in_progress");
        assertThat(r.queryParameter("analystVerdicts").firstValue()).isEqualTo("true_positive");
        assertThat(r.queryParameter("classifications").firstValue()).isEqualTo("Malware,PUA & co");
        assertThat(r.queryParameter("agentIsActive").firstValue()).isEqualTo("true");
        assertThat(r.getUrl()).contains("&classifications=Malware,PUA%20%26%20co");
    }

    @Test
    void theLimitMustBe1To1000() {
        assertThatThrownBy(() -> new ThreatsQuery(null, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("SentinelOne threats limit must be 1 to 1000, not 0");
        assertThatThrownBy(() -> ThreatsQuery.updatedSince(null, 1001)).hasMessageContaining("not 1001");
        assertThat(new ThreatsQuery(null, 1).limit()).isEqualTo(1);
        assertThat(new ThreatsQuery(null, 1000).limit()).isEqualTo(1000);
    }

    @Test
    void aFilterUsingAReservedParameterOrAnEmptyListFailsBeforeAnyCall() {
        SentinelOneThreatsReader r = reader(vendor.baseUrl(), TOKEN);
        ThreatFilter withLimit = new ThreatFilter(null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                Map.of("limit", 5));
        ThreatsQuery reserved = new ThreatsQuery(withLimit, 10);
        ThreatsQuery emptyList = new ThreatsQuery(ThreatFilter.ofIds(List.of()), 10);

        assertThatThrownBy(() -> r.pages(reserved)).hasMessageContaining("'limit' is set by the reader itself");
        assertThatThrownBy(() -> r.pages(emptyList)).hasMessageContaining("'ids' is an empty list");
        assertThat(vendorRequests()).isEmpty();
    }

    @Test
    void aStreamIsLazyOneCallPerPagePulled() {
        page(null, "{\"data\": [{\"id\": \"1\"}], \"pagination\": {\"nextCursor\": \"c2\"}}");
        page("c2", "{\"data\": [{\"id\": \"2\"}], \"pagination\": {\"nextCursor\": null}}");

        assertThat(reader(vendor.baseUrl(), TOKEN).stream(new ThreatsQuery(null, 1)).findFirst()).isPresent();

        assertThat(vendorRequests()).hasSize(1);
    }

    @Test
    void aWrongTokenIsTheVendors401() {
        assertThatThrownBy(() -> reader(simulator.baseUrl(), "wrong").forEachPage(new ThreatsQuery(null, 10), p -> { }))
                .isInstanceOfSatisfying(VendorCallException.class, e -> {
                    assertThat(e.vendor()).isEqualTo("SentinelOne");
                    assertThat(e.operation()).isEqualTo("list-threats");
                    assertThat(e.problem().status()).isEqualTo(401);
                    assertThat(e.problem().code()).isEqualTo("4010010");
                    assertThat(e.getMessage()).doesNotContain("wrong");
                });
    }

    @Test
    void aTokenPlaceholderIsResolvedFromTheContextsProperties() {
        camel.getPropertiesComponent().addInitialProperty("test.s1.token", TOKEN);
        page(null, "{\"data\": []}");

        reader(vendor.baseUrl(), "{{test.s1.token}}").forEachPage(new ThreatsQuery(null, 10), p -> { });

        assertThat(vendorRequests().get(0).getHeader("Authorization")).isEqualTo("ApiToken " + TOKEN);
    }

    @Test
    void anErrorStopsThePagingWithTheVendorsProblem() throws IOException {
        page(null, "{\"data\": [{\"id\": \"1\"}], \"pagination\": {\"nextCursor\": \"c2\"}}");
        vendor.stubFor(get(urlPathEqualTo(PATH)).withQueryParam("cursor", equalTo("c2")).willReturn(aResponse()
                .withStatus(400).withHeader("X-RQID", "rq-400")
                .withBody(sample("sentinelone/sentinelone-400-validation-error-demisto.json"))));
        List<ThreatsPage> seen = new ArrayList<>();

        assertThatThrownBy(() -> reader(vendor.baseUrl(), TOKEN).forEachPage(new ThreatsQuery(null, 1), seen::add))
                .isInstanceOfSatisfying(VendorCallException.class, e -> {
                    assertThat(e.problem().status()).isEqualTo(400);
                    assertThat(e.problem().code()).isEqualTo("4000010");
                    assertThat(e.problem().title()).isEqualTo("Validation Error");
                    assertThat(e.problem().requestId()).isEqualTo("rq-400");
                });
        assertThat(seen).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "<html/>", "[]", "{\"pagination\": {}}", "{\"data\": {}}",
            "{\"data\": [], \"pagination\": []}", "{\"data\": [], \"pagination\": {\"nextCursor\": {}}}"})
    void aPageThatIsNotAsDocumentedIsMalformed(String body) {
        page(null, body);

        assertThatThrownBy(() -> reader(vendor.baseUrl(), TOKEN).pages(new ThreatsQuery(null, 10)).next())
                .isInstanceOfSatisfying(VendorCallException.class, e -> {
                    assertThat(e.problem().code()).isEqualTo("MALFORMED_RESPONSE");
                    assertThat(e.problem().status()).isEqualTo(200);
                    assertThat(e.problem().requestId()).isEqualTo("rq-9");
                });
    }

    @Test
    void anErrorItemInA200IsAFailure() {
        page(null, "{\"data\": [], \"errors\": [{\"code\": 4000010, \"title\": \"Validation JSONError\", "
                + "\"detail\": \"Invalid cursor value received\"}]}");

        assertThatThrownBy(() -> reader(vendor.baseUrl(), TOKEN).pages(new ThreatsQuery(null, 10)).next())
                .isInstanceOfSatisfying(VendorCallException.class,
                        e -> assertThat(e.problem().detail()).isEqualTo("Invalid cursor value received"));
    }

    @Test
    void aCursorThatDoesNotAdvanceStopsThePaging() {
        page(null, "{\"data\": [{\"id\": \"1\"}], \"pagination\": {\"nextCursor\": \"same\"}}");
        page("same", "{\"data\": [{\"id\": \"1\"}], \"pagination\": {\"nextCursor\": \"same\"}}");
        Iterator<ThreatsPage> pages = reader(vendor.baseUrl(), TOKEN).pages(new ThreatsQuery(null, 1));

        pages.next();
        assertThatThrownBy(pages::next).isInstanceOfSatisfying(VendorCallException.class, e -> {
            assertThat(e.problem().code()).isEqualTo("MALFORMED_RESPONSE");
            assertThat(e.problem().detail()).contains("returned the cursor it was given");
        });
        assertThat(pages.hasNext()).isFalse();
        assertThat(vendorRequests()).hasSize(2);
    }

    @Test
    void noAnswerIsAConnectionFailure() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }

        assertThatThrownBy(() -> reader("http://127.0.0.1:" + closedPort, TOKEN).pages(new ThreatsQuery(null, 10)).next())
                .isInstanceOfSatisfying(VendorCallException.class, e -> {
                    assertThat(e.problem().code()).isEqualTo("CONNECTION_FAILURE");
                    assertThat(e.problem().status()).isNull();
                });
    }

    @Test
    void aMissingTokenFailsBeforeAnyCall() {
        assertThatThrownBy(() -> reader(vendor.baseUrl(), "").pages(new ThreatsQuery(null, 10)).next())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("SentinelOne API token is not set");
        assertThat(vendorRequests()).isEmpty();
    }

    @Test
    void aBaseUrlWithAQueryIsRefused() {
        assertThatThrownBy(() -> new SentinelOneThreatsReader(camel, "http://127.0.0.1:1?x=1", TOKEN, JSON))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** With the engine's Camel context, its http settings apply: explicit response timeout, no redirects. */
    @Test
    void theEnginesHttpTimeoutsAndNoRedirectRuleApply(@TempDir Path data, @TempDir Path routes) throws IOException {
        Files.copy(Path.of("routes/error-handlers.camel.yaml"), routes.resolve("error-handlers.camel.yaml"));
        vendor.stubFor(get(urlPathEqualTo(PATH)).withQueryParam("limit", equalTo("1"))
                .willReturn(aResponse().withFixedDelay(5_000).withBody("{\"data\": []}")));
        vendor.stubFor(get(urlPathEqualTo(PATH)).withQueryParam("limit", equalTo("2"))
                .willReturn(aResponse().withStatus(302).withHeader("Location", vendor.baseUrl() + "/elsewhere")));
        try (PlaybookEngine engine = new PlaybookEngine(new EngineOptions(Path.of("config"), routes, data, Map.of(
                "camel.component.http.response-timeout", "500", "camel.component.http.so-timeout", "500",
                "camel.management.enabled", "false", "camel.server.enabled", "false")))) {
            engine.configure().start();
            try (SentinelOneThreatsReader r = new SentinelOneThreatsReader(engine.context(), vendor.baseUrl(), TOKEN,
                    JSON)) {
                long start = System.nanoTime();
                assertThatThrownBy(() -> r.pages(new ThreatsQuery(null, 1)).next())
                        .isInstanceOfSatisfying(VendorCallException.class,
                                e -> assertThat(e.problem().code()).isEqualTo("CONNECTION_FAILURE"));
                assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(4_000);

                assertThatThrownBy(() -> r.pages(new ThreatsQuery(null, 2)).next())
                        .isInstanceOfSatisfying(VendorCallException.class,
                                e -> assertThat(e.problem().status()).isEqualTo(302));
            }
        }
        assertThat(vendorRequests()).extracting(LoggedRequest::getUrl).noneMatch(u -> u.startsWith("/elsewhere"));
    }
}
