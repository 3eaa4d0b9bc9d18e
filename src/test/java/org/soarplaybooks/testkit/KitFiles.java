package org.soarplaybooks.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** The files of a kit test: the playbooks copied from {@code routes/}, classpath inputs, the temporary folder. */
final class KitFiles {

    private KitFiles() {
    }

    /**
     * Copies the named playbook files from the shipped {@code routes/} into {@code routes} (created).
     *
     * @return {@code routes}
     * @throws IllegalArgumentException naming the file and the shipped playbooks when one is not in {@code routes/}
     */
    static Path copyPlaybooks(List<String> files, Path routes) throws IOException {
        Files.createDirectories(routes);
        for (String f : files) {
            Path shipped = Path.of("routes").resolve(f);
            if (!f.endsWith(".camel.yaml") || !Files.isRegularFile(shipped)) {
                throw new IllegalArgumentException("@PlaybookTest: no playbook routes/" + f + " (shipped: "
                        + shippedPlaybooks() + ")");
            }
            Files.copy(shipped, routes.resolve(shipped.getFileName()));
        }
        return routes;
    }

    /**
     * The bytes of a classpath resource: {@code samples/...} (src/main/resources) or {@code fixtures/...}
     * (src/test/resources).
     *
     * @throws IllegalArgumentException naming both places looked in when there is no such resource
     */
    static byte[] resource(String resource) {
        String path = resource.startsWith("/") ? resource.substring(1) : resource;
        try (InputStream in = KitFiles.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no resource " + path + " on the test classpath (looked in "
                        + "src/main/resources/" + path + " and src/test/resources/" + path + ")");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String readString(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes a folder and everything below it; a folder that cannot be deleted is left (it is temporary). */
    static void deleteTree(Path root) {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // a temporary folder left behind is not worth failing a test for
        }
    }

    private static String shippedPlaybooks() {
        try (Stream<Path> files = Files.list(Path.of("routes"))) {
            return String.join(", ", files.map(p -> p.getFileName().toString()).sorted().toList());
        } catch (IOException e) {
            return "routes/ unreadable: " + e.getMessage();
        }
    }
}
