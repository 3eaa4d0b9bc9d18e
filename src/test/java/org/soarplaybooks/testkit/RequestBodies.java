package org.soarplaybooks.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reading what a vendor received: JSON bodies, fields by path, and one-line descriptions for failure messages. */
final class RequestBodies {

    private static final int BODY_CHARS = 400;
    private static final Pattern INDEX = Pattern.compile("\\[(\\d+)]");
    private static final Pattern FORM_SECRET = Pattern.compile("(?i)(client_secret|password)=[^&]*");

    private RequestBodies() {
    }

    /** The request's body as JSON; a missing node when it is empty or not JSON. */
    static JsonNode json(LoggedRequest r) {
        String body = r.getBodyAsString();
        if (body == null || body.isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            return PlaybookHarness.JSON.readTree(body);
        } catch (IOException e) {
            return MissingNode.getInstance();
        }
    }

    /**
     * The node at a dotted path with indexes ({@code items[0].status}) or a JSON pointer ({@code /items/0/status});
     * a missing node when there is none.
     */
    static JsonNode jsonAt(JsonNode root, String field) {
        if (field.startsWith("/")) {
            return root.at(field);
        }
        StringBuilder pointer = new StringBuilder();
        for (String segment : field.split("\\.")) {
            String name = segment.replaceFirst("\\[.*$", "");
            if (!name.isEmpty()) {
                pointer.append('/').append(name.replace("~", "~0").replace("/", "~1"));
            }
            Matcher index = INDEX.matcher(segment);
            while (index.find()) {
                pointer.append('/').append(index.group(1));
            }
        }
        return root.at(pointer.toString());
    }

    /**
     * Parses JSON text.
     *
     * @throws java.io.UncheckedIOException when it is not JSON
     */
    static JsonNode parse(String json) {
        return PlaybookHarness.json(json);
    }

    /**
     * {@code PUT /path {"compact":"json"}}: a form body with its {@code client_secret} / {@code password} masked,
     * a body longer than 400 characters cut. Headers (Authorization) are never shown.
     */
    static String describe(LoggedRequest r) {
        String body = r.getBodyAsString() == null ? "" : r.getBodyAsString();
        JsonNode json = json(r);
        String shown = json.isMissingNode() ? FORM_SECRET.matcher(body).replaceAll("$1=***") : json.toString();
        if (shown.length() > BODY_CHARS) {
            shown = shown.substring(0, BODY_CHARS) + "... (" + shown.length() + " chars)";
        }
        return r.getMethod().value() + " " + r.getUrl() + (shown.isBlank() ? "" : " " + shown);
    }
}
