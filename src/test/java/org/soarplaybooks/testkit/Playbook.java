package org.soarplaybooks.testkit;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.camel.Consumer;
import org.apache.camel.Exchange;
import org.apache.camel.Route;
import org.apache.camel.component.file.GenericFileEndpoint;
import org.awaitility.core.ConditionTimeoutException;
import org.soarplaybooks.audit.AuditRecord;
import org.soarplaybooks.deadletter.DeadLetter;
import org.soarplaybooks.simulator.SimulatorCredentials;
import org.soarplaybooks.simulator.VendorSimulator;
import org.soarplaybooks.webhook.WebhookClient;

/**
 * One shipped playbook running in the real engine for a kit test ({@link PlaybookTest}): feed it input through its
 * own trigger, then assert on what each vendor received, the audit trail and the dead letters.
 *
 * <ul>
 *   <li>Triggers: {@link #drop(String)} a sample into its inbox, {@link #contraforceWebhook(String)} /
 *       {@link #sentinelWebhook(String)} post a signed delivery, {@link #runSchedule()} runs one scheduled sync.
 *       Each returns once the engine has nothing left to do (the file is in {@code .done/} or {@code .failed/},
 *       nothing is in flight): every incident is then sent or dead-lettered.</li>
 *   <li>Vendors: {@link #contraforce()}, {@link #sentinelOne()}, {@link #oneTrust()}, {@link #adversarial()}, each
 *       its own vendor simulator (WireMock on 127.0.0.1) with the demo credentials; {@link #noCallsTo}.</li>
 *   <li>Outcomes: {@link #audit()}, {@link #deadLetters()}, {@link #noDeadLetters()}.</li>
 * </ul>
 * Runs on the shipped {@code config/} with small inbox poll delays and retry backoff (as {@link PlaybookHarness}),
 * in a temporary folder ({@code routes/} with the playbook, {@code data/}) deleted on {@link #close()}.
 * Failed assertions throw an {@link AssertionError} naming the playbook, the vendor, the expected request and
 * every request each vendor received (secrets masked), and the inputs that failed.
 */
public final class Playbook implements AutoCloseable {

    /** The shared secrets the kit configures for the webhooks ({@code contraforce.webhook.secret}, ...). */
    public static final String CONTRAFORCE_WEBHOOK_SECRET = WebhookClient.CF_SECRET;
    public static final String SENTINEL_WEBHOOK_SECRET = WebhookClient.SENTINEL_SECRET;

    private static final Duration SETTLE_AT_MOST = Duration.ofSeconds(20);
    private static final Set<String> SCHEDULERS = Set.of("quartz", "timer", "scheduler", "cron");

    private final String file;
    private final Path root;
    private final PlaybookHarness harness;
    private final Map<Vendor, VendorRequests> vendors = new EnumMap<>(Vendor.class);
    private final int webhookPort;
    private final Set<String> usedNames = new HashSet<>();
    private final List<Input> inputs = new ArrayList<>();
    private int auditSeen;
    private Set<String> deadLettersSeen = Set.of();
    private boolean closed;

    private Playbook(String file, Path root, PlaybookHarness harness, Map<Vendor, VendorSimulator> simulators,
            int webhookPort) {
        this.file = file;
        this.root = root;
        this.harness = harness;
        this.webhookPort = webhookPort;
        simulators.forEach((v, s) -> vendors.put(v, new VendorRequests(this, v, s)));
    }

