package org.soarplaybooks.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's first command, on the real shaded jar: {@code java -jar target/soar-playbooks.jar demo}, run
 * from a folder that is not the checkout, so the playbooks and configuration bundled in the jar are used.
 */
class DemoJarIT {

    static final Path JAR = Path.of("target/soar-playbooks.jar").toAbsolutePath();

    @Test
    void theShadedJarRunsTheDemoOutsideTheCheckout(@TempDir Path elsewhere) throws Exception {
        Path out = elsewhere.resolve("out.txt");
        Process p = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toString(), "demo", "--data", elsewhere.resolve("data").toString()))
                .directory(elsewhere.toFile()).redirectErrorStream(true).redirectOutput(out.toFile()).start();

        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("demo finished").isTrue();
        String text = Files.readString(out);
        assertThat(p.exitValue()).as(text).isZero();
        assertThat(text).contains("every incident accounted for: yes")
                .contains(elsewhere.resolve("data/.bundled/routes").toString());
    }

    @Test
    void everyCamelTypeConverterLoaderIsMergedIntoTheJar() throws IOException {
        try (JarFile jar = new JarFile(JAR.toFile())) {
            String loaders = new String(jar.getInputStream(
                    jar.getEntry("META-INF/services/org/apache/camel/TypeConverterLoader")).readAllBytes());
            assertThat(loaders).contains("org.apache.camel.converter.CamelBaseBulkConverterLoader",
                    "org.apache.camel.component.http.HttpConvertersLoader",
                    "org.apache.camel.component.jackson.converter.JacksonTypeConvertersLoader",
                    "org.apache.camel.component.file.GenericFileConverterLoader");
        }
    }
}
