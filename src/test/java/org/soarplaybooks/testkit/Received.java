package org.soarplaybooks.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A fluent expectation on the requests one vendor received: started by
 * {@link VendorRequests#received(HttpMethod, String)}, narrowed by {@link #withJson}, {@link #withBody},
 * {@link #withQuery} and {@link #withHeader}, counted by {@link #times}. Every step checks at once (waiting, at most
 * 20 s, until it holds or the engine has nothing left in flight) and throws an {@link AssertionError} naming the
 * playbook, the vendor, the expected request and every request each vendor received.
 *
 * <p>Paths: {@code *} stands for any text within one path segment
 * ({@code /api/v2/workspaces/*}{@code /incidents/Sentinel/1505/status}); the query string is ignored unless the
 * expected path has one.
 */
public final class Received {

    private final VendorRequests vendor;
    private final List<String> expected = new ArrayList<>();
    private final List<Predicate<LoggedRequest>> tests = new ArrayList<>();

    Received(VendorRequests vendor, HttpMethod method, String path) {
        this.vendor = vendor;
        Pattern pattern = pathPattern(path);
        boolean withQuery = path.contains("?");
        expected.add(method + " " + path);
        tests.add(r -> r.getMethod().value().equals(method.name())
                && pattern.matcher(withQuery ? r.getUrl() : r.getUrl().replaceFirst("\\?.*", "")).matches());
        atLeastOne();
    }

    /**
     * Keeps the requests whose JSON body has {@code value} at {@code field}.
     *
     * @param field a dotted path with array indexes ({@code status}, {@code data.incidentStatus},
     *              {@code items[0].incidentSource}, {@code filter.ids[1]}) or a JSON pointer ({@code /filter/ids/1})
     * @param value a string (compared with the field's text), a number, a boolean, or null (the field is JSON null
     *              or absent)
     */
    public Received withJson(String field, Object value) {
        expected.add("JSON " + field + " = " + (value instanceof String ? "\"" + value + "\"" : value));
        tests.add(r -> matches(RequestBodies.jsonAt(RequestBodies.json(r), field), value));
        return atLeastOne();
    }

    /** Keeps the requests whose JSON body equals {@code json} (as JSON: field order and spacing do not count). */
    public Received withBody(String json) {
        JsonNode want = RequestBodies.parse(json);
        expected.add("body " + want);
        tests.add(r -> want.equals(RequestBodies.json(r)));
        return atLeastOne();
    }

    /** Keeps the requests whose query string has parameter {@code name} with exactly {@code value}. */
    public Received withQuery(String name, String value) {
        expected.add("query " + name + " = " + value);
        tests.add(r -> r.queryParameter(name).isPresent() && r.queryParameter(name).values().contains(value));
        return atLeastOne();
    }

    /** Keeps the requests carrying header {@code name} with exactly {@code value}. */
    public Received withHeader(String name, String value) {
        expected.add("header " + name + " = " + value);
        tests.add(r -> value.equals(r.getHeader(name)));
        return atLeastOne();
    }

    /** Exactly {@code count} requests matched everything so far. */
    public Received times(int count) {
        List<LoggedRequest> matching = vendor.playbook().settled(() -> matching().size() == count, this::matching);
        if (matching.size() != count) {
            throw vendor.failure("received " + matching.size() + " × " + description() + ", expected " + count);
        }
        return this;
    }

    /** Exactly one request matched everything so far. */
    public Received once() {
        return times(1);
    }

    /** The JSON body of the last matching request (for further AssertJ checks). */
    public JsonNode body() {
        List<LoggedRequest> m = matching();
        return RequestBodies.json(m.get(m.size() - 1));
    }

    /** The matching requests, oldest first. */
    public List<LoggedRequest> requests() {
        return matching();
    }

    private Received atLeastOne() {
        List<LoggedRequest> matching = vendor.playbook().settled(() -> !matching().isEmpty(), this::matching);
        if (matching.isEmpty()) {
            throw vendor.failure("did not receive " + description());
        }
        return this;
    }

    private List<LoggedRequest> matching() {
        return vendor.requests().stream().filter(r -> tests.stream().allMatch(t -> t.test(r))).toList();
    }

    private String description() {
        return expected.get(0) + (expected.size() > 1
                ? " with " + String.join(", ", expected.subList(1, expected.size())) : "");
    }

    private static Pattern pathPattern(String path) {
        StringBuilder regex = new StringBuilder();
        for (String literal : path.split("\\*", -1)) {
            if (regex.length() > 0) {
                regex.append("[^/?]*");
            }
            regex.append(Pattern.quote(literal));
        }
        return Pattern.compile(regex.toString());
    }

    private static boolean matches(JsonNode node, Object value) {
        if (value == null) {
            return node.isMissingNode() || node.isNull();
        }
        if (value instanceof Number n) {
            return node.isNumber() && node.decimalValue().compareTo(new BigDecimal(n.toString())) == 0;
        }
        if (value instanceof Boolean b) {
            return node.isBoolean() && node.booleanValue() == b;
        }
        return node.isValueNode() && !node.isNull() && node.asText().equals(value.toString());
    }
}
