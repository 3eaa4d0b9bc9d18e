package org.soarplaybooks.intake;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ServiceStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.soarplaybooks.core.queue.IncidentMessage;
import org.soarplaybooks.core.queue.PlaybookQueues;
import org.soarplaybooks.core.queue.QueueClient;
import org.soarplaybooks.core.queue.QueueUnavailableException;
import org.soarplaybooks.inbox.FailureReports;
import org.soarplaybooks.incident.Incident;
import org.soarplaybooks.incident.NormalizationException;
import org.soarplaybooks.outcome.ActionContext;
import org.soarplaybooks.outcome.Outcomes;
import org.soarplaybooks.problem.ProblemDetails;

/**
 * The inbox folders' intake (bean {@code intake}): an inbox route calls the method of its source ({@code sentinel},
 * {@code sentinelOne}, {@code defenderXdr}, {@code qradar}, {@code splunk}, {@code crowdStrike}, {@code contraForce})
 * on the file the folder trigger took, and each incident of the file becomes one message on the queue of the
 * route's playbook (its {@code group}, see {@link PlaybookQueues}).
 *
 * <ul>
 *   <li>Streamed ({@link ItemStream}): the file is never in memory as a whole; messages are committed in chunks of
 *       {@value #CHUNK} incidents, each message with the duplicate id {@code file:<hash>:<item>:<n>} (the hash of the
 *       file's modification time and content: the same file taken again has the same ids; a copy dropped again,
 *       with a new time, is taken anew), and
 *       the progress is recorded after each chunk ({@link IntakeProgress}), so a file taken again after a stop or
 *       a crash sends nothing twice.</li>
 *   <li>An item that cannot be read as an incident becomes its own dead letter (operation {@code read-input}, the
 *       item as it was, the field and the reason); the rest of the file goes on.</li>
 *   <li>The file then moves to {@code .done/}; one that cannot be read at all (not JSON, empty, a shape the source
 *       does not have, a symbolic link, which is never followed) moves to {@code .failed/} with
 *       {@code <name>.error.json} saying why (a file that breaks half-way after some items: those items are queued,
 *       the report says how many).</li>
 *   <li>A file the engine cannot finish because it is stopping, the broker is unavailable or a disk write failed
 *       stays where it is and is taken again (resuming after its last recorded chunk); one WARN line says why.</li>
 * </ul>
 * The route's file trigger moves the file where the exchange property {@value #MOVE_TO} says:
 * {@code move: "${exchangeProperty.inboxMoveTo}"}.
 */
public final class InboxIntake {

    /** Exchange property: where the file trigger moves the file (absolute path). */
    public static final String MOVE_TO = "inboxMoveTo";

    /** Incidents per committed chunk. */
    static final int CHUNK = 500;

    private static final Logger LOG = LoggerFactory.getLogger("soar.inbox");

    private final QueueClient queues;
    private final QueueSender sender;
    private final Outcomes outcomes;
    private final FailureReports reports;
    private final ObjectMapper mapper;
    private final Path dataDir;
    /** The last reason each file was kept, so a file that keeps failing the same way is logged once. */
    private final Map<Path, String> kept = new ConcurrentHashMap<>();

    public InboxIntake(QueueClient queues, QueueSender sender, Outcomes outcomes, FailureReports reports,
            ObjectMapper mapper, Path dataDir) {
        this.queues = queues;
        this.sender = sender;
        this.outcomes = outcomes;
        this.reports = reports;
        this.mapper = mapper;
        this.dataDir = dataDir.toAbsolutePath().normalize();
    }

    /** Microsoft Sentinel incidents: {@code {"value": [...]}}, one incident, or an automation-rule envelope. */
    public void sentinel(Exchange exchange) {
        take(exchange, InboxSource.SENTINEL);
    }

    /** SentinelOne threats: {@code {"data": [...]}} (v2.1 or flat v2.0), {@code {"data": threat}}, or a threat. */
    public void sentinelOne(Exchange exchange) {
        take(exchange, InboxSource.SENTINELONE);
    }

    /** Microsoft Defender XDR incidents: {@code {"value": [...]}} or one (legacy API or Microsoft Graph). */
    public void defenderXdr(Exchange exchange) {
        take(exchange, InboxSource.DEFENDER_XDR);
    }

    /** IBM QRadar offenses: {@code [...]} or one. */
    public void qradar(Exchange exchange) {
        take(exchange, InboxSource.QRADAR);
    }

    /** Splunk ES notable events: {@code [...]}, {@code {"results": [...]}} or one. */
    public void splunk(Exchange exchange) {
        take(exchange, InboxSource.SPLUNK);
    }

    /** CrowdStrike Falcon alerts: {@code {"meta", "errors", "resources": [...]}}. */
    public void crowdStrike(Exchange exchange) {
        take(exchange, InboxSource.CROWDSTRIKE);
    }

