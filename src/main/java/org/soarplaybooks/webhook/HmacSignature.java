package org.soarplaybooks.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The webhook signature scheme ContraForce documents (design/vendor-facts.md, "Webhooks"; ContraForce/
 * integrations-examples servicenow-samples/README.md), also used for Sentinel deliveries in {@code hmac} mode:
 *
 * <pre>
 *   signature header = "sha256=" + lowercase hex( HMAC-SHA256( secret, timestamp + "." + raw body ) )
 *   timestamp header = Unix time in seconds (decimal digits)
 * </pre>
 *
 * The HMAC is computed on the raw body bytes exactly as received (never on re-serialized JSON) and on the
 * timestamp header's text exactly as sent. {@link #verify} compares in constant time
 * ({@link MessageDigest#isEqual}) and always computes the HMAC, whatever else is wrong, so the time an answer
 * takes says nothing about which part failed. Thread-safe (a new {@link Mac} per call).
 */
public final class HmacSignature {

    /** The signature prefix naming the algorithm. */
    public static final String PREFIX = "sha256=";

    private static final Pattern TIMESTAMP = Pattern.compile("[0-9]{1,12}");
    private static final Pattern HEX_SHA256 = Pattern.compile("[0-9a-fA-F]{64}");
    private static final byte[] NO_SIGNATURE = new byte[32];

    private final byte[] secret;
    private final Duration tolerance;

    /**
     * @param secret    the shared secret (UTF-8 bytes of the configured text); never logged
     * @param tolerance how far the timestamp may be from now, either way (ContraForce: 300 s)
     */
    public HmacSignature(byte[] secret, Duration tolerance) {
        if (secret == null || secret.length == 0) {
            throw new IllegalArgumentException("an HMAC secret is empty");
        }
        this.secret = secret.clone();
        this.tolerance = tolerance;
    }

    /** The outcome of {@link #check}: {@code OK}, or the first thing wrong (for the operator's log only). */
    public enum Result {
        OK, MISSING_HEADER, MALFORMED_SIGNATURE, MALFORMED_TIMESTAMP, STALE_TIMESTAMP, WRONG_SIGNATURE
    }

    /**
     * True only when the signature header is {@code sha256=<64 hex>}, equals the HMAC of {@code timestamp + "." +
     * body}, and the timestamp is at most the tolerance away from {@code now}. A missing header is passed as null.
     */
    public boolean verify(String timestampHeader, String signatureHeader, byte[] body, Instant now) {
        return check(timestampHeader, signatureHeader, body, now) == Result.OK;
    }

    /**
     * Like {@link #verify}, naming what is wrong. Every part is evaluated whatever the outcome (the HMAC is always
     * computed and compared in constant time); only the result differs. Callers must not tell the sender which
     * part failed.
     */
    public Result check(String timestampHeader, String signatureHeader, byte[] body, Instant now) {
        boolean timestampWellFormed = timestampHeader != null && TIMESTAMP.matcher(timestampHeader).matches();
        boolean timestampFresh = timestampWellFormed
                && Math.abs(now.getEpochSecond() - Long.parseLong(timestampHeader)) <= tolerance.toSeconds();
        byte[] expected = hmac(timestampHeader == null ? "" : timestampHeader, body);
        byte[] given = NO_SIGNATURE;
        boolean formatOk = false;
        if (signatureHeader != null && signatureHeader.length() == PREFIX.length() + 64
                && signatureHeader.substring(0, PREFIX.length()).toLowerCase(Locale.ROOT).equals(PREFIX)
                && HEX_SHA256.matcher(signatureHeader.substring(PREFIX.length())).matches()) {
            given = HexFormat.of().parseHex(signatureHeader.substring(PREFIX.length()));
            formatOk = true;
        }
        boolean macOk = MessageDigest.isEqual(expected, given);
        if (timestampHeader == null || signatureHeader == null) {
            return Result.MISSING_HEADER;
        }
        if (!formatOk) {
            return Result.MALFORMED_SIGNATURE;
        }
        if (!timestampWellFormed) {
            return Result.MALFORMED_TIMESTAMP;
        }
        if (!macOk) {
            return Result.WRONG_SIGNATURE;
        }
        return timestampFresh ? Result.OK : Result.STALE_TIMESTAMP;
    }

    /** The signature header value for a timestamp and body: {@code sha256=<lowercase hex>}. */
    public String sign(String timestamp, byte[] body) {
        return PREFIX + HexFormat.of().formatHex(hmac(timestamp, body));
    }

    private byte[] hmac(String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update(timestamp.getBytes(StandardCharsets.US_ASCII));
            mac.update((byte) '.');
            mac.update(body);
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }

    @Override
    public String toString() {
        return "HmacSignature[sha256, tolerance " + tolerance.toSeconds() + " s]";
    }
}
