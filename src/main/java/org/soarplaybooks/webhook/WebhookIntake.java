package org.soarplaybooks.webhook;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Route;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.soarplaybooks.audit.AuditLog;
import org.soarplaybooks.audit.AuditRecord;
import org.soarplaybooks.contract.ContractCheck;
import org.soarplaybooks.contract.ContractViolation;
import org.soarplaybooks.engine.PlaybookBeans;
import org.soarplaybooks.outcome.ActionContext;
import org.soarplaybooks.io.AtomicFiles;

/**
 * The intake of one webhook: from a delivery to an event durably queued for the playbooks it feeds. A bean per
 * webhook, declared in {@code routes/webhooks.camel.yaml} (properties below); the route calls {@link #admit}
 * (the trust boundary) and then {@link #receive}, which leaves the HTTP answer on the message.
 *
 * <p>{@link #receive} checks, in this order, and answers the first failure ({@link WebhookRejection}):
 * method POST (405), content type {@code application/json} (415), size (413; the HTTP server refuses larger
 * bodies before this with the same answer), authentication (401, also for every delivery while no secret is
 * configured), JSON (400), the webhook's JSON Schema ({@code schemas/<schema>.request.json}, checked with
 * {@link ContractCheck}; 400 naming each field), the event id (400). Then:
 * <ul>
 *   <li>a test delivery: audited ({@code test-delivery}), written nowhere, 200;</li>
 *   <li>an event no playbook reads (e.g. not an incident): audited ({@code ignored}), written nowhere, 200;</li>
 *   <li>an event id already in the ledger ({@link EventLedger}, {@code <data>/state/webhook-events/<name>/}):
 *       audited ({@code duplicate}), nothing else, 200 {@code {"duplicate": true}};</li>
 *   <li>otherwise the raw body is written as {@code <event id>.json} into the inbox folder
 *       ({@code <data>/inbox/<folder>/}) of every fed playbook that is loaded and acts on it (its {@code feedOnly}
 *       condition, if any, is met; when none is left the event is audited {@code ignored}, 200) (temporary file, fsync, rename,
 *       fsync of the folder), the event id is recorded, the delivery audited ({@code queued}), and only then
 *       answered 202 {@code {"accepted": true, "eventId"}}. Every playbook keeps its file trigger, so a crash after
 *       the 202 loses nothing and {@code replay} works as for any inbox file. A failed write answers 503 and
 *       records nothing, so the sender's retry is processed.</li>
 * </ul>
 * Deliveries of the same event id are handled one at a time. A crash between writing the inbox files and
 * recording the id means the sender's retry queues the event again (delivery stays at least once).
 *
 * <p>Audit records ({@code data/audit/*.jsonl}): playbook = the route's playbook name ({@code webhooks}),
 * trigger {@code webhook:<path>}, incident key when the event names one, vendor, operation
 * {@value #OPERATION}, HTTP status answered, {@code requestId} = the event id, result {@value #QUEUED},
 * {@value #DUPLICATE}, {@value #TEST_DELIVERY} or {@value #IGNORED}, reason. Refused deliveries are not audited
 * (anyone can send them); each is one WARN log line without body, signature or secret.
 *
 * <p>Bean properties: {@code dataFolder} (the engine's data folder, {@code {{playbooks.data}}}), {@code secret}
 * (empty: the webhook is disabled and answers 401 to everything; logged once at start), {@code maxBodyBytes}
 * (default 1 MiB), {@code toleranceSeconds} (signature timestamps, default 300), {@code retentionDays} (how long
 * event ids are remembered, default 7), {@code feeds} ({@code playbook=folder,...}: the playbooks this webhook
 * feeds and their inbox folders below {@code <data>/inbox/}; a playbook not loaded is left out), {@code feedOnly}
 * ({@link #setFeedOnly}: the events a fed playbook acts on; default: every event). Call
 * {@link #start()} once the properties are set.
 */
public abstract class WebhookIntake {

    public static final String OPERATION = "receive-webhook";
    public static final String QUEUED = "queued";
    public static final String DUPLICATE = "duplicate";
    public static final String TEST_DELIVERY = "test-delivery";
    public static final String IGNORED = "ignored";

