package org.soarplaybooks.webhook;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.soarplaybooks.audit.AuditLog;
import org.soarplaybooks.audit.AuditRecord;
import org.soarplaybooks.contract.ContractCheck;
import org.soarplaybooks.contract.ContractViolation;
import org.soarplaybooks.core.queue.DuplicateMessageException;
import org.soarplaybooks.core.queue.IncidentMessage;
import org.soarplaybooks.core.queue.QueueUnavailableException;
import org.soarplaybooks.io.WritableFolder;
import org.soarplaybooks.incident.Incident;
import org.soarplaybooks.incident.NormalizationException;
import org.soarplaybooks.intake.QueueSender;
import org.soarplaybooks.engine.PlaybookBeans;
import org.soarplaybooks.outcome.ActionContext;

/**
 * The intake of one webhook: from a delivery to its incidents durably queued for the playbooks it feeds. A bean per
 * webhook, declared in {@code routes/webhooks.camel.yaml} (properties below); the route calls {@link #admit}
 * (the trust boundary) and then {@link #receive}, which leaves the HTTP answer on the message.
 *
 * <p>{@link #receive} checks, in this order, and answers the first failure ({@link WebhookRejection}):
 * method POST (405), content type {@code application/json} with no charset but UTF-8 (415), size (413; the HTTP
 * server refuses larger bodies before this with the same answer), authentication (401, also for every delivery
 * while no secret is configured), the body's encoding (400: UTF-8 only, no byte order mark), JSON (400), the
 * webhook's JSON Schema ({@code schemas/<schema>.request.json}, checked with {@link ContractCheck}; 400 naming each
 * field), the event id (400). Then:
 * <ul>
 *   <li>a test delivery: audited ({@code test-delivery}), queued nowhere, 200;</li>
 *   <li>an event no playbook reads (e.g. not an incident): audited ({@code ignored}), queued nowhere, 200; so is an
 *       event no loaded playbook of {@code feeds} acts on (its {@code feedOnly} condition, if any);</li>
 *   <li>an event that cannot be read as an incident (400, naming the field);</li>
 *   <li>otherwise, in one broker transaction: a marker carrying the duplicate id {@code <event id>} on the address
 *       {@code webhook.<name>}, and the event's incident on the queue of every fed playbook that acts on it
 *       ({@link QueueSender#sendDelivery}). Only once the broker committed it (journal synced) is it audited
 *       ({@code queued}) and answered 202 {@code {"accepted": true, "eventId"}}. An event id the broker has seen
 *       before on that address is audited ({@code duplicate}) and answered 200 {@code {"duplicate": true}}: nothing
 *       is queued again, by this engine or any other on the same broker. A broker that does not take it (down,
 *       disk full), or a data folder that takes no writes (probed at most once a second), is answered 503,
 *       nothing stored, so the sender's retry is processed.</li>
 * </ul>
 *
 * <p>Audit records ({@code data/audit/*.jsonl}): playbook = the route's playbook name ({@code webhooks}),
 * trigger {@code webhook:<path>}, incident key when the event names one, vendor, operation
 * {@value #OPERATION}, HTTP status answered, {@code requestId} = the event id, result {@value #QUEUED},
 * {@value #DUPLICATE}, {@value #TEST_DELIVERY} or {@value #IGNORED}, reason. Refused deliveries are not audited
 * (anyone can send them); each is one WARN log line without body, signature or secret.
 *
 * <p>Bean properties: {@code dataFolder} (the engine's data folder, {@code {{playbooks.data}}}, for the audit
 * trail), {@code sender} (the engine's {@link QueueSender}, {@code #bean:queueSender}), {@code secret} (empty: the
 * webhook is disabled and answers 401 to everything; logged once at start), {@code maxBodyBytes} (default 1 MiB),
 * {@code toleranceSeconds} (signature timestamps, default 300), {@code feeds} ({@code playbook,playbook}: the
 * playbooks this webhook feeds; one not loaded is left out), {@code feedOnly} ({@link #setFeedOnly}: the events a
 * fed playbook acts on; default: every event). Call {@link #start()} once the properties are set.
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
    private static final Pattern PRINTABLE = Pattern.compile("[\\x21-\\x7e]([\\x20-\\x7e]*[\\x21-\\x7e])?");

    /** Strict JSON: one document, no duplicate member names (what is signed is what is read). */
    static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private final ObjectMapper mapper = PlaybookBeans.newMapper();
    private final ContractCheck contracts = new ContractCheck();
    private final Clock clock;

    private Path dataFolder;
    private QueueSender sender;
    private byte[] secret;
    private long maxBodyBytes = 1024 * 1024;
    private long toleranceSeconds = 300;
    private WebhookFeeds feeds = WebhookFeeds.none();
    private AuditLog audit;
    private WritableFolder dataWritable;

    protected WebhookIntake() {
        this(Clock.systemUTC());
    }

    protected WebhookIntake(Clock clock) {
        this.clock = clock;
    }

    // ---- what each webhook defines --------------------------------------------------------------------------

    /** Short name, e.g. {@code contraforce}: the webhook's broker address {@code webhook.<name>} and log lines. */
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

    /**
     * The canonical incidents of an event that passed the checks.
     *
     * @throws org.soarplaybooks.incident.NormalizationException naming the field when one cannot be read
     */
    protected abstract List<Incident> incidents(JsonNode event);

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

    /** The engine's sender ({@code #bean:queueSender}): the webhook's incidents go to the playbooks' queues. */
    public void setSender(QueueSender sender) {
        this.sender = sender;
    }

    /**
     * {@code playbook,playbook}: the playbooks this webhook feeds (route id or route group): each gets the event's
     * incident on its queue.
     *
     * @throws IllegalArgumentException for an entry that is not a playbook id
     */
    public void setFeeds(String feeds) {
        this.feeds = this.feeds.withFeeds(feeds);
    }

    /**
     * {@code playbook=/json/pointer:value|value,...}: the events a fed playbook acts on ({@link FeedCondition});
     * other events are not queued to it, and the delivery's log line and audit reason say so ({@code not for
     * <playbook>: <why>}). A playbook without an entry gets every event.
     *
     * @throws IllegalArgumentException for an entry of another shape
     */
    public void setFeedOnly(String feedOnly) {
        this.feeds = this.feeds.withFeedOnly(feedOnly);
    }

    /**
     * Readies the webhook once its properties are set: the audit trail, the verifier; logs one line saying whether
     * the webhook is enabled (and how it authenticates) or disabled.
     *
     * @throws IllegalStateException when {@code dataFolder} or {@code sender} is not set, or {@code feedOnly} names
     *         a playbook that is not in {@code feeds}
     */
    public void start() {
        if (dataFolder == null) {
            throw new IllegalStateException("webhook " + name() + ": dataFolder is not set");
        }
        if (sender == null) {
            throw new IllegalStateException("webhook " + name() + ": sender is not set (#bean:queueSender)");
        }
        feeds.check(name());
        audit = new AuditLog(dataFolder.resolve("audit"), mapper);
        dataWritable = new WritableFolder(dataFolder);
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
                feeds.playbooks());
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
        List<String> targets = feeds.loaded(exchange.getContext());
        if (targets.isEmpty()) {
            String why = "none of the playbooks this webhook feeds is loaded " + feeds.playbooks();
            record(exchange, d, event, eventId, 200, IGNORED, why);
            return WebhookAnswer.ignored(eventId, why);
        }
        String notFor = feeds.dropNotFor(targets, event);
        if (targets.isEmpty()) {
            record(exchange, d, event, eventId, 200, IGNORED, notFor);
            return WebhookAnswer.ignored(eventId, notFor);
        }
        List<Incident> incidents;
        try {
            incidents = incidents(event);
        } catch (NormalizationException e) {
            throw rejected(d, WebhookRejection.notAnIncident(path, e.getMessage()));
        }
        String full = dataWritable.cannotWrite();
        if (full != null) {
            // its playbooks could record no outcome (they wait meanwhile), nor this delivery its audit line: the
            // sender keeps the event and sends it again
            LOG.error("webhook {}: event {} not queued (answered 503): the data folder cannot be written ({})", path,
                    eventId, full);
            throw WebhookRejection.notQueued(path);
        }
        try {
            queue(d, eventId, targets, incidents);
        } catch (DuplicateMessageException e) {
            record(exchange, d, event, eventId, 200, DUPLICATE, "event id already queued; not processed again");
            return WebhookAnswer.duplicate(eventId);
        } catch (QueueUnavailableException e) {
            LOG.error("webhook {}: event {} could not be queued (answered 503): {}", path, eventId, e.getMessage());
            throw WebhookRejection.notQueued(path);
        }
        String reason = "queued for " + String.join(", ", targets);
        record(exchange, d, event, eventId, 202, QUEUED, notFor == null ? reason : reason + "; " + notFor);
        LOG.info("webhook {}: event {} queued for {}{}", path, eventId, targets, notFor == null ? "" : "; " + notFor);
        return WebhookAnswer.accepted(eventId);
    }

    /** The event's incidents to each target's queue and its id to the webhook's address, in one transaction. */
    private void queue(Delivery d, String eventId, List<String> targets, List<Incident> incidents) {
        String trigger = "webhook:" + (d.path() == null ? "/webhooks/" + name() : d.path()) + " " + eventId;
        Map<String, List<IncidentMessage>> byPlaybook = new LinkedHashMap<>();
        for (String playbook : targets) {
            byPlaybook.put(playbook, incidents.stream().map(i -> IncidentMessage.of(i, trigger)).toList());
        }
        sender.sendDelivery("webhook." + name(), eventId, byPlaybook);
    }

    private JsonNode parse(Delivery d, String path) {
        if (d.body().length == 0) {
            throw rejected(d, WebhookRejection.invalidJson(path, "the body is empty"));
        }
        String text = utf8(d, path);
        try {
            JsonNode node = STRICT.readTree(text);
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

    /**
     * The body as UTF-8 text: a byte order mark (of any encoding) or bytes that are not UTF-8 (UTF-16 or Latin-1
     * text, say) are refused, so what the playbooks read is what was signed.
     */
    private String utf8(Delivery d, String path) {
        byte[] b = d.body();
        if (b.length >= 3 && (b[0] & 0xff) == 0xEF && (b[1] & 0xff) == 0xBB && (b[2] & 0xff) == 0xBF) {
            throw rejected(d, WebhookRejection.notUtf8(path, "it starts with a UTF-8 byte order mark"));
        }
        if (b.length >= 2 && ((b[0] & 0xff) == 0xFE && (b[1] & 0xff) == 0xFF
                || (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xFE)) {
            throw rejected(d, WebhookRejection.notUtf8(path, "it starts with a UTF-16 byte order mark"));
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b)).toString();
            if (text.indexOf('\u0000') >= 0) {
                throw rejected(d, WebhookRejection.notUtf8(path, "it holds NUL characters (UTF-16 or UTF-32 text?)"));
            }
            return text;
        } catch (CharacterCodingException e) {
            throw rejected(d, WebhookRejection.notUtf8(path, "it holds bytes that are not UTF-8"));
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
        try {
            audit.append(new AuditRecord(now, ActionContext.playbook(exchange), "webhook:" + d.path(),
                    incidentKey(event), vendor(), OPERATION, status, eventId,
                    Math.max(0, Duration.between(d.receivedAt(), now).toMillis()), result, null, reason));
        } catch (java.io.UncheckedIOException e) {
            // the answer stands: what the delivery asked for is on the broker (or was not needed); only the audit
            // line is missing (a full disk, say), and the log says so
            LOG.warn("webhook {}: event {} {}, but its audit record could not be written: {}", d.path(), eventId,
                    result, e.getMessage());
        }
        if (!QUEUED.equals(result)) {
            LOG.info("webhook {}: event {}: {} ({})", d.path(), eventId, result, reason);
        }
    }

    /** Never the secret. */
    @Override
    public String toString() {
        return getClass().getSimpleName() + "[/webhooks/" + name() + ", " + (enabled() ? "enabled" : "disabled")
                + ", feeds " + feeds.playbooks() + "]";
    }
}