    /** ContraForce incident webhook events: one envelope or {@code [...]}. */
    public void contraForce(Exchange exchange) {
        take(exchange, InboxSource.CONTRAFORCE);
    }

    private void take(Exchange exchange, InboxSource source) {
        String path = exchange.getMessage().getHeader(Exchange.FILE_PATH, String.class);
        if (path == null) {
            throw new IllegalStateException("the intake reads inbox files: call it from a file trigger");
        }
        Path file = Path.of(path).toAbsolutePath().normalize();
        String playbook = ActionContext.playbook(exchange);
        FileRun run = new FileRun(exchange, file, playbook, source);
        try {
            try {
                run.take();
            } catch (RuntimeException e) {
                throw e instanceof KeepFile ? e : new KeepFile("the intake failed: " + e, e);
            }
            kept.remove(file);
        } catch (KeepFile e) {
            String reason = e.getMessage();
            if (!reason.equals(kept.put(file, reason))) {
                LOG.warn("{}: file {} stays in the inbox, to be taken again: {}", playbook, file.getFileName(),
                        reason);
            }
            exchange.setRollbackOnly(true); // the file trigger leaves the file where it is
        }
    }

    /** The file must stay in the inbox, to be taken again (the reason is the message). */
    private static final class KeepFile extends RuntimeException {
        KeepFile(String reason, Throwable cause) {
            super(reason, cause, false, false);
        }
    }

    /** The intake of one file. */
    private final class FileRun {
        private final Exchange exchange;
        private final Path file;
        private final String name;
        private final String playbook;
        private final String queue;
        private final InboxSource source;
        private final List<IncidentMessage> chunk = new ArrayList<>(CHUNK);
        private final List<String> chunkIds = new ArrayList<>(CHUNK);
        private String hash;
        private IntakeProgress progress;
        private int queued;
        private int deadLettered;
        private int duplicates;

        FileRun(Exchange exchange, Path file, String playbook, InboxSource source) {
            this.exchange = exchange;
            this.file = file;
            this.name = file.getFileName().toString();
            this.playbook = playbook;
            this.queue = PlaybookQueues.of(playbook);
            this.source = source;
        }

        void take() {
            if (Files.isSymbolicLink(file)) {
                failed(name + " is a symbolic link; inbox files are read where they are, never through a link",
                        null);
                return;
            }
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                failed(name + " is not a regular file", null);
                return;
            }
            try {
                queues.ensureQueue(queue);
                hash = IntakeProgress.hashOf(file);
                progress = new IntakeProgress(dataDir.resolve("state"), playbook, hash, mapper);
                int done = progress.itemsDone();
                read(done);
                progress.clear();
            } catch (Unreadable e) {
                clearProgress();
                failed(e.getMessage(), e.getCause());
                return;
            } catch (AccessDeniedException e) {
                failed(name + " cannot be read: " + e.getMessage(), e);
                return;
            } catch (IOException e) {
                throw new KeepFile("a disk read or write failed: " + e, e);
            } catch (UncheckedIOException e) {
                throw new KeepFile("a disk write failed: " + e.getCause(), e);
            } catch (QueueUnavailableException e) {
                throw new KeepFile(e.getMessage(), e);
            }
            moveTo(".done");
            if (queued + deadLettered + duplicates > 0 || LOG.isDebugEnabled()) {
                LOG.info("{}: file {}: {} incident(s) queued{}{}", playbook, name, queued,
                        deadLettered == 0 ? "" : ", " + deadLettered + " could not be read (dead letters)",
                        duplicates == 0 ? "" : ", " + duplicates + " queued before (not again)");
            }
        }