    /** Longest event id accepted (characters). */
    static final int MAX_EVENT_ID = 200;

    private static final Logger LOG = LoggerFactory.getLogger("soar.webhook");
    private static final Pattern FOLDER = Pattern.compile("[a-z0-9][a-z0-9-]*");
    private static final Pattern PLAYBOOK = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final Pattern PRINTABLE = Pattern.compile("[\\x21-\\x7e]([\\x20-\\x7e]*[\\x21-\\x7e])?");

    /** Strict JSON: one document, no duplicate member names (what is signed is what is read). */
    static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private final ObjectMapper mapper = PlaybookBeans.newMapper();
    private final ContractCheck contracts = new ContractCheck();
    private final Object[] stripes = new Object[64];
    private final Clock clock;

    private Path dataFolder;
    private byte[] secret;
    private long maxBodyBytes = 1024 * 1024;
    private long toleranceSeconds = 300;
    private int retentionDays = 7;
    private Map<String, String> feeds = Map.of();
    private Map<String, FeedCondition> feedOnly = Map.of();
    private EventLedger ledger;
    private AuditLog audit;

    protected WebhookIntake() {
        this(Clock.systemUTC());
    }

    protected WebhookIntake(Clock clock) {
        this.clock = clock;
        for (int i = 0; i < stripes.length; i++) {
            stripes[i] = new Object();
        }
    }

    // ---- what each webhook defines --------------------------------------------------------------------------

    /** Short name, e.g. {@code contraforce}: the ledger folder and log lines. */
    protected abstract String name();

    /** Vendor name for audit records, e.g. {@code ContraForce}. */
    protected abstract String vendor();

    /** The schema ({@code schemas/<name>.request.json}) the JSON is checked against. */
    protected abstract String schema();

    /** The environment variable the secret comes from (for the start-up log line). */
    protected abstract String secretVariable();

    /** The request headers the checks read (any case); every other header is dropped unread. */
    protected abstract List<String> wantedHeaders();

    /** Builds the verifier from the configured secret (called by {@link #start()} when a secret is set). */
    protected abstract void useSecret(byte[] secret, Duration tolerance);

    /** How deliveries are authenticated, for the start-up log line, e.g. {@code HMAC-SHA256 (X-CF-Signature)}. */
    protected abstract String describeAuthentication();

    /**
     * Null when the delivery is authenticated, else why not (for the operator's log line only; the answer never
     * says).
     */
    protected abstract String authenticationFailure(Delivery delivery, Instant now);

    /** Extra headers of a 401 answer (e.g. {@code WWW-Authenticate: Bearer}); none by default. */
    protected Map<String, String> unauthenticatedHeaders() {
        return Map.of();
    }

    /**
     * The event id of a delivery.
     *
     * @throws WebhookRejection {@code MISSING_EVENT_ID} when there is none
     */
    protected abstract String eventId(Delivery delivery, JsonNode event);

    /** True for a test delivery (acknowledged, audited, written nowhere). */
    protected boolean isTest(Delivery delivery, JsonNode event) {
        return false;
    }

    /** Null when the event is for the playbooks, else why it is ignored. */
    protected abstract String ignoredBecause(JsonNode event);

    /** The incident key ({@code <Source>:<id>}) the event is about, or null. */
    protected abstract String incidentKey(JsonNode event);

    // ---- bean properties -------------------------------------------------------------------------------------

    public void setDataFolder(String dataFolder) {
        this.dataFolder = Path.of(dataFolder).toAbsolutePath().normalize();
    }

    /** The shared secret; blank disables the webhook (401 to everything). Never logged, never in toString. */
    public void setSecret(String secret) {
        this.secret = secret == null || secret.isBlank() ? null : secret.getBytes(StandardCharsets.UTF_8);
    }

