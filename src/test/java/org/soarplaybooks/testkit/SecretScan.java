package org.soarplaybooks.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

/**
 * Asserts that no file below a folder holds a secret, in any encoding a file of the engine could use: UTF-8 text
 * (audit lines, dead letters, reports), UTF-16 either way (the broker journal's message properties), and base64 of
 * the UTF-8 bytes (an {@code Authorization: Basic} value). Every file is read as bytes, binary ones included.
 */
public final class SecretScan {

    private SecretScan() {
    }

    /** Fails naming the file and the form when a file below {@code root} holds one of {@code secrets}. */
    public static void assertNowhereIn(Path root, String... secrets) {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                byte[] content = Files.readAllBytes(f);
                for (String secret : secrets) {
                    for (Form form : forms(secret)) {
                        assertThat(indexOf(content, form.bytes())).as("%s holds the secret (%s)", f, form.name())
                                .isEqualTo(-1);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record Form(String name, byte[] bytes) {
    }

    private static List<Form> forms(String secret) {
        List<Form> out = new ArrayList<>();
        out.add(new Form("UTF-8", secret.getBytes(StandardCharsets.UTF_8)));
        out.add(new Form("UTF-16LE", secret.getBytes(StandardCharsets.UTF_16LE)));
        out.add(new Form("UTF-16BE", secret.getBytes(StandardCharsets.UTF_16BE)));
        // base64 of the secret wherever it sits in the encoded bytes (after 0, 1 or 2 other bytes): the characters
        // that come from the secret's bytes alone, without the first and last groups that share bytes with others
        byte[] raw = secret.getBytes(StandardCharsets.UTF_8);
        for (int shift = 0; shift < 3; shift++) {
            byte[] shifted = new byte[shift + raw.length];
            System.arraycopy(raw, 0, shifted, shift, raw.length);
            String b64 = Base64.getEncoder().withoutPadding().encodeToString(shifted);
            int from = shift == 0 ? 0 : 4;
            int to = (shifted.length / 3) * 4;
            if (to - from >= 4) {
                out.add(new Form("base64, offset " + shift, b64.substring(from, to).getBytes(StandardCharsets.UTF_8)));
            }
        }
        return out;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
