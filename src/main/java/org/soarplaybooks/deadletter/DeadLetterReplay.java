package org.soarplaybooks.deadletter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.soarplaybooks.io.AtomicFiles;

/**
 * Re-drives dead letters through the playbook they came from.
 *
 * <ul>
 *   <li>A dead letter of an incident that was on a playbook's queue (it holds the {@code incident}): a request
 *       {@code <data>/replay/<playbook>/<id>.json} asks the engine (the one running on the data folder, or the one
 *       {@code replay} starts) to send the incident back to the playbook's queue, marked as the replay of that dead
 *       letter.</li>
 *   <li>Any other (an inbox item that could not be read, a bulk row): its original input item is written back, as
 *       a one-incident input file {@code replay-<id>.json}, into the inbox folder it came from, and is read again
 *       from there.</li>
 * </ul>
 * The playbook then runs it exactly as the first time. When the vendor accepts it, the dead letter goes; when it
 * fails again, the same dead letter is updated (attempts add up, last failure moves): never a second one.
 *
 * <p>Items are written through a hidden temporary file and a rename, so a file trigger never sees half of one.
 * CrowdStrike alerts are wrapped in the {@code {"meta", "errors", "resources"}} envelope their normalizer
 * reads; every other source's normalizer takes a single item as it is.
 */
public final class DeadLetterReplay {

    /** What happened to one dead letter chosen for replay. */
    public record Outcome(DeadLetter deadLetter, String result, String detail) {
        public static final String ACCEPTED = "accepted";
        public static final String FAILED_AGAIN = "failed again";
        public static final String PENDING = "not processed yet";
        public static final String SKIPPED = "skipped";
    }

    private final Path dataDir;
    private final DeadLetterStore store;
    private final ObjectMapper mapper;

    public DeadLetterReplay(Path dataDir, DeadLetterStore store, ObjectMapper mapper) {
        this.dataDir = dataDir;
        this.store = store;
        this.mapper = mapper;
    }

    /**
     * The dead letters a selection names.
     *
     * @param playbook only this playbook's, or null for any
     * @param id       only this id, or null for any
     * @param all      must be true when neither playbook nor id is given (replaying everything is explicit)
     * @throws IllegalArgumentException when nothing narrows the choice and {@code all} is false
     */
    public List<DeadLetter> select(String playbook, String id, boolean all) {
        if (playbook == null && id == null && !all) {
            throw new IllegalArgumentException("name what to replay: --playbook P, --id I, or --all");
        }
        return store.list().stream()
                .filter(d -> playbook == null || playbook.equals(d.playbook()))
                .filter(d -> id == null || id.equals(d.id()))
                .toList();
    }

    /**
     * Writes the replay input file of a dead letter.
     *
     * @return the file written, or empty when the dead letter did not come from an inbox file (nothing to
     *         re-drive it through) or has no original item
     * @throws UncheckedIOException when the inbox cannot be written
     */
    public Optional<Path> writeReplayFile(DeadLetter d) {
        if (d.incident() != null && !d.incident().isNull()) {
            return Optional.of(writeRequest(d));
        }
        if (d.inbox() == null || d.item() == null || d.item().isNull()) {
            return Optional.empty();
        }
        Path inbox = dataDir.resolve(d.inbox()).normalize();
        if (!inbox.startsWith(dataDir.normalize())) {
            return Optional.empty(); // never write outside the data folder
        }
        Path target = inbox.resolve("replay-" + d.id() + ".json");
        try {
            return Optional.of(AtomicFiles.write(target,
                    mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(document(d))));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }

    /**
     * A replay request for a dead letter of an incident that was on a playbook's queue:
     * {@code <data>/replay/<playbook>/<id>.json} ({@code {"playbook", "deadLetter"}}), which the engine's replay
     * intake turns into a message on the playbook's queue (see {@code intake.ReplayIntake}).
     */
    private Path writeRequest(DeadLetter d) {
        Path target = dataDir.resolve(REPLAY_FOLDER).resolve(safe(d.playbook())).resolve(d.id() + ".json");
        ObjectNode request = mapper.createObjectNode();
        request.put("playbook", d.playbook());
        request.put("deadLetter", d.id());
        try {
            return AtomicFiles.write(target, mapper.writeValueAsBytes(request));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }

    /** The folder below the data folder where replay requests wait for the engine. */
    public static final String REPLAY_FOLDER = "replay";

    private static String safe(String name) {
        return name == null ? "unknown" : name.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    /**
     * After the playbook ran: accepted (the dead letter is gone), failed again (updated), or still pending (the
     * replay file or request is still waiting, or the incident is still on its way: queued, or waiting for a retry).
     */
    public Outcome outcomeOf(DeadLetter before, Path replayFile) {
        if (Files.exists(replayFile)) {
            return new Outcome(before, Outcome.PENDING, "still waiting in " + dataDir.relativize(replayFile));
        }
        Path file = store.fileOf(before.playbook(), before.id());
        if (!Files.exists(file)) {
            return new Outcome(before, Outcome.ACCEPTED, "the vendor accepted it; dead letter removed");
        }
        try {
            DeadLetter after = mapper.readValue(file.toFile(), DeadLetter.class);
            if (after.attempts() > before.attempts()) {
                return new Outcome(after, Outcome.FAILED_AGAIN, after.reason());
            }
            if (before.incident() != null) {
                return new Outcome(before, Outcome.PENDING, "queued for " + before.playbook()
                        + ", not done yet (it may be waiting for a retry)");
            }
            Path failedReport = replayFile.resolveSibling(".failed").resolve(replayFile.getFileName() + ".error.json");
            String why = Files.exists(failedReport)
                    ? mapper.readTree(failedReport.toFile()).path("reason").asText() : "no outcome recorded";
            return new Outcome(after, Outcome.FAILED_AGAIN, why);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private JsonNode document(DeadLetter d) {
        if (d.inbox().replace('\\', '/').endsWith("inbox/crowdstrike")) {
            ObjectNode envelope = mapper.createObjectNode();
            envelope.putObject("meta");
            envelope.putArray("errors");
            envelope.putArray("resources").add(d.item());
            return envelope;
        }
        return d.item();
    }

    /** The replay files written for a list of dead letters, in order (empty entries for skipped ones). */
    public List<Optional<Path>> writeAll(List<DeadLetter> chosen) {
        List<Optional<Path>> out = new ArrayList<>();
        for (DeadLetter d : chosen) {
            out.add(writeReplayFile(d));
        }
        return out;
    }
}