    /**
     * Copies the playbook (and {@code routes/error-handlers.camel.yaml} and {@link PlaybookTest#with()}) into a
     * temporary routes folder and starts the engine on it, every vendor at its own simulator.
     *
     * @throws IllegalArgumentException when a named playbook file is not in {@code routes/}, or a property is not
     *                                  {@code key=value}
     * @throws org.soarplaybooks.engine.StartupException when the engine refuses the playbook (names file and reason)
     */
    static Playbook start(PlaybookTest spec) {
        Path root = null;
        Map<Vendor, VendorSimulator> simulators = new EnumMap<>(Vendor.class);
        try {
            root = Files.createTempDirectory("playbook-kit-");
            List<String> files = new ArrayList<>(List.of(spec.value(), "error-handlers.camel.yaml"));
            files.addAll(List.of(spec.with()));
            Path routes = KitFiles.copyPlaybooks(files, root.resolve("routes"));
            Map<String, String> props = new LinkedHashMap<>();
            for (Vendor v : Vendor.values()) {
                if (v != Vendor.CONTRAFORCE) { // ContraForce is the harness's own simulator
                    VendorSimulator sim = VendorSimulator.start(SimulatorCredentials.demo());
                    simulators.put(v, sim);
                    props.put(v.baseUrlProperty(), sim.baseUrl());
                }
            }
            int port = PlaybookHarness.freePort();
            props.put("camel.server.port", String.valueOf(port));
            props.put("contraforce.webhook.secret", CONTRAFORCE_WEBHOOK_SECRET);
            props.put("sentinel.webhook.secret", SENTINEL_WEBHOOK_SECRET);
            props.put("sentinel.webhook.auth", "bearer");
            for (String p : spec.properties()) {
                int eq = p.indexOf('=');
                if (eq < 1) {
                    throw new IllegalArgumentException("@PlaybookTest(properties): '" + p + "' is not key=value");
                }
                props.put(p.substring(0, eq).strip(), p.substring(eq + 1).strip());
            }
            PlaybookHarness harness = PlaybookHarness.start(root.resolve("data"), Path.of("config"), routes, props);
            simulators.put(Vendor.CONTRAFORCE, harness.simulator());
            return new Playbook(spec.value(), root, harness, simulators, port);
        } catch (IOException e) {
            simulators.values().forEach(VendorSimulator::close);
            KitFiles.deleteTree(root);
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            simulators.values().forEach(VendorSimulator::close);
            KitFiles.deleteTree(root);
            throw e;
        }
    }

    /** The playbook file under test, e.g. {@code sentinel-incident-sync.camel.yaml}. */
    public String file() {
        return file;
    }

    // ---- triggers ---------------------------------------------------------------------------------------------

    /**
     * Drops a file into the playbook's inbox (its only file trigger) and waits until the playbook has taken it.
     *
     * @param resource a classpath path: {@code samples/microsoft-sentinel/incident-1505-active-rapid7.json}
     *                 (src/main/resources) or {@code fixtures/contraforce/...} (src/test/resources)
     * @return where the file ended: done, or failed with its error report
     * @throws IllegalStateException when the playbook reads no inbox or several (then use {@link #dropInto})
     * @throws AssertionError        when the playbook does not take the file within 20 s
     */
    public Input drop(String resource) {
        Map<String, String> inboxes = inboxes();
        if (inboxes.size() != 1) {
            throw new IllegalStateException(file + " reads " + (inboxes.isEmpty() ? "no inbox"
                    : inboxes.size() + " inboxes " + inboxes.keySet() + ": use dropInto(inbox, resource)"));
        }
        return dropInto(inboxes.keySet().iterator().next(), resource);
    }

    /** Like {@link #drop(String)}, into {@code data/inbox/<inbox>/} (a playbook with several inboxes). */
    public Input dropInto(String inbox, String resource) {
        return dropContent(inbox, Path.of(resource).getFileName().toString(), KitFiles.resource(resource));
    }

    /**
     * Drops a file with the given content into {@code data/inbox/<inbox>/}, atomically, and waits until the
     * playbook has taken it. A name used before in this class gets a {@code -2}, {@code -3}... before its extension.
     */
    public Input dropContent(String inbox, String name, byte[] content) {
        if (!inboxes().containsKey(inbox)) {
            throw new IllegalStateException(file + " reads no inbox " + inbox + " (its inboxes: "
                    + inboxes().keySet() + ")");
        }
        String unique = uniqueName(inbox, name);
        Path dropped = harness.drop(inbox, unique, content);
        Path moved;
        try {
            moved = harness.awaitTaken(dropped);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("playbook " + file + " did not take " + unique + " from data/inbox/" + inbox
                    + " within 20 s (does its name match the trigger's include pattern: " + inboxes().get(inbox)
                    + "?)", e);
        }
        boolean failed = moved.getParent().getFileName().toString().equals(".failed");
        Path result = moved.resolveSibling(unique + ".result.json");
        String errorReport = failed ? KitFiles.readString(harness.errorReportOf(dropped)) : null;
        JsonNode resultJson = Files.exists(result) ? RequestBodies.parse(KitFiles.readString(result)) : null;
        Input input = new Input(unique, inbox, moved, errorReport, resultJson);
        inputs.add(input);
        return input;
    }

