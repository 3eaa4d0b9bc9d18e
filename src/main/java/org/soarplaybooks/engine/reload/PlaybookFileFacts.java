package org.soarplaybooks.engine.reload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a playbook file declares, read from its YAML text before Camel sees it: the ids of its routes
 * ({@code - route: id: ...}) and of its route configurations ({@code - routeConfiguration: id: ...}). The reloader
 * uses them to refuse a save that would take over another file's route id or change error handling other files'
 * routes were built with.
 *
 * @param routeIds             route ids, in file order
 * @param routeConfigurationIds route configuration ids, in file order
 * @param text                 the file's text (to point a problem at the line declaring an id)
 */
record PlaybookFileFacts(Set<String> routeIds, Set<String> routeConfigurationIds, String text) {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** The facts of a file's text; an unreadable text declares nothing (the file check reports why). */
    static PlaybookFileFacts of(String text) {
        Set<String> routes = new LinkedHashSet<>();
        Set<String> configurations = new LinkedHashSet<>();
        if (text != null) {
            try {
                JsonNode doc = YAML.readTree(text);
                if (doc != null && doc.isArray()) {
                    for (JsonNode element : doc) {
                        addId(element.path("route"), routes);
                        addId(element.path("routeConfiguration"), configurations);
                    }
                }
            } catch (IOException e) {
                // not YAML: no ids; the file check refuses it
            }
        }
        return new PlaybookFileFacts(Collections.unmodifiableSet(routes), Collections.unmodifiableSet(configurations),
                text == null ? "" : text);
    }

    private static void addId(JsonNode element, Set<String> ids) {
        JsonNode id = element.path("id");
        if (id.isTextual() && !id.asText().isBlank()) {
            ids.add(id.asText());
        }
    }

    /** {@code LINE:COLUMN} of the {@code id: <id>} line declaring {@code id} (1-based), or {@code 1:1}. */
    String placeOf(String id) {
        Pattern declaration = Pattern.compile("^(\\s*(?:-\\s+)?)id:\\s*[\"']?" + Pattern.quote(id) + "[\"']?\\s*(#.*)?$");
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher m = declaration.matcher(lines[i].stripTrailing());
            if (m.matches()) {
                return (i + 1) + ":" + (m.group(1).length() + 1);
            }
        }
        return "1:1";
    }
}
