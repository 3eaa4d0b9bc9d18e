package org.soarplaybooks.validate;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.soarplaybooks.mapping.MappingException;
import org.soarplaybooks.mapping.StatusMapping;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;

/**
 * Checks the mapping file with the engine's own start-up check ({@link StatusMapping#load}) and turns each of its
 * problems ({@code <file>: <key path>: <reason>}) into an error finding at the key or value it names, e.g.
 * {@code config/mapping.yaml:33:13: error: sentinel.status.Active: 'Actve' is not a ContraForce Status (allowed:
 * Active, New, Closed)}. Key paths are dotted ({@code privacy-register.links.Sentinel:1505.onetrustIncident});
 * keys that contain dots themselves are matched against the file's real keys.
 */
final class MappingCheck {

    private static final Pattern SYNTAX = Pattern.compile("^:(\\d+):(\\d+): (.*)$", Pattern.DOTALL);

    List<Finding> check(YamlDocument doc) {
        try {
            StatusMapping.load(doc.file());
            return List.of();
        } catch (MappingException e) {
            List<Finding> out = new ArrayList<>();
            for (String problem : e.problems()) {
                out.add(finding(doc, problem));
            }
            return out;
        }
    }

    /** A mapping file without any YAML document: what the start-up check says of it. */
    List<Finding> checkEmpty(java.nio.file.Path file) {
        try {
            StatusMapping.load(file);
            return List.of();
        } catch (MappingException e) {
            String name = file.toString();
            return e.problems().stream().map(p -> Finding.error(file, Position.START,
                    p.startsWith(name + ": ") ? p.substring(name.length() + 2) : p)).toList();
        }
    }

    private static Finding finding(YamlDocument doc, String problem) {
        String name = doc.file().toString();
        String rest = problem.startsWith(name) ? problem.substring(name.length()) : ": " + problem;
        Matcher syntax = SYNTAX.matcher(rest);
        if (syntax.matches()) {
            return Finding.error(doc.file(), new Position(Integer.parseInt(syntax.group(1)),
                    Integer.parseInt(syntax.group(2))), "invalid YAML: " + syntax.group(3));
        }
        String message = rest.startsWith(": ") ? rest.substring(2) : rest.strip();
        int sep = message.indexOf(": ");
        if (sep < 0) {
            return Finding.error(doc.file(), Position.START, message);
        }
        String keyPath = message.substring(0, sep);
        String reason = message.substring(sep + 2);
        List<Object> path = new ArrayList<>();
        boolean complete = resolve(doc.root(), keyPath, path);
        if (path.isEmpty()) {
            return Finding.error(doc.file(), Position.START, message);
        }
        String lastKey = (String) path.get(path.size() - 1);
        boolean aboutKey = !complete || reason.startsWith("'" + lastKey + "'") || reason.startsWith("unknown ")
                || reason.contains(" is the same ");
        return Finding.error(doc.file(), aboutKey ? doc.keyPosition(path) : doc.valuePosition(path), message);
    }

    /**
     * Matches a dotted key path against the mapping keys of the document, adding the keys matched to {@code out}.
     *
     * @return whether the whole path matched (false: {@code out} holds the longest prefix that did)
     */
    static boolean resolve(Node node, String dotted, List<Object> out) {
        List<Object> best = List.of();
        for (NodeTuple t : YamlDocument.entries(node).values()) {
            String key = YamlDocument.text(t.getKeyNode());
            if (key == null) {
                continue;
            }
            if (dotted.equals(key)) {
                out.add(key);
                return true;
            }
            if (dotted.startsWith(key + ".")) {
                List<Object> sub = new ArrayList<>();
                sub.add(key);
                if (resolve(t.getValueNode(), dotted.substring(key.length() + 1), sub)) {
                    out.addAll(sub);
                    return true;
                }
                if (sub.size() > best.size()) {
                    best = sub;
                }
            }
        }
        out.addAll(best);
        return false;
    }
}
