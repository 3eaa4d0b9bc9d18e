package org.soarplaybooks.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.soarplaybooks.engine.PlaybookBeans;

/** Vendor error bodies to problem details: ContraForce problem+json and SentinelOne's error envelope. */
class ProblemDetailsReaderTest {

    final ProblemDetailsReader reader = new ProblemDetailsReader(PlaybookBeans.newMapper());

    static String sample(String path) throws IOException {
        try (InputStream in = ProblemDetailsReaderTest.class.getClassLoader().getResourceAsStream("samples/" + path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void contraForceProblemJsonIsReadAsIs() {
        ProblemDetails p = reader.read(404, "application/problem+json", """
                {"type":"https://docs.contraforce.com/api-reference/errors","title":"Resource not found","status":404,
                 "detail":"Incident 'INC-12345' not found","instance":"/api/v2/workspaces/w/incidents/Sentinel/INC-12345",
                 "code":"NOT_FOUND","requestId":"0HNLBAGCRD4RN:00000003","timestamp":"2026-04-15T20:00:00.0000000+00:00",
                 "errors":{"status":["The status field is required."]}}""");

        assertThat(p).isEqualTo(new ProblemDetails("https://docs.contraforce.com/api-reference/errors",
                "Resource not found", 404, "Incident 'INC-12345' not found",
                "/api/v2/workspaces/w/incidents/Sentinel/INC-12345", "NOT_FOUND", "0HNLBAGCRD4RN:00000003",
                "2026-04-15T20:00:00.0000000+00:00", null, Map.of("status", List.of("The status field is required."))));
    }

    @Test
    void aProblemWithoutStatusGetsTheHttpStatus() {
        assertThat(reader.read(400, "application/problem+json", "{\"title\":\"Bad\",\"code\":\"BAD_REQUEST\"}").status())
                .isEqualTo(400);
    }

    @Test
    void theRealSentinelOneValidationErrorBecomesProblemDetails() throws IOException {
        ProblemDetails p = reader.read(400, "application/json",
                sample("sentinelone/sentinelone-400-validation-error-demisto.json"));

        assertThat(p).isEqualTo(new ProblemDetails(null, "Validation Error", 400,
                "siteIds: 0: Must be greater than or equal to 100000000000000000.", null, "4000010", null, null, null,
                null));
        assertThat(p.summary()).isEqualTo("400 4000010 Validation Error: siteIds: 0: Must be greater than or equal to "
                + "100000000000000000.");
    }

    @Test
    void furtherSentinelOneErrorsGoIntoErrorsKeyedByCode() {
        ProblemDetails p = reader.read(400, null, """
                {"errors": [{}, {"code": 4000010, "detail": "data.incidentStatus: required", "title": "Validation Error"},
                            {"code": 4000010, "detail": "filter.ids: not a list", "title": "Validation Error"},
                            {"code": 4000020, "title": "Other"}, {"message": "Go SDK style"}]}""");

        assertThat(p.title()).isEqualTo("Validation Error");
        assertThat(p.detail()).isEqualTo("data.incidentStatus: required");
        assertThat(p.code()).isEqualTo("4000010");
        assertThat(p.errors()).containsExactly(
                Map.entry("4000010", List.of("Validation Error: filter.ids: not a list")),
                Map.entry("4000020", List.of("Other")),
                Map.entry("", List.of("Go SDK style")));
    }

    @Test
    void aMessageStandsInForAMissingTitleOrDetail() {
        assertThat(reader.read(401, null, "{\"errors\":[{\"code\":4010010,\"message\":\"Authentication Failed\"}]}"))
                .satisfies(p -> {
                    assertThat(p.title()).isEqualTo("Authentication Failed");
                    assertThat(p.detail()).isNull();
                    assertThat(p.code()).isEqualTo("4010010");
                    assertThat(p.status()).isEqualTo(401);
                });
        assertThat(reader.read(400, null, "{\"errors\":[{\"title\":\"Bad\",\"message\":\"why\"}]}"))
                .satisfies(p -> {
                    assertThat(p.detail()).isEqualTo("why");
                    assertThat(p.code()).isEqualTo("HTTP_400");
                });
    }

    @Test
    void onlyEmptyErrorItemsAreNoEnvelope() throws IOException {
        String quirk = sample("sentinelone/sentinelone-empty-error-object-quirk.json");

        assertThat(ProblemDetailsReader.errorItems(PlaybookBeans.newMapper().readTree(quirk))).isEmpty();
        assertThat(reader.read(500, "application/json", quirk)).satisfies(p -> {
            assertThat(p.code()).isEqualTo("HTTP_500");
            assertThat(p.title()).isEqualTo("HTTP 500");
            assertThat(p.detail()).isEqualTo(quirk);
        });
        assertThat(ProblemDetailsReader.errorItems(PlaybookBeans.newMapper()
                .readTree("{\"errors\":[{\"code\":null}],\"data\":{}}"))).isEmpty();
    }

    @Test
    void anythingElseKeepsTheRawBody() {
        assertThat(reader.read(502, "text/html", "<html>Bad gateway</html>"))
                .isEqualTo(ProblemDetails.of(502, "HTTP_502", "HTTP 502", "<html>Bad gateway</html>"));
        assertThat(reader.read(500, null, "")).isEqualTo(ProblemDetails.of(500, "HTTP_500", "HTTP 500", null));
    }
}
