package org.soarplaybooks.testkit;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real, separate ActiveMQ Artemis broker for integration tests: the distribution Maven unpacks into
 * {@code target/artemis-distribution/} ({@code org.apache.activemq:apache-artemis:<version>:zip:bin}, phase
 * {@code pre-integration-test}), an instance made with {@code artemis create} (login required, CORE only, no web
 * console, 127.0.0.1 on a free port) whose {@code broker.xml} gets the address settings that docs/playbooks.md
 * ("An external broker") tells users to add ({@code config/broker/address-settings.xml}), served by
 * {@code artemis run} in its own process.
 */
public final class ArtemisDistribution implements AutoCloseable {

    private static final Path HOME = Path.of("target/artemis-distribution/apache-artemis-2.44.0").toAbsolutePath();

    private final Path instance;
    private final int port;
    private final String user;
    private final String password;
    private Process process;

    private ArtemisDistribution(Path instance, int port, String user, String password) {
        this.instance = instance;
        this.port = port;
        this.user = user;
        this.password = password;
    }

    /**
     * Creates an instance in {@code dir} (not started).
     *
     * @throws IllegalStateException when the distribution is not unpacked (run the tests with {@code mvn verify})
     */
    public static ArtemisDistribution create(Path dir, String user, String password) {
        if (!Files.isRegularFile(HOME.resolve("bin/artemis"))) {
            throw new IllegalStateException(HOME + "/bin/artemis is missing: the integration tests run with"
                    + " `mvn verify`, which unpacks the Artemis distribution first");
        }
        int port = PlaybookHarness.freePort();
        run(List.of("bash", HOME.resolve("bin/artemis").toString(), "create", "--silent", "--force",
                "--user", user, "--password", password, "--require-login", "--host", "127.0.0.1",
                "--default-port", String.valueOf(port), "--no-web", "--no-amqp-acceptor", "--no-mqtt-acceptor",
                "--no-stomp-acceptor", "--no-hornetq-acceptor", dir.toString()), dir.getParent());
        ArtemisDistribution broker = new ArtemisDistribution(dir, port, user, password);
        broker.addUsersAddressSettings();
        return broker;
    }

    /** {@code tcp://127.0.0.1:<port>}. */
    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    /** Starts {@code artemis run} and waits until the port takes connections (a few seconds). */
    public ArtemisDistribution start() {
        try {
            ProcessBuilder pb = new ProcessBuilder("bash", instance.resolve("bin/artemis").toString(), "run")
                    .directory(instance.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(instance.resolve("log/run.out").toFile()));
            Files.createDirectories(instance.resolve("log"));
            process = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("artemis run ended: " + Files.readString(
                        instance.resolve("log/run.out")));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return true;
            } catch (IOException e) {
                return false;
            }
        });
        return this;
    }

    /** Stops the broker process (and its child JVM) at once, as a crash would. */
    public void kill() {
        if (process != null) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
        }
    }

    @Override
    public void close() {
        kill();
    }

    /** The address settings of config/broker/address-settings.xml, inside broker.xml's address-settings. */
    private void addUsersAddressSettings() {
        try {
            String snippet = Files.readString(Path.of("config/broker/address-settings.xml"))
                    .replaceAll("(?s)<!--.*?-->", "");
            Path xml = instance.resolve("etc/broker.xml");
            String broker = Files.readString(xml, StandardCharsets.UTF_8);
            if (!broker.contains("<address-settings>")) {
                throw new IllegalStateException(xml + " has no <address-settings>");
            }
            Files.writeString(xml, broker.replaceFirst("<address-settings>", "<address-settings>\n" + snippet));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void run(List<String> command, Path dir) {
        try {
            Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command.subList(0, 3)) + " failed: " + out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