    /**
     * POSTs a correctly signed ContraForce webhook delivery ({@code X-CF-Signature} HMAC-SHA256 with the kit's
     * secret, a new {@code X-CF-Event-Id}) of the resource's bytes to {@code /webhooks/contraforce}, then waits
     * until the playbooks it feeds have handled it. Load those playbooks with {@link PlaybookTest#with()}.
     *
     * @return the webhook's answer: 202 {@code {"accepted": true, "eventId": ...}}, or problem details
     */
    public HttpResponse<String> contraforceWebhook(String resource) {
        String body = new String(KitFiles.resource(resource), StandardCharsets.UTF_8);
        String eventId = "evt_kit_" + UUID.randomUUID();
        return settle(webhooks().post("/webhooks/contraforce",
                WebhookClient.contraForceHeaders(eventId, WebhookClient.now(), body), body));
    }

    /**
     * POSTs a Microsoft Sentinel automation delivery ({@code Authorization: Bearer} the kit's secret) of the
     * resource's bytes to {@code /webhooks/sentinel}, then waits until the playbooks it feeds have handled it.
     */
    public HttpResponse<String> sentinelWebhook(String resource) {
        String body = new String(KitFiles.resource(resource), StandardCharsets.UTF_8);
        return settle(webhooks().post("/webhooks/sentinel", Map.of("Content-Type", "application/json",
                "Authorization", "Bearer " + SENTINEL_WEBHOOK_SECRET), body));
    }

    /**
     * Runs the playbook's schedule once now, as a tick of its timer would (the route's own consumer makes the
     * exchange and runs it), and returns when the run and everything it started is done.
     *
     * @throws IllegalStateException when the playbook has no scheduled route, or its schedule is off (turn it on in
     *                               {@link PlaybookTest#properties()}, with {@link PlaybookTest#NEVER} as its cron)
     * @throws AssertionError        when the run ends with an exception the playbook did not handle
     */
    public void runSchedule() {
        List<Route> schedules = harness.engine().context().getRoutes().stream()
                .filter(r -> SCHEDULERS.contains(r.getEndpoint().getEndpointUri().replaceFirst(":.*", ""))).toList();
        if (schedules.isEmpty()) {
            throw new IllegalStateException(file + " has no scheduled route (quartz:, timer:, scheduler:)");
        }
        for (Route route : schedules) {
            if (!harness.engine().context().getRouteController().getRouteStatus(route.getRouteId()).isStarted()) {
                throw new IllegalStateException("the schedule of " + file + " (route " + route.getRouteId()
                        + ") is off: turn it on in @PlaybookTest(properties = ...), e.g. sentinelone.sync.enabled=true,"
                        + " with its cron at PlaybookTest.NEVER so only the test fires it");
            }
            Consumer consumer = route.getConsumer();
            Exchange exchange = consumer.createExchange(false);
            try {
                consumer.getProcessor().process(exchange);
            } catch (Exception e) {
                exchange.setException(e);
            } finally {
                consumer.releaseExchange(exchange, false);
            }
            if (exchange.getException() != null) {
                throw new AssertionError("playbook " + file + ": the scheduled run of route " + route.getRouteId()
                        + " failed: " + exchange.getException().getMessage(), exchange.getException());
            }
        }
        settled(() -> false, () -> null);
    }

    // ---- vendors ----------------------------------------------------------------------------------------------

    /** What ContraForce received ({@code contraforce.base-url}: status updates, bulk updates). */
    public VendorRequests contraforce() {
        return vendors.get(Vendor.CONTRAFORCE);
    }

    /** What SentinelOne received ({@code sentinelone.base-url}: threat updates, the scheduled sync's reads). */
    public VendorRequests sentinelOne() {
        return vendors.get(Vendor.SENTINELONE);
    }

    /** What OneTrust received ({@code onetrust.base-url}: token, incident GET and PUT). */
    public VendorRequests oneTrust() {
        return vendors.get(Vendor.ONETRUST);
    }

    /** What Adversarial received ({@code adversarial.base-url}: token, incident register PATCH). */
    public VendorRequests adversarial() {
        return vendors.get(Vendor.ADVERSARIAL);
    }

    /** What the given vendor received. */
    public VendorRequests vendor(Vendor vendor) {
        return vendors.get(vendor);
    }

    /**
     * Asserts none of the vendors received any request.
     *
     * @throws AssertionError naming the playbook, the first vendor that was called and what it received
     */
    public void noCallsTo(Vendor first, Vendor... more) {
        vendors.get(first).receivedNothing();
        for (Vendor v : more) {
            vendors.get(v).receivedNothing();
        }
    }

    // ---- outcomes ---------------------------------------------------------------------------------------------

    /** The audit records written since the test began, oldest first. */
    public List<AuditRecord> audit() {
        List<AuditRecord> all = harness.audit();
        return all.subList(Math.min(auditSeen, all.size()), all.size());
    }