        /** Reads the items after the first {@code done}, queues them chunk by chunk. */
        private void read(int done) throws IOException {
            int index = 0;
            try (InputStream in = new BufferedInputStream(Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS),
                    64 * 1024); ItemStream items = new ItemStream(in, mapper, source.listFields(),
                    source.arrays())) {
                JsonNode next;
                while ((next = items.next()) != null) {
                    JsonNode item = next;
                    index++;
                    if (index <= done) {
                        continue;
                    }
                    if (items.whole()) {
                        whole(item);
                        break;
                    }
                    add(index, item, () -> source.item(item));
                    if (chunk.size() >= CHUNK) {
                        flush(index);
                    }
                }
                flush(index);
                if (!items.whole() && items.items() == 0) {
                    // an empty list, or no list at all: the document itself says why (an error answer, say)
                    source.document(items.envelope());
                }
            } catch (ItemStream.EmptyDocumentException e) {
                throw unreadable(source.displayName() + ": document is empty: no JSON in it", e);
            } catch (ItemStream.ArrayDocumentException e) {
                try {
                    source.document(mapper.createArrayNode()); // the normalizer names the shapes it takes
                } catch (NormalizationException shapes) {
                    throw unreadable(shapes.getMessage(), e);
                }
                throw unreadable(source.displayName() + ": document is a JSON array", e);
            } catch (ItemStream.TrailingContentException e) {
                flushQuietly(index);
                throw unreadable(source.displayName() + ": document is not valid JSON: " + e.getMessage()
                        + afterItems(), e);
            } catch (JsonProcessingException e) {
                flushQuietly(index);
                JsonLocation at = e.getLocation();
                throw unreadable(source.displayName() + ": document is not valid JSON: "
                        + firstLine(e.getOriginalMessage())
                        + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")")
                        + afterItems(), e);
            } catch (NormalizationException e) {
                throw unreadable(e.getMessage(), e);
            }
        }

        /** A document that is one item: a readable incident with a bad value is a dead letter; no incident at all
         * is an unreadable file. */
        private void whole(JsonNode document) throws IOException {
            List<Incident> incidents;
            try {
                incidents = source.document(document);
            } catch (NormalizationException e) {
                if (e.field() == null || e.field().isEmpty() || !source.singles()) {
                    throw e; // not a shape the source has
                }
                deadLetter(1, document, e);
                return;
            }
            add(1, document, () -> incidents);
            flush(1);
        }

        private void add(int index, JsonNode item, java.util.function.Supplier<List<Incident>> read) {
            List<Incident> incidents;
            try {
                incidents = read.get();
            } catch (NormalizationException e) {
                deadLetter(index, item, e);
                return;
            }
            for (int n = 0; n < incidents.size(); n++) {
                chunk.add(IncidentMessage.of(incidents.get(n), "file:" + name + " #" + index));
                chunkIds.add("file:" + hash + ":" + index + ":" + n);
            }
        }

        private void deadLetter(int index, JsonNode item, NormalizationException e) {
            String id = source.idOf(item);
            String key = source.keyPrefix() + ":" + (id != null ? id : "(" + name + " #" + index + ")");
            outcomes.deadLetterInput(playbook, "file:" + name + " #" + index, relative(file.getParent()), key,
                    item, ProblemDetails.of(null, "INVALID_INCIDENT", "The item cannot be read as an incident",
                            "item " + index + " of " + name + ": " + e.getMessage()));
            deadLettered++;
        }

        /** Commits the chunk, then records the progress. */
        private void flush(int index) throws IOException {
            if (chunk.isEmpty()) {
                return;
            }
            stopIfStopping();
            // part of this chunk may have been queued just before a crash: the broker refuses those
            QueueSender.Sent sent = sender.send(playbook, chunk, chunkIds);
            queued += sent.queued();
            duplicates += sent.duplicates();
            chunk.clear();
            chunkIds.clear();
            progress.record(name, index);
        }

        private void clearProgress() {
            try {
                progress.clear();
            } catch (IOException e) {
                throw new KeepFile("a disk write failed: " + e, e);
            }
        }

        private void flushQuietly(int index) {
            try {
                flush(index);
            } catch (IOException | RuntimeException e) {
                throw new KeepFile("a disk write or the broker failed: " + e.getMessage(), e);
            }
        }

        private String afterItems() {
            return queued == 0 && deadLettered == 0 ? "; nothing of it was queued"
                    : "; the " + (queued + deadLettered) + " incident(s) before that were taken (" + queued
                            + " queued, " + deadLettered + " dead letters)";
        }

        private Unreadable unreadable(String reason, Throwable cause) {
            return new Unreadable(reason, cause);
        }

        private void failed(String reason, Throwable cause) {
            Path report = reports.write(file, playbook, reason,
                    cause == null ? null : cause.getClass().getName());
            moveTo(".failed");
            LOG.warn("{}: file {} failed: {} (report: {})", playbook, name, reason, relative(report));
        }

        private void moveTo(String folder) {
            exchange.setProperty(MOVE_TO, file.resolveSibling(folder).resolve(name).toString());
        }

        private void stopIfStopping() {
            if (stopping(exchange.getContext(), exchange.getFromRouteId()) || Thread.currentThread().isInterrupted()) {
                throw new KeepFile("the engine is stopping (" + queued + " incident(s) of it queued so far; the rest"
                        + " follows when it is taken again)", null);
            }
        }

        /** Thrown inside {@link #read}: the file goes to {@code .failed/}. */
        private final class Unreadable extends RuntimeException {
            Unreadable(String reason, Throwable cause) {
                super(reason, cause, false, false);
            }
        }
    }

    private String relative(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        return abs.startsWith(dataDir) ? dataDir.relativize(abs).toString() : abs.toString();
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "unreadable input";
        }
        int eol = text.indexOf('\n');
        return (eol < 0 ? text : text.substring(0, eol)).strip();
    }

    private static boolean stopping(CamelContext context, String routeId) {
        if (context.isStopping() || context.isStopped()) {
            return true;
        }
        ServiceStatus status = routeId == null ? null : context.getRouteController().getRouteStatus(routeId);
        return status != null && (status.isStopping() || status.isStopped());
    }
}
