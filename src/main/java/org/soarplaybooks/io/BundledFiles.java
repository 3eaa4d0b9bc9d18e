package org.soarplaybooks.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Copies files shipped inside the jar (or {@code target/classes}) to a folder: the bundled playbooks and
 * configuration (for a demo started outside a checkout) and the real sample incidents. {@link #list} also tells
 * {@code validate} which Kamelets the jar ships.
 */
public final class BundledFiles {

    private BundledFiles() {
    }

    /** Whether a classpath folder exists. */
    public static boolean exists(String folder) {
        return BundledFiles.class.getClassLoader().getResource(folder) != null;
    }

    /**
     * Copies the files directly inside a classpath folder (not sub-folders) to {@code target}.
     *
     * @return the copied files
     * @throws UncheckedIOException when the folder cannot be read or the target written
     */
    public static List<Path> copyFolder(String folder, Path target) {
        List<Path> out = new ArrayList<>();
        for (String name : list(folder)) {
            out.add(copy(folder + "/" + name, target.resolve(name)));
        }
        return out;
    }

    /**
     * Copies one classpath file to {@code target}, through a hidden temporary file and a rename, so a file
     * trigger watching the target folder never sees it half-written.
     */
    public static Path copy(String resource, Path target) {
        try (InputStream in = BundledFiles.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("not bundled: " + resource);
            }
            Files.createDirectories(target.getParent());
            Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp");
            Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + resource + " to " + target, e);
        }
    }

    /**
     * File names directly inside a classpath folder, sorted; empty when the folder is not on the class path.
     *
     * @throws UncheckedIOException when the jar or folder cannot be read
     */
    public static List<String> list(String folder) {
        URL url = BundledFiles.class.getClassLoader().getResource(folder);
        if (url == null) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        try {
            if ("jar".equals(url.getProtocol())) {
                JarURLConnection conn = (JarURLConnection) url.openConnection();
                conn.setUseCaches(false);
                try (JarFile jar = conn.getJarFile()) {
                    String prefix = folder.endsWith("/") ? folder : folder + "/";
                    Enumeration<JarEntry> entries = jar.entries();
                    while (entries.hasMoreElements()) {
                        String n = entries.nextElement().getName();
                        if (n.startsWith(prefix) && n.length() > prefix.length()
                                && n.indexOf('/', prefix.length()) < 0) {
                            names.add(n.substring(prefix.length()));
                        }
                    }
                }
            } else {
                try (Stream<Path> s = Files.list(Path.of(url.toURI()))) {
                    s.filter(Files::isRegularFile).forEach(p -> names.add(p.getFileName().toString()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list bundled folder " + folder, e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        names.sort(null);
        return names;
    }
}
