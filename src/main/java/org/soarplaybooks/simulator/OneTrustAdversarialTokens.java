package org.soarplaybooks.simulator;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The simulator's OAuth2 access tokens for OneTrust and Adversarial: self-checking strings
 * {@code sim.<realm>.<expiry epoch s>.<HMAC-SHA256>} signed with a key drawn at random when the JVM loads this
 * class. A token is valid for its realm ({@code onetrust} or {@code adversarial}) until its expiry, so the bearer
 * matcher needs no shared state with the token endpoint, and a OneTrust token is refused by Adversarial.
 */
final class OneTrustAdversarialTokens {

    private static final byte[] KEY = new byte[32];

    static {
        new SecureRandom().nextBytes(KEY);
    }

    private OneTrustAdversarialTokens() {
    }

    /** A new token of {@code realm} valid for {@code lifetimeSeconds} from now. */
    static String issue(String realm, long lifetimeSeconds) {
        long expiry = Instant.now().getEpochSecond() + lifetimeSeconds;
        String payload = "sim." + realm + "." + expiry;
        return payload + "." + sign(payload);
    }

    /** True when {@code token} was issued by {@link #issue} for {@code realm} and has not expired. */
    static boolean valid(String realm, String token) {
        if (token == null || realm == null) {
            return false;
        }
        int lastDot = token.lastIndexOf('.');
        if (lastDot < 0) {
            return false;
        }
        String payload = token.substring(0, lastDot);
        String prefix = "sim." + realm + ".";
        if (!payload.startsWith(prefix)) {
            return false;
        }
        if (!MessageDigest.isEqual(sign(payload).getBytes(StandardCharsets.UTF_8),
                token.substring(lastDot + 1).getBytes(StandardCharsets.UTF_8))) {
            return false;
        }
        try {
            return Long.parseLong(payload.substring(prefix.length())) > Instant.now().getEpochSecond();
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String sign(String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
