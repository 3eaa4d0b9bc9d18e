package org.soarplaybooks.engine;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * The checks that run before Camel starts, and the translation of Camel's start-up failures into one line that
 * names the file and the reason (the CLI prints it and exits 2).
 */
final class StartupChecks {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern YAML_FILE = Pattern.compile("([\\w./\\\\:-]*?([\\w.-]+\\.camel\\.yaml))");

    private StartupChecks() {
    }

    /**
     * Reads {@code application.properties}.
     *
     * @throws StartupException "FILE: file not found", "FILE: cannot read: ..." or "FILE: invalid: ..."
     */
    static Properties loadProperties(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return PlaybookEngine.readProperties(in);
        } catch (NoSuchFileException e) {
            throw new StartupException(file + ": file not found (set --config to the folder holding it)");
        } catch (IOException | IllegalArgumentException e) {
            throw new StartupException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** The playbook files of a routes folder, sorted by name. */
    static List<Path> playbookFiles(Path routesDir) {
        if (!Files.isDirectory(routesDir)) {
            throw new StartupException(routesDir + ": routes folder not found (set --routes)");
        }
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(routesDir, "*.camel.yaml")) {
            ds.forEach(files::add);
        } catch (IOException e) {
            throw new StartupException(routesDir + ": cannot read: " + e.getMessage(), e);
        }
        files.sort(null);
        return files;
    }

    /**
     * Each playbook file must be readable YAML whose top level is a list (the Camel YAML DSL shape).
     *
     * @throws StartupException "FILE:LINE:COLUMN: reason" for the first broken file
     */
    static void checkPlaybooks(Path routesDir) {
        for (Path f : playbookFiles(routesDir)) {
            checkPlaybook(f);
        }
    }

    /**
     * One playbook file must be readable YAML whose top level is a list.
     *
     * @throws StartupException "FILE:LINE:COLUMN: reason" or "FILE: reason"
     */
    private static void checkPlaybook(Path f) {
        JsonNode doc;
        try {
            doc = YAML.readTree(f.toFile());
        } catch (JsonProcessingException e) {
            throw new StartupException(f + yamlProblem(e), e);
        } catch (IOException e) {
            throw new StartupException(f + ": cannot read: " + e.getMessage(), e);
        }
        if (doc != null && !doc.isMissingNode() && !doc.isNull() && !doc.isArray()) {
            throw new StartupException(f + ": a playbook file must be a YAML list of Camel elements "
                    + "(- route:, - routeConfiguration:, - beans:), not a " + doc.getNodeType().name().toLowerCase());
        }
    }

    /** {@code :LINE:COLUMN: invalid YAML: <problem>} on one line, from snakeyaml's marked exception if present. */
    private static String yamlProblem(JsonProcessingException e) {
        if (e.getCause() instanceof MarkedYAMLException m && m.getProblemMark() != null) {
            String what = (m.getContext() == null ? "" : m.getContext() + ": ") + m.getProblem();
            return ":" + (m.getProblemMark().getLine() + 1) + ":" + (m.getProblemMark().getColumn() + 1)
                    + ": invalid YAML: " + what.replaceAll("\\s+", " ").trim();
        }
        JsonLocation loc = e.getLocation();
        String where = loc == null ? "" : ":" + loc.getLineNr() + ":" + loc.getColumnNr();
        return where + ": invalid YAML: " + firstLine(e.getOriginalMessage());
    }

    /**
     * Turns a Camel start-up failure into one line: the playbook file it names (if any) and the innermost reason.
     */
    static StartupException explain(Throwable failure, Path routesDir) {
        if (failure instanceof StartupException se) {
            return se;
        }
        String file = null;
        String reason = null;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (m == null) {
                continue;
            }
            if (file == null) {
                Matcher matcher = YAML_FILE.matcher(m);
                if (matcher.find()) {
                    file = routesDir.resolve(matcher.group(2)).toString();
                }
            }
            if (t instanceof StartupException se) {
                return se;
            }
            reason = firstLine(m);
        }
        if (reason == null) {
            reason = failure.getClass().getSimpleName();
        }
        return new StartupException((file == null ? routesDir.toString() : file) + ": " + reason, failure);
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).trim();
    }
}
