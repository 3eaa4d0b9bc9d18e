package org.soarplaybooks.intake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.soarplaybooks.core.queue.IncidentMessage;
import org.soarplaybooks.deadletter.DeadLetter;
import org.soarplaybooks.deadletter.DeadLetterReplay;
import org.soarplaybooks.deadletter.DeadLetterStore;
import org.soarplaybooks.incident.Incident;

/**
 * Sends dead letters back to their playbook's queue on request: the engine's route {@value #ROUTE_ID} takes each
 * request {@code <data>/replay/<playbook>/<id>.json} ({@code {"playbook", "deadLetter"}}, written by
 * {@code replay}, see {@link DeadLetterReplay}) and sends the dead letter's incident to the queue of its playbook,
 * with trigger {@code replay <id>} and {@code replayOf} = the dead letter's id: the dead letter goes once that
 * incident's update is accepted, or is updated when it fails again. The request is deleted once the message is
 * committed (the message's duplicate id, the dead letter's id and last failure, keeps a request taken twice from
 * queueing it twice). A request naming a dead letter that is gone is dropped with one INFO line; one that cannot
 * be sent (the broker is down) stays and is taken again.
 */
public final class ReplayIntake {

    public static final String ROUTE_ID = "replay-requests";

    private static final Logger LOG = LoggerFactory.getLogger("soar.replay");

    private final QueueSender sender;
    private final DeadLetterStore deadLetters;
    private final ObjectMapper mapper;

    public ReplayIntake(QueueSender sender, DeadLetterStore deadLetters, ObjectMapper mapper) {
        this.sender = sender;
        this.deadLetters = deadLetters;
        this.mapper = mapper;
    }

    /** The route that takes the requests in {@code <dataDir>/replay/} (polled every {@code pollDelay} ms). */
    public RouteBuilder route(Path dataDir, long pollDelay) {
        Path folder = dataDir.resolve(DeadLetterReplay.REPLAY_FOLDER).toAbsolutePath();
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("file:" + folder + "?recursive=true&include=.*\\.json&delete=true&delay=" + pollDelay
                        + "&readLock=none").routeId(ROUTE_ID).group("replay")
                        .process(ReplayIntake.this::take);
            }
        };
    }

    /**
     * Takes one request: sends the dead letter's incident to its playbook's queue.
     *
     * @throws org.soarplaybooks.core.queue.QueueUnavailableException when the broker does not take it (the request stays)
     */
    void take(Exchange exchange) throws IOException {
        Path file = Path.of(exchange.getMessage().getHeader(Exchange.FILE_PATH, String.class));
        JsonNode request = mapper.readTree(Files.readAllBytes(file));
        String playbook = request.path("playbook").asText(null);
        String id = request.path("deadLetter").asText(null);
        Optional<DeadLetter> found = playbook == null || id == null ? Optional.empty()
                : deadLetters.get(playbook, id);
        if (found.isEmpty() || found.get().incident() == null) {
            LOG.info("replay request {}: dead letter {} of {} is gone (accepted or replayed already); nothing to do",
                    file.getFileName(), id, playbook);
            return;
        }
        DeadLetter d = found.get();
        Incident incident = mapper.treeToValue(d.incident(), Incident.class);
        IncidentMessage m = new IncidentMessage(incident, "replay " + d.id(), 0, null, d.id());
        QueueSender.Sent sent = sender.send(d.playbook(), List.of(m),
                List.of("replay:" + d.id() + ":" + d.lastFailure()));
        if (sent.queued() == 1) {
            LOG.info("replay: dead letter {} ({}) sent back to {}", d.id(), d.incidentKey(), d.playbook());
        } else {
            LOG.info("replay: dead letter {} was sent back to {} already", d.id(), d.playbook());
        }
    }
}