    /** The dead letters written since the test began. */
    public List<DeadLetter> deadLetters() {
        return harness.deadLetters().stream().filter(d -> !deadLettersSeen.contains(key(d))).toList();
    }

    /**
     * Asserts no dead letter was written since the test began.
     *
     * @throws AssertionError naming the playbook and each dead letter's incident, vendor and reason
     */
    public void noDeadLetters() {
        List<DeadLetter> letters = deadLetters();
        if (!letters.isEmpty()) {
            throw failure(null, "wrote " + letters.size() + " dead letter(s), expected none");
        }
    }

    /** The harness underneath (engine, data folder), for what the kit does not cover. */
    public PlaybookHarness harness() {
        return harness;
    }

    /** Forgets the vendor requests, audit records and dead letters so far (the extension calls it before each test). */
    public void reset() {
        settled(() -> false, () -> null);
        vendors.values().forEach(v -> v.simulator().resetRequests());
        auditSeen = harness.audit().size();
        deadLettersSeen = harness.deadLetters().stream().map(Playbook::key).collect(Collectors.toSet());
        inputs.clear();
    }

    /** Stops the engine and the simulators and deletes the temporary folder; safe to call twice. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            harness.close();
        } finally {
            vendors.forEach((v, r) -> {
                if (v != Vendor.CONTRAFORCE) {
                    r.simulator().close();
                }
            });
            KitFiles.deleteTree(root);
        }
    }

    // ---- for the assertions -----------------------------------------------------------------------------------

    /**
     * Waits until {@code done} holds or the engine is quiet (nothing in flight, no incident on a playbook's queue, no
     * file waiting in an inbox), at most 20 s, and returns {@code value}.
     */
    <T> T settled(BooleanSupplier done, Supplier<T> value) {
        try {
            await().atMost(SETTLE_AT_MOST).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(20))
                    .until(() -> done.getAsBoolean() || quiet());
        } catch (ConditionTimeoutException e) {
            // the caller's assertion says what is missing
        }
        return value.get();
    }

    /** The failure message: playbook, vendor, what was expected, what every vendor received, failed inputs. */
    AssertionError failure(Vendor vendor, String what) {
        Map<Vendor, List<LoggedRequest>> received = new EnumMap<>(Vendor.class);
        vendors.forEach((v, r) -> received.put(v, r.requests()));
        return new AssertionError(FailureMessage.of(file, vendor, what, received, inputs, deadLetters()));
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    /** Inbox folder (below data/inbox/) -> the file trigger's include pattern, of every file route loaded. */
    private Map<String, String> inboxes() {
        Map<String, String> inboxes = new TreeMap<>();
        Path inboxRoot = harness.data().toAbsolutePath().normalize().resolve("inbox");
        for (Route r : harness.engine().context().getRoutes()) {
            if (r.getEndpoint() instanceof GenericFileEndpoint<?> f) {
                Path dir = Path.of(f.getConfiguration().getDirectory()).toAbsolutePath().normalize();
                if (dir.startsWith(inboxRoot)) {
                    inboxes.put(inboxRoot.relativize(dir).toString(), String.valueOf(f.getInclude()));
                }
            }
        }
        return inboxes;
    }

    private boolean quiet() {
        if (!harness.quiet()) {
            return false; // in flight, or incidents on a playbook's queue
        }
        Path inboxRoot = harness.data().resolve("inbox");
        if (!Files.isDirectory(inboxRoot)) {
            return true;
        }
        try (Stream<Path> folders = Files.list(inboxRoot)) {
            for (Path folder : folders.filter(Files::isDirectory).toList()) {
                try (Stream<Path> files = Files.list(folder)) {
                    if (files.anyMatch(f -> Files.isRegularFile(f) && !f.getFileName().toString().startsWith("."))) {
                        return false;
                    }
                }
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private HttpResponse<String> settle(HttpResponse<String> answer) {
        settled(() -> false, () -> null);
        return answer;
    }

    private WebhookClient webhooks() {
        return new WebhookClient(webhookPort);
    }

    private String uniqueName(String inbox, String name) {
        String candidate = name;
        int dot = name.lastIndexOf('.');
        for (int n = 2; !usedNames.add(inbox + "/" + candidate); n++) {
            candidate = dot < 0 ? name + "-" + n : name.substring(0, dot) + "-" + n + name.substring(dot);
        }
        return candidate;
    }

    private static String key(DeadLetter d) {
        return d.playbook() + "/" + d.id() + "@" + d.lastFailure();
    }
}
