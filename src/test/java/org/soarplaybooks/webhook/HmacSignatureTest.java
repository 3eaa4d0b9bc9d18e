package org.soarplaybooks.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The signature scheme, checked against an HMAC computed independently ({@link WebhookClient#hmacHex}). */
class HmacSignatureTest {

    static final String SECRET = "s3cr3t-for-unit-tests";
    static final byte[] BODY = "{\"type\":\"incident.created.v1\",\"data\":{}}".getBytes(StandardCharsets.UTF_8);
    static final Instant NOW = Instant.parse("2026-04-22T15:00:00Z");
    static final String TS = String.valueOf(NOW.getEpochSecond());

    final HmacSignature signature = new HmacSignature(SECRET.getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(300));

    @Test
    void signsTimestampDotRawBody() {
        assertThat(signature.sign(TS, BODY)).isEqualTo("sha256=" + WebhookClient.hmacHex(SECRET, TS, BODY));
    }

    @Test
    void acceptsTheRightSignatureWithinTheWindowEitherWay() {
        String sig = "sha256=" + WebhookClient.hmacHex(SECRET, TS, BODY);

        assertThat(signature.check(TS, sig, BODY, NOW)).isEqualTo(HmacSignature.Result.OK);
        assertThat(signature.verify(TS, sig, BODY, NOW.plusSeconds(300))).isTrue();
        assertThat(signature.verify(TS, sig, BODY, NOW.minusSeconds(300))).isTrue();
        assertThat(signature.verify(TS, sig.toUpperCase().replace("SHA256=", "sha256="), BODY, NOW)).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "stale by one second    | 301  | STALE_TIMESTAMP",
            "ahead by one second    | -301 | STALE_TIMESTAMP"})
    void refusesATimestampOutsideTheWindow(String name, long nowMinusTs, HmacSignature.Result expected) {
        String sig = "sha256=" + WebhookClient.hmacHex(SECRET, TS, BODY);

        assertThat(signature.check(TS, sig, BODY, NOW.plusSeconds(nowMinusTs))).isEqualTo(expected);
    }

    @Test
    void namesWhatIsWrongForTheOperator() {
        String sig = "sha256=" + WebhookClient.hmacHex(SECRET, TS, BODY);
        byte[] other = "{}".getBytes(StandardCharsets.UTF_8);

        assertThat(signature.check(null, sig, BODY, NOW)).isEqualTo(HmacSignature.Result.MISSING_HEADER);
        assertThat(signature.check(TS, null, BODY, NOW)).isEqualTo(HmacSignature.Result.MISSING_HEADER);
        assertThat(signature.check(TS, "md5=abc", BODY, NOW)).isEqualTo(HmacSignature.Result.MALFORMED_SIGNATURE);
        assertThat(signature.check(TS, sig.substring(7), BODY, NOW))
                .isEqualTo(HmacSignature.Result.MALFORMED_SIGNATURE);
        assertThat(signature.check("1.5e9", sig, BODY, NOW)).isEqualTo(HmacSignature.Result.MALFORMED_TIMESTAMP);
        assertThat(signature.check(TS, sig, other, NOW)).isEqualTo(HmacSignature.Result.WRONG_SIGNATURE);
        assertThat(signature.check(String.valueOf(NOW.getEpochSecond() - 1), sig, BODY, NOW))
                .isEqualTo(HmacSignature.Result.WRONG_SIGNATURE);
    }

    @Test
    void anEmptySecretIsRefusedAndNoSecretIsPrinted() {
        assertThatThrownBy(() -> new HmacSignature(new byte[0], Duration.ofSeconds(300)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(signature.toString()).doesNotContain(SECRET);
        assertThat(new BearerSecret(SECRET.getBytes(StandardCharsets.UTF_8)).toString()).doesNotContain(SECRET);
    }

    @Test
    void bearerSecretComparesTheWholeValue() {
        BearerSecret bearer = new BearerSecret(SECRET.getBytes(StandardCharsets.UTF_8));

        assertThat(bearer.verify("Bearer " + SECRET)).isTrue();
        assertThat(bearer.verify("bearer " + SECRET)).isTrue();
        assertThat(bearer.verify("Bearer " + SECRET + "x")).isFalse();
        assertThat(bearer.verify("Bearer " + SECRET.substring(1))).isFalse();
        assertThat(bearer.verify("Basic " + SECRET)).isFalse();
        assertThat(bearer.verify(SECRET)).isFalse();
        assertThat(bearer.verify("Bearer ")).isFalse();
        assertThat(bearer.verify(null)).isFalse();
    }
}
