package org.soarplaybooks.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;

/**
 * What became of an input file the playbook took from its inbox.
 *
 * @param name        the file's name in the inbox, e.g. {@code incident-1505-active-rapid7.json}
 * @param inbox       the inbox folder below {@code data/inbox/}, e.g. {@code sentinel}
 * @param file        where the file is now: {@code data/inbox/<inbox>/.done/<name>} or {@code .../.failed/<name>}
 * @param errorReport the {@code <name>.error.json} beside a failed file (its text), null when done
 * @param result      the {@code <name>.result.json} a bulk file gets (counts and every row's outcome), null if none
 */
public record Input(String name, String inbox, Path file, String errorReport, JsonNode result) {

    /** The file moved to {@code .done/}: every incident in it is sent or dead-lettered. */
    public boolean isDone() {
        return errorReport == null;
    }

    /** The file moved to {@code .failed/}: it could not be read or mapped; {@link #errorReport()} says why. */
    public boolean isFailed() {
        return errorReport != null;
    }
}
