package org.soarplaybooks.validate;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Step ids that Camel refuses at start-up: a step id ({@code id:} of a {@code from}, a step, a {@code when}, an
 * {@code otherwise}) used twice, in one playbook file or in two (Camel: "Duplicate id detected ... Please correct
 * ids to be unique among all your routes"), and a route id used twice. Every playbook file of the routes folder is
 * read, so a file checked alone is still checked against the others {@code run} loads with it. Finding:
 * {@code routes/a.camel.yaml:52:33: error: step id 'log-skipped' is also used in routes/b.camel.yaml:48:33: step ids
 * must be unique across all playbooks (rename one)}.
 */
final class StepIdCheck {

    /** Where one id is written. */
    private record Use(Path file, Position at) {
    }

    private final Map<String, List<Use>> steps = new LinkedHashMap<>();
    private final Map<String, List<Use>> routes = new LinkedHashMap<>();

    /** Records the ids of one playbook document. */
    void add(YamlDocument doc) {
        doc.forEachNode((path, node) -> {
            if (path.isEmpty() || !"id".equals(path.get(path.size() - 1))) {
                return;
            }
            String id = YamlDocument.text(node);
            if (id == null || path.contains("parameters") || path.contains("properties") || path.contains("beans")) {
                return;
            }
            boolean routeId = path.size() == 3 && "route".equals(path.get(1));
            if (path.size() == 3 && !routeId) {
                return; // the id of a routeConfiguration, a template, ...: not a step
            }
            (routeId ? routes : steps).computeIfAbsent(id, k -> new ArrayList<>())
                    .add(new Use(doc.file(), YamlDocument.start(node)));
        });
    }

    /** The findings for {@code file}: each of its ids also used elsewhere (another file, or earlier in it). */
    List<Finding> check(Path file) {
        List<Finding> out = new ArrayList<>();
        report(file, steps, "step id", "step ids must be unique across all playbooks (rename one)", out);
        report(file, routes, "route id", "route ids must be unique across all playbooks (rename one)", out);
        return out;
    }

    private static void report(Path file, Map<String, List<Use>> ids, String what, String rule, List<Finding> out) {
        ids.forEach((id, uses) -> {
            if (uses.size() < 2) {
                return;
            }
            for (Use u : uses) {
                if (!u.file().equals(file)) {
                    continue;
                }
                Use other = uses.stream().filter(o -> o != u).findFirst().orElseThrow();
                String where = other.file().equals(file) ? "line " + other.at().line()
                        : other.file() + ":" + other.at().line() + ":" + other.at().column();
                out.add(Finding.error(file, u.at(), what + " '" + id + "' is also used at " + where + ": " + rule));
            }
        });
    }
}
