package org.soarplaybooks.validate;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Bean references Camel cannot resolve at start-up ("No bean could be found in the registry for: ..."): the
 * {@code ref} of a {@code bean} step, a {@code method} expression or a {@code process} step must name a bean the
 * engine binds ({@link #ENGINE_BEANS}) or one a playbook of the routes folder declares under {@code beans:} (every
 * playbook file of the folder is read, as {@code run} loads them together). Finding: {@code routes/a.camel.yaml:
 * 12:18: error: bean 'sentineloneRequest' is not known (did you mean 'sentineloneRequests'?): neither the engine
 * nor a beans: entry of the routes folder binds it}. References that are placeholders ({@code {{...}}}) are left
 * to the placeholder check.
 */
final class BeanRefCheck {

    /**
     * The beans the engine binds for playbooks (engine {@code PlaybookBeans} and {@code Observability}; the engine's
     * tests check each one is in its registry).
     */
    static final List<String> ENGINE_BEANS = List.of("normalizers", "mapping", "contraforceRequests",
            "contraforceActions", "outcomes", "failureReports", "sentineloneRequests", "sentineloneActions",
            "onetrustActions", "adversarialActions", "onetrustRequests", "adversarialRequests", "bulkInbox", "intake",
            "queueSender", "incidents", "queueReadiness", "vendorCircuits", "metricsRegistry",
            "dataFolderReadiness");

    private final TreeSet<String> declared = new TreeSet<>();

    /** Records the beans a playbook document declares ({@code - beans: [{name: ...}]}). */
    void declare(YamlDocument doc) {
        doc.forEachNode((path, node) -> {
            if (path.size() == 4 && "beans".equals(path.get(1)) && "name".equals(path.get(3))) {
                String name = YamlDocument.text(node);
                if (name != null) {
                    declared.add(name);
                }
            }
        });
    }

    /** The findings of one playbook document: each reference to a bean nobody binds or declares. */
    List<Finding> check(YamlDocument doc) {
        List<Finding> out = new ArrayList<>();
        doc.forEachNode((path, node) -> {
            if (path.size() < 2 || !"ref".equals(path.get(path.size() - 1))) {
                return;
            }
            Object parent = path.get(path.size() - 2);
            if (!"bean".equals(parent) && !"method".equals(parent) && !"process".equals(parent)) {
                return;
            }
            String ref = YamlDocument.text(node);
            if (ref == null || ref.contains("{{") || ENGINE_BEANS.contains(ref) || declared.contains(ref)) {
                return;
            }
            List<String> known = new ArrayList<>(ENGINE_BEANS);
            known.addAll(declared);
            String hint = NearestName.hint(ref, known);
            out.add(Finding.error(doc.file(), YamlDocument.start(node), "bean '" + ref + "' is not known"
                    + (hint.startsWith(" (did you mean") ? hint : "") + ": neither the engine nor a beans: entry"
                    + " of the routes folder binds it"));
        });
        return out;
    }
}
