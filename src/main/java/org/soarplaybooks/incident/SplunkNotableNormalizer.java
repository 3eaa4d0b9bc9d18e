package org.soarplaybooks.incident;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Turns Splunk Enterprise Security notable events into {@link Incident}s.
 *
 * <p>Input: notable events as Splunk search returns them (e.g. {@code `notable`} run through the search REST API
 * with {@code output_mode=json}), using Splunk's documented notable-event fields: {@code event_id},
 * {@code rule_title}, {@code rule_name}, {@code status} (review status id {@code 0}–{@code 5}, usually a string),
 * {@code status_label}, {@code urgency}, {@code owner}, {@code disposition} ({@code disposition:N}) and
 * {@code _time}. No licensed sample exists; the test fixture under {@code src/test/resources/fixtures/splunk/} is
 * ours. Document shapes: a single notable object (has {@code event_id}), a JSON array of notables, or the search
 * results envelope {@code {"preview": false, "fields": [...], "results": [notable, ...]}}.
 *
 * <p>Mapping: id = {@code event_id}; number = null; workspace = null (Splunk has no tenant field on a notable);
 * title = {@code rule_title}, else {@code rule_name}; severity = {@code urgency} (e.g. {@code high}); status = the
 * review status <b>label</b> ({@link #STATUSES}): a numeric {@code status} is turned into its ES default label
 * (0 Unassigned, 1 New, 2 In Progress, 3 Pending, 4 Resolved, 5 Closed), a {@code status} that is already a label
 * is kept, and without {@code status} the {@code status_label} is used; classification and classificationReason
 * = {@code disposition} as sent (e.g. {@code disposition:1}, {@link #DISPOSITIONS}): Splunk's disposition
 * ("True Positive - Suspicious Activity") is a verdict and its reason in one, so it fills both fields and the
 * mapping file's {@code splunk.classification} / {@code splunk.classificationReason} tables each translate their
 * half; classificationComment = null; owner = {@code owner}; createdAt = {@code _time} (ISO-8601 with zone, or epoch
 * <b>seconds</b> with optional fraction, as string or number); updatedAt = null; raw = the notable object.
 * Statuses and dispositions an ES administrator added beyond the defaults are rejected (their meaning is site
 * specific). Stateless and thread-safe.
 */
public final class SplunkNotableNormalizer extends DocumentNormalizer {

    /** Source name used in error messages. */
    public static final String SOURCE_NAME = "Splunk Enterprise Security";

    /** ES default review status labels; the index is the numeric status id (Splunk ES "Notable Event Statuses"). */
    public static final List<String> STATUSES =
            List.of("Unassigned", "New", "In Progress", "Pending", "Resolved", "Closed");

    /**
     * ES default dispositions: {@code disposition:0} Unassigned (found in Splunk's integrations, not in ES's
     * pages), 1 True Positive - Suspicious Activity, 2 Benign Positive - Suspicious But Expected, 3 False Positive
     * - Incorrect Analytic Logic, 4 False Positive - Inaccurate Data, 5 Other, 6 Undetermined (the default).
     */
    public static final List<String> DISPOSITIONS = List.of("disposition:0", "disposition:1", "disposition:2",
            "disposition:3", "disposition:4", "disposition:5", "disposition:6");

    private static final String EXPECTED = "a Splunk ES notable event with \"event_id\", a JSON array of"
            + " them or search results {\"results\": [...]}";

    /** A normalizer; stateless and thread-safe. */
    public SplunkNotableNormalizer() {
        super(SOURCE_NAME);
    }

    /**
     * Normalizes a Splunk notable-event document.
     *
     * @param document the JSON text
     * @return the notables in document order (empty for {@code []} or {@code "results": []})
     * @throws NormalizationException if the text is not valid JSON, has none of the accepted shapes (the message
     *         names {@code results} and {@code event_id}), a notable lacks {@code event_id} or both {@code status}
     *         and {@code status_label}, a status or disposition is not an ES default, a field has the wrong JSON
     *         type, or {@code _time} is neither a zoned date-time nor epoch seconds; the message names the JSON
     *         Pointer (e.g. {@code /results/1/status}), the bad value and the allowed ones
     */
    @Override
    List<Incident> normalize(JsonNode root) {
        if (root.isArray()) {
            return json.items(root, "", "notable events", this::notable);
        }
        json.requireObject(root, "", EXPECTED);
        if (root.has("results")) {
            return json.items(root.get("results"), "/results", "notable events", this::notable);
        }
        if (root.has("event_id")) {
            return List.of(notable(root, ""));
        }
        throw json.error("", "must be " + EXPECTED + ", but has neither \"results\" nor \"event_id\"");
    }

    private Incident notable(JsonNode node, String at) {
        json.requireObject(node, at, "a Splunk ES notable event object");
        String disposition = json.optionalOneOf(node, at, "disposition", DISPOSITIONS);
        return new Incident(
                IncidentSource.SPLUNK,
                json.requiredIdentifier(node, at, "event_id"),
                null,
                null,
                json.firstText(node, at, "rule_title", "rule_name"),
                json.optionalText(node, at, "urgency"),
                status(node, at),
                disposition,
                disposition,
                null,
                json.optionalText(node, at, "owner"),
                json.optionalInstantOrEpochSeconds(node, at, "_time"),
                null,
                node);
    }

    private String status(JsonNode node, String at) {
        String status = json.optionalIdentifier(node, at, "status");
        if (status == null || status.isBlank()) {
            if (json.optionalText(node, at, "status_label") == null) {
                throw json.error(JsonInput.child(at, "status"), "is missing (and there is no \"status_label\")");
            }
            return json.requiredOneOf(node, at, "status_label", STATUSES);
        }
        String pointer = JsonInput.child(at, "status");
        if (status.chars().allMatch(Character::isDigit)) {
            int id = status.length() > 2 ? Integer.MAX_VALUE : Integer.parseInt(status);
            if (id >= STATUSES.size()) {
                throw json.error(pointer, "has unknown status '" + status + "' (allowed: 0 to "
                        + (STATUSES.size() - 1) + " or " + String.join(", ", STATUSES) + ")");
            }
            return STATUSES.get(id);
        }
        return json.checkOneOf(status, pointer, "status", STATUSES);
    }
}