    public void setMaxBodyBytes(long maxBodyBytes) {
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("maxBodyBytes must be at least 1, not " + maxBodyBytes);
        }
        this.maxBodyBytes = maxBodyBytes;
    }

    public void setToleranceSeconds(long toleranceSeconds) {
        if (toleranceSeconds < 1) {
            throw new IllegalArgumentException("toleranceSeconds must be at least 1, not " + toleranceSeconds);
        }
        this.toleranceSeconds = toleranceSeconds;
    }

    public void setRetentionDays(int retentionDays) {
        if (retentionDays < 1) {
            throw new IllegalArgumentException("retentionDays must be at least 1, not " + retentionDays);
        }
        this.retentionDays = retentionDays;
    }

    /**
     * {@code playbook=folder,playbook=folder}: the playbooks this webhook feeds (route id or route group) and their
     * inbox folders below {@code <data>/inbox/} (lower case letters, digits and dashes: never a path).
     *
     * @throws IllegalArgumentException for an entry of another shape
     */
    public void setFeeds(String feeds) {
        Map<String, String> parsed = new LinkedHashMap<>();
        for (String entry : feeds == null ? new String[0] : feeds.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            String[] kv = entry.split("=", -1);
            if (kv.length != 2 || !PLAYBOOK.matcher(kv[0].strip()).matches()
                    || !FOLDER.matcher(kv[1].strip()).matches()) {
                throw new IllegalArgumentException("webhook feeds: '" + entry.strip() + "' is not playbook=folder"
                        + " (folder: lower-case letters, digits and dashes, below <data>/inbox/)");
            }
            parsed.put(kv[0].strip(), kv[1].strip());
        }
        this.feeds = java.util.Collections.unmodifiableMap(parsed);
    }

    /**
     * {@code playbook=/json/pointer:value|value,...}: the events a fed playbook acts on ({@link FeedCondition});
     * other events are not queued to it, and the delivery's log line and audit reason say so ({@code not for
     * <playbook>: <why>}). A playbook without an entry gets every event.
     *
     * @throws IllegalArgumentException for an entry of another shape
     */
    public void setFeedOnly(String feedOnly) {
        this.feedOnly = java.util.Collections.unmodifiableMap(FeedCondition.parse(feedOnly));
    }

    /**
     * Readies the webhook once its properties are set: the ledger (old event ids pruned), the audit trail, the
     * verifier; logs one line saying whether the webhook is enabled (and how it authenticates) or disabled.
     *
     * @throws IllegalStateException when {@code dataFolder} is not set, or {@code feedOnly} names a playbook that
     *         is not in {@code feeds}
     */
    public void start() {
        if (dataFolder == null) {
            throw new IllegalStateException("webhook " + name() + ": dataFolder is not set");
        }
        for (String playbook : feedOnly.keySet()) {
            if (!feeds.containsKey(playbook)) {
                throw new IllegalStateException("webhook " + name() + ": feedOnly names " + playbook
                        + ", which is not in feeds " + feeds.keySet());
            }
        }
        ledger = new EventLedger(dataFolder.resolve("state").resolve("webhook-events").resolve(name()),
                Duration.ofDays(retentionDays), mapper, clock);
        ledger.prune();
        audit = new AuditLog(dataFolder.resolve("audit"), mapper);
        if (secret == null) {
            LOG.warn("webhook /webhooks/{} is disabled: {} is not set, so every delivery is answered 401",
                    name(), secretVariable());
            return;
        }
        useSecret(secret, Duration.ofSeconds(toleranceSeconds));
        if (secret.length < 32) {
            LOG.warn("webhook /webhooks/{}: {} is shorter than 32 characters; use a long random secret", name(),
                    secretVariable());
        }
        LOG.info("webhook /webhooks/{} is enabled: {}, feeds {}", name(), describeAuthentication(),
                feeds.keySet());
    }

    /** True when a secret is configured. */
    public boolean enabled() {
        return secret != null;
    }

    // ---- the route's two steps --------------------------------------------------------------------------------

    /**
     * Route step 1, the trust boundary: {@link TrustBoundary#admit} with this webhook's headers. Afterwards the
     * message has no header at all.
     */
    public void admit(Exchange exchange) {
        TrustBoundary.admit(exchange, wantedHeaders());
    }

    /**
     * Route step 2: checks the delivery, queues the event, and leaves the HTTP answer on the message (see the
     * class comment). Never throws for a bad delivery; only a programming error escapes (answered 500 without a
     * body by the HTTP server).
     */
    public void receive(Exchange exchange) {
        Delivery delivery = TrustBoundary.of(exchange);
        if (delivery == null) {
            delivery = TrustBoundary.admit(exchange, wantedHeaders());
        }
        WebhookAnswer answer;
        try {
            answer = handle(delivery, exchange);
        } catch (WebhookRejection r) {
            answer = r.answer();
        }
        answer.writeTo(exchange.getMessage(), mapper);
    }

    private WebhookAnswer handle(Delivery d, Exchange exchange) {
        String path = d.path() == null ? "/webhooks/" + name() : d.path();
        if (!"POST".equals(d.method())) {
            throw rejected(d, WebhookRejection.methodNotAllowed(path, d.method()));
        }
        if (!isJson(d.contentType())) {
            throw rejected(d, WebhookRejection.unsupportedMediaType(path, d.contentType()));
        }
        if (d.body().length > maxBodyBytes) {
            throw rejected(d, WebhookRejection.tooLarge(path, maxBodyBytes));
        }
        String authFailure = secret == null ? "no secret is configured (" + secretVariable() + ")"
                : authenticationFailure(d, clock.instant());
        if (authFailure != null) {
            LOG.warn("webhook {}: refused a delivery: 401, {}", path, authFailure);
            throw WebhookRejection.unauthenticated(path, unauthenticatedHeaders());
        }
        JsonNode event = parse(d, path);
        List<ContractViolation> violations = contracts.violations(schema(), event);
        if (!violations.isEmpty()) {
            throw rejected(d, WebhookRejection.schemaViolation(path, violations));
        }
        String eventId = eventId(d, event);
        if (eventId == null || eventId.length() > MAX_EVENT_ID || !PRINTABLE.matcher(eventId).matches()) {
            throw rejected(d, WebhookRejection.missingEventId(path, "the event id"));
        }
        if (isTest(d, event)) {
            record(exchange, d, event, eventId, 200, TEST_DELIVERY, "test delivery: nothing queued");
            return WebhookAnswer.testDelivery(eventId);
        }
        String ignored = ignoredBecause(event);
        if (ignored != null) {
            record(exchange, d, event, eventId, 200, IGNORED, ignored);
            return WebhookAnswer.ignored(eventId, ignored);
        }
        synchronized (stripes[Math.floorMod(eventId.hashCode(), stripes.length)]) {
            if (ledger.seen(eventId)) {
                record(exchange, d, event, eventId, 200, DUPLICATE, "event id already queued; not processed again");
                return WebhookAnswer.duplicate(eventId);
            }
            Map<String, String> targets = loadedFeeds(exchange.getContext());
            if (targets.isEmpty()) {
                String why = "none of the playbooks this webhook feeds is loaded " + feeds.keySet();
                record(exchange, d, event, eventId, 200, IGNORED, why);
                return WebhookAnswer.ignored(eventId, why);
            }
            String notFor = dropFeedsNotFor(targets, event);
            if (targets.isEmpty()) {
                record(exchange, d, event, eventId, 200, IGNORED, notFor);
                return WebhookAnswer.ignored(eventId, notFor);
            }
            List<String> queued = queue(d, eventId, targets, path);
            String reason = "queued for " + String.join(", ", targets.keySet());
            record(exchange, d, event, eventId, 202, QUEUED, notFor == null ? reason : reason + "; " + notFor);
            LOG.info("webhook {}: event {} queued: {}{}", path, eventId, queued, notFor == null ? "" : "; " + notFor);
            return WebhookAnswer.accepted(eventId);
        }
    }

    /** Writes the event into each inbox, then records the id; a failure answers 503 with nothing recorded. */
    private List<String> queue(Delivery d, String eventId, Map<String, String> targets, String path) {
        String file = EventLedger.fileName(eventId) + ".json";
        List<String> queued = new ArrayList<>();
        try {
            for (String folder : targets.values()) {
                Path target = dataFolder.resolve("inbox").resolve(folder).resolve(file);
                AtomicFiles.write(target, d.body());
                queued.add(dataFolder.relativize(target).toString());
            }
            ledger.record(eventId, queued);
        } catch (IOException | UncheckedIOException e) {
            LOG.error("webhook {}: event {} could not be queued (answered 503): {}", path, eventId, e.getMessage());
            throw WebhookRejection.notQueued(path);
        }
        return queued;
    }

    /**
     * Removes from {@code targets} the playbooks whose {@code feedOnly} condition the event does not meet; returns
     * null when none was removed, else {@code not for <playbook>: <why>} for each (joined by {@code "; "}).
     */
    private String dropFeedsNotFor(Map<String, String> targets, JsonNode event) {
        List<String> skipped = new ArrayList<>();
        targets.keySet().removeIf(playbook -> {
            FeedCondition condition = feedOnly.get(playbook);
            String why = condition == null ? null : condition.unmetBy(event);
            if (why != null) {
                skipped.add("not for " + playbook + ": " + why);
            }
            return why != null;
        });
        return skipped.isEmpty() ? null : String.join("; ", skipped);
    }

    /** The fed playbooks that are loaded right now (route id or route group), in feed order. */
    private Map<String, String> loadedFeeds(CamelContext context) {
        Map<String, String> loaded = new LinkedHashMap<>();
        feeds.forEach((playbook, folder) -> {
            for (Route r : context.getRoutes()) {
                if (playbook.equals(r.getRouteId()) || playbook.equals(r.getGroup())) {
                    loaded.put(playbook, folder);
                    return;
                }
            }
        });
        return loaded;
    }

    private JsonNode parse(Delivery d, String path) {
        if (d.body().length == 0) {
            throw rejected(d, WebhookRejection.invalidJson(path, "the body is empty"));
        }
        try {
            JsonNode node = STRICT.readTree(d.body());
            if (node == null || node.isMissingNode()) {
                throw rejected(d, WebhookRejection.invalidJson(path, "the body is empty"));
            }
            return node;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
            String why = e.getOriginalMessage();
            throw rejected(d, WebhookRejection.invalidJson(path, (why.length() > 200 ? why.substring(0, 197) + "..."
                    : why) + where));
        } catch (IOException e) {
            throw rejected(d, WebhookRejection.invalidJson(path, e.getMessage()));
        }
    }

    /** {@code application/json}, with at most a UTF-8 {@code charset} among its parameters. */
    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String[] parts = contentType.split(";");
        if (!parts[0].strip().equalsIgnoreCase("application/json")) {
            return false;
        }
        for (int i = 1; i < parts.length; i++) {
            String[] kv = parts[i].split("=", 2);
            if (kv[0].strip().equalsIgnoreCase("charset")) {
                String charset = kv.length < 2 ? "" : kv[1].strip().replace("\"", "").toLowerCase(Locale.ROOT);
                if (!charset.equals("utf-8") && !charset.equals("utf8")) {
                    return false;
                }
            }
        }
        return true;
    }

    private WebhookRejection rejected(Delivery d, WebhookRejection r) {
        LOG.warn("webhook {}: refused a {} delivery: {} {}", d.path(), d.method(), r.problem().status(),
                r.problem().code());
        return r;
    }

    private void record(Exchange exchange, Delivery d, JsonNode event, String eventId, int status, String result,
                        String reason) {
        Instant now = clock.instant();
        audit.append(new AuditRecord(now, ActionContext.playbook(exchange), "webhook:" + d.path(),
                incidentKey(event), vendor(), OPERATION, status, eventId,
                Math.max(0, Duration.between(d.receivedAt(), now).toMillis()), result, null, reason));
        if (!QUEUED.equals(result)) {
            LOG.info("webhook {}: event {}: {} ({})", d.path(), eventId, result, reason);
        }
    }

    /** Never the secret. */
    @Override
    public String toString() {
        return getClass().getSimpleName() + "[/webhooks/" + name() + ", " + (enabled() ? "enabled" : "disabled")
                + ", feeds " + feeds.keySet() + "]";
    }
}
