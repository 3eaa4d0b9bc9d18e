package org.soarplaybooks.webhook;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;

/**
 * A shared bearer secret: the caller sends {@code Authorization: Bearer <secret>} (RFC 6750 syntax; the scheme
 * name in any case). {@link #verify} compares SHA-256 digests of both values with {@link MessageDigest#isEqual},
 * so neither the content nor the length of the secret leaks through timing. Thread-safe.
 */
public final class BearerSecret {

    private static final String SCHEME = "bearer ";

    private final byte[] secretDigest;

    /** @param secret the configured secret (UTF-8 bytes); never logged */
    public BearerSecret(byte[] secret) {
        if (secret == null || secret.length == 0) {
            throw new IllegalArgumentException("a bearer secret is empty");
        }
        this.secretDigest = sha256(secret);
    }

    /** True when the {@code Authorization} header value is {@code Bearer <the secret>}; false for null. */
    public boolean verify(String authorizationHeader) {
        String token = "";
        boolean schemeOk = false;
        if (authorizationHeader != null && authorizationHeader.length() > SCHEME.length()
                && authorizationHeader.substring(0, SCHEME.length()).toLowerCase(Locale.ROOT).equals(SCHEME)) {
            token = authorizationHeader.substring(SCHEME.length()).strip();
            schemeOk = true;
        }
        boolean tokenOk = MessageDigest.isEqual(secretDigest, sha256(token.getBytes(StandardCharsets.UTF_8)));
        return tokenOk & schemeOk;
    }

    private static byte[] sha256(byte[] value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }

    @Override
    public String toString() {
        return "BearerSecret[***]";
    }
}
