package org.soarplaybooks.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.soarplaybooks.outcome.ActionContext;
import org.soarplaybooks.problem.VendorCallException;

/** The client-credentials grant, the token cache and token failures, against WireMock over real HTTP. */
class OAuth2ClientCredentialsTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    static final String TOKEN_PATH = "/api/v1/oauth/token";
    static final DefaultCamelContext CAMEL = new DefaultCamelContext();

    final MovableClock clock = new MovableClock(Instant.parse("2025-05-01T10:00:00Z"));

    @BeforeEach
    void emptyCache() {
        OAuth2ClientCredentials.forgetAllTokens();
    }

    @AfterAll
    static void stopCamel() throws Exception {
        CAMEL.close();
    }

    String tokenUrl() {
        return wm.baseUrl() + TOKEN_PATH;
    }

    OAuth2ClientCredentials client(String id, String secret) {
        OAuth2ClientCredentials c = new OAuth2ClientCredentials(tokenUrl(), id, secret);
        c.setClock(clock);
        return c;
    }

    static Exchange exchange() {
        Exchange e = new DefaultExchange(CAMEL);
        e.setProperty(ActionContext.VENDOR, "Adversarial");
        e.setProperty(ActionContext.OPERATION, "update-incidents");
        return e;
    }

    static String authorize(OAuth2ClientCredentials c) throws Exception {
        Exchange e = exchange();
        c.process(e);
        return e.getMessage().getHeader("Authorization", String.class);
    }

    /** Token answers t1, t2, t3, ... in order, each valid {@code expiresIn} seconds. */
    void tokensInTurn(int expiresIn, int count) {
        for (int i = 1; i <= count; i++) {
            wm.stubFor(post(urlPathEqualTo(TOKEN_PATH)).inScenario("tokens")
                    .whenScenarioStateIs(i == 1 ? Scenario.STARTED : "t" + i)
                    .willSetStateTo("t" + (i + 1))
                    .willReturn(okJson("{\"access_token\":\"t" + i + "\",\"token_type\":\"Bearer\",\"expires_in\":"
                            + expiresIn + "}")));
        }
    }

    int tokenRequests() {
        return wm.findAll(postRequestedFor(urlPathEqualTo(TOKEN_PATH))).size();
    }

    @Test
    void postsTheClientCredentialsGrantFormEncodedAndSetsTheBearerHeader() throws Exception {
        tokensInTurn(900, 1);
        OAuth2ClientCredentials c = client("arm_sa_demo", "arm_sk/+&= é");

        Exchange e = exchange();
        c.process(e);

        assertThat(e.getMessage().getHeader("Authorization")).isEqualTo("Bearer t1");
        assertThat(e.getProperty(OAuth2ClientCredentials.TOKEN_GENERATION, Long.class)).isNotNull();
        LoggedRequest token = wm.findAll(postRequestedFor(urlPathEqualTo(TOKEN_PATH))).get(0);
        assertThat(token.getHeader("Content-Type")).startsWith("application/x-www-form-urlencoded");
        assertThat(token.getHeader("Accept")).isEqualTo("application/json");
        assertThat(token.containsHeader("Authorization")).isFalse();
        assertThat(token.getBodyAsString()).isEqualTo(
                "grant_type=client_credentials&client_id=arm_sa_demo&client_secret=arm_sk%2F%2B%26%3D+%C3%A9");
    }

    @Test
    void aTokenIsReusedUntilSixtySecondsBeforeItExpires() throws Exception {
        tokensInTurn(900, 2);
        OAuth2ClientCredentials c = client("arm_sa_demo", "arm_sk_demo");

        assertThat(authorize(c)).isEqualTo("Bearer t1");
        assertThat(authorize(c)).isEqualTo("Bearer t1");
        clock.advance(Duration.ofSeconds(900 - 60 - 1));
        assertThat(authorize(c)).isEqualTo("Bearer t1");
        assertThat(tokenRequests()).isEqualTo(1);

        clock.advance(Duration.ofSeconds(1));
        assertThat(authorize(c)).isEqualTo("Bearer t2");
        assertThat(tokenRequests()).isEqualTo(2);
    }

    @Test
    void aShortLivedTokenIsRefreshedAtHalfItsLifetime() throws Exception {
        tokensInTurn(60, 2);
        OAuth2ClientCredentials c = client("arm_sa_demo", "arm_sk_demo");

        assertThat(authorize(c)).isEqualTo("Bearer t1");
        clock.advance(Duration.ofSeconds(29));
        assertThat(authorize(c)).isEqualTo("Bearer t1");
        clock.advance(Duration.ofSeconds(1));
        assertThat(authorize(c)).isEqualTo("Bearer t2");
    }

    @Test
    void withoutExpiresInATokenLastsFiveMinutes() throws Exception {
        wm.stubFor(post(urlPathEqualTo(TOKEN_PATH)).willReturn(okJson("{\"access_token\":\"t1\"}")));
        OAuth2ClientCredentials c = client("arm_sa_demo", "arm_sk_demo");

        authorize(c);
        clock.advance(Duration.ofSeconds(OAuth2ClientCredentials.DEFAULT_LIFETIME_SECONDS - 61));
        authorize(c);
        assertThat(tokenRequests()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(1));
        authorize(c);
        assertThat(tokenRequests()).isEqualTo(2);
    }

    @Test
    void aRefusedTokenIsDroppedOnlyIfItIsStillTheCachedOne() throws Exception {
        tokensInTurn(900, 3);
        OAuth2ClientCredentials c = client("arm_sa_demo", "arm_sk_demo");
        Exchange first = exchange();
        c.process(first);
        Exchange second = exchange();
        c.process(second);
        assertThat(second.getMessage().getHeader("Authorization")).isEqualTo("Bearer t1");

        c.tokenRejected(first);            // t1 refused: dropped
        assertThat(authorize(c)).isEqualTo("Bearer t2");
        c.tokenRejected(second);           // also carried t1, which is gone already: t2 stays
        assertThat(authorize(c)).isEqualTo("Bearer t2");
        assertThat(tokenRequests()).isEqualTo(2);

        c.tokenRejected(exchange());       // carried no token: nothing happens
        assertThat(authorize(c)).isEqualTo("Bearer t2");
        c.invalidate();
        assertThat(authorize(c)).isEqualTo("Bearer t3");
    }

    @Test
    void theCacheIsKeyedByTokenUrlClientIdAndSecret() throws Exception {
        wm.stubFor(post(urlPathEqualTo(TOKEN_PATH)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"access_token\":\"{{randomValue type='UUID'}}\",\"expires_in\":900}")
                .withTransformers("response-template")));

        String a = authorize(client("client-a", "secret-a"));
        String sameClientOtherInstance = authorize(client("client-a", "secret-a"));
        String otherClient = authorize(client("client-b", "secret-a"));
        String otherSecret = authorize(client("client-a", "secret-b"));
        OAuth2ClientCredentials otherUrl = new OAuth2ClientCredentials(wm.baseUrl() + "/other/token", "client-a",
                "secret-a");
        wm.stubFor(post(urlPathEqualTo("/other/token")).willReturn(okJson("{\"access_token\":\"other\"}")));

        assertThat(sameClientOtherInstance).isEqualTo(a);
        assertThat(otherClient).isNotEqualTo(a);
        assertThat(otherSecret).isNotIn(a, otherClient);
        assertThat(authorize(otherUrl)).isEqualTo("Bearer other");
        assertThat(tokenRequests()).isEqualTo(3);
    }

    @Test
    void concurrentCallersWaitForOneTokenRequest() throws Exception {
        wm.stubFor(post(urlPathEqualTo(TOKEN_PATH)).willReturn(okJson("{\"access_token\":\"t1\",\"expires_in\":900}")
                .withFixedDelay(300)));
        OAuth2ClientCredentials c = client("arm_sa_demo", "arm_sk_demo");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                calls.add(pool.submit(() -> authorize(c)));
            }
            for (Future<String> call : calls) {
                assertThat(call.get()).isEqualTo("Bearer t1");
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(tokenRequests()).isEqualTo(1);
    }

    @Test
    void aRefusalByTheTokenEndpointIsATokenRequestFailureWithoutTheSecret() {
        String secret = "arm_sk_wrong-7f3a9c";
        wm.stubFor(post(urlPathEqualTo(TOKEN_PATH)).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"invalid_client\",\"echo\":\"" + secret + "\"}")));

        VendorCallException e = failure(client("arm_sa_demo", secret));

        assertThat(e.vendor()).isEqualTo("Adversarial");
        assertThat(e.operation()).isEqualTo("update-incidents");
        assertThat(e.problem().code()).isEqualTo("TOKEN_REQUEST_FAILED");
        assertThat(e.problem().status()).isEqualTo(401);
        assertThat(e.problem().detail()).contains("invalid_client").contains(tokenUrl()).contains("arm_sa_demo")
                .doesNotContain(secret);
        assertThat(e.getMessage()).doesNotContain(secret);
    }

    @Test
    void aServerErrorAnUnreadableAnswerOrAnotherTokenTypeIsATokenRequestFailure() {
        OAuth2ClientCredentials c = client("arm_sa_demo", "arm_sk_demo");
        wm.stubFor(post(urlPathEqualTo(TOKEN_PATH)).willReturn(aResponse().withStatus(503)));
        assertThat(failure(c).problem()).satisfies(p -> {
            assertThat(p.status()).isEqualTo(503);
            assertThat(p.detail()).contains("HTTP 503 with no body");
        });

        wm.stubFor(post(urlPathEqualTo(TOKEN_PATH)).willReturn(aResponse().withStatus(200).withBody("<html>ok</html>")));
        assertThat(failure(c).problem().detail()).contains("not a JSON object");

        wm.stubFor(post(urlPathEqualTo(TOKEN_PATH)).willReturn(okJson("{\"token_type\":\"Bearer\"}")));
        assertThat(failure(c).problem().detail()).contains("no access_token");

        wm.stubFor(post(urlPathEqualTo(TOKEN_PATH)).willReturn(okJson("{\"access_token\":\"t\",\"token_type\":\"mac\"}")));
        assertThat(failure(c).problem().detail()).contains("token_type is 'mac'").doesNotContain("\"t\"");

        wm.stubFor(post(urlPathEqualTo(TOKEN_PATH)).willReturn(aResponse().withStatus(302)
                .withHeader("Location", "https://elsewhere.example/token")));
        assertThat(failure(c).problem().status()).isEqualTo(302);
        assertThat(wm.getAllServeEvents()).allSatisfy(s -> assertThat(s.getRequest().getUrl()).isEqualTo(TOKEN_PATH));
    }

    @Test
    void noAnswerAndMissingSettingsAreTokenRequestFailuresWithoutStatus() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        VendorCallException noAnswer = failure(new OAuth2ClientCredentials("http://127.0.0.1:" + closedPort + "/token",
                "arm_sa_demo", "arm_sk_demo"));
        assertThat(noAnswer.problem().status()).isNull();
        assertThat(noAnswer.problem().code()).isEqualTo("TOKEN_REQUEST_FAILED");
        assertThat(noAnswer.problem().detail()).contains("no answer from the token endpoint").contains("Connect");

        assertThat(failure(client("arm_sa_demo", "")).problem().detail()).contains("clientSecret is not set");
        assertThat(failure(client(null, "x")).problem().detail()).contains("clientId is not set");
        assertThat(failure(new OAuth2ClientCredentials("file:///etc/passwd", "a", "b")).problem().detail())
                .contains("absolute http(s) URL");
        assertThat(tokenRequests()).isZero();
    }

    @Test
    void theSecretNeverAppearsInToString() {
        OAuth2ClientCredentials c = client("arm_sa_demo", "arm_sk_super-secret");
        assertThat(c.toString()).contains("arm_sa_demo").contains("***").doesNotContain("arm_sk_super-secret");
        assertThat(new OAuth2ClientCredentials.Token("tok-value", Instant.EPOCH, 1).toString())
                .doesNotContain("tok-value");
    }

    static VendorCallException failure(OAuth2ClientCredentials c) {
        return catchThrowableOfType(VendorCallException.class, () -> c.process(exchange()));
    }

    /** A clock tests move forward by hand. */
    static final class MovableClock extends Clock {
        private volatile Instant now;

        MovableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
