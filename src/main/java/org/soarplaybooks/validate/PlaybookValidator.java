package org.soarplaybooks.validate;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;

/**
 * Checks playbook files and the mapping file the way the engine will read them, without starting anything (no
 * trigger, no HTTP server, no Camel context): for playbook authors ({@code soar-playbooks validate}) and for
 * reloading playbooks while the engine runs.
 *
 * <p>What each file gets:
 * <ul>
 *   <li>every file: YAML syntax (the parser's line and column) and keys given twice;</li>
 *   <li>a playbook ({@code *.camel.yaml}, or any file that is neither of the two below): the Camel YAML DSL schema
 *       ({@link DslSchemaCheck}), the Kamelets it uses ({@link KameletCheck}) and its property placeholders
 *       ({@link PlaceholderCheck}, warnings);</li>
 *   <li>the mapping file ({@code mapping.yaml}): the engine's start-up check ({@link MappingCheck});</li>
 *   <li>a Kamelet ({@code *.kamelet.yaml}): its definition and template ({@link KameletFileCheck}).</li>
 * </ul>
 * Every call reads {@code <config>/application.properties} and the routes folder's Kamelets afresh, so edits are
 * seen; the Camel schema is read once per process. Reusable and thread-safe.
 */
public final class PlaybookValidator {

    private static final String PLAYBOOK_SUFFIX = ".camel.yaml";
    private static final String MAPPING_FILE = "mapping.yaml";

    private final Path configDir;
    private final Path routesDir;
    private final UnaryOperator<String> env;

    /**
     * @param configDir folder holding {@code application.properties} and {@code mapping.yaml} (e.g. {@code config})
     * @param routesDir folder holding the playbooks and any custom {@code *.kamelet.yaml} (e.g. {@code routes})
     */
    public PlaybookValidator(Path configDir, Path routesDir) {
        this(configDir, routesDir, System::getenv);
    }

    /** As {@link #PlaybookValidator(Path, Path)}, with the environment looked up through {@code env} (tests). */
    PlaybookValidator(Path configDir, Path routesDir, UnaryOperator<String> env) {
        this.configDir = Objects.requireNonNull(configDir, "configDir");
        this.routesDir = Objects.requireNonNull(routesDir, "routesDir");
        this.env = Objects.requireNonNull(env, "env");
    }

    /** The files {@code validate} checks when given none: every {@code <routes>/*.camel.yaml} (sorted), then
     * {@code <config>/mapping.yaml}.
     *
     * @throws IOException when the routes folder cannot be listed (e.g. it does not exist)
     */
    public List<Path> defaultFiles() throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(routesDir, "*" + PLAYBOOK_SUFFIX)) {
            ds.forEach(files::add);
        }
        files.sort(null);
        files.add(configDir.resolve(MAPPING_FILE));
        return files;
    }

    /**
     * Checks one file.
     *
     * @param file a playbook, the mapping file or a Kamelet; shown in findings as given
     * @return the findings in line order; empty when the file is fine. A missing file is one error finding.
     */
    public List<Finding> validate(Path file) {
        return validateAll(List.of(file));
    }

    /**
     * Checks several files against the same configuration and Kamelets.
     *
     * @return the findings, file by file in the order given, each file's in line order
     */
    public List<Finding> validateAll(List<Path> files) {
        if (files.stream().anyMatch(f -> !fileName(f).equals(MAPPING_FILE))) {
            // the Camel schema is the slow part of a first run: read it while the other files are parsed
            CompletableFuture.runAsync(DslSchemaCheck::preload);
        }
        ConfigProperties config = ConfigProperties.read(configDir.resolve("application.properties"), env);
        KameletCatalog catalog = KameletCatalog.of(routesDir);
        DslSchemaCheck schema = new DslSchemaCheck();
        KameletCheck kamelets = new KameletCheck(catalog, config);
        PlaceholderCheck placeholders = new PlaceholderCheck(config, catalog);
        KameletFileCheck kameletFiles = new KameletFileCheck(schema, placeholders);
        StepIdCheck stepIds = new StepIdCheck();
        BeanRefCheck beanRefs = new BeanRefCheck();
        for (YamlDocument doc : routesFolderDocs(files)) {
            stepIds.add(doc);
            beanRefs.declare(doc);
        }
        List<Finding> all = new ArrayList<>();
        for (Path file : files) {
            List<Finding> found = new ArrayList<>();
            List<YamlDocument> docs;
            try {
                docs = YamlDocument.readAll(file);
            } catch (YamlDocument.Unreadable e) {
                all.add(e.finding());
                continue;
            }
            docs.forEach(d -> found.addAll(d.duplicateKeys()));
            String name = fileName(file);
            if (name.equals(MAPPING_FILE)) {
                if (found.isEmpty()) {
                    YamlDocument doc = docs.isEmpty() ? null : docs.get(0);
                    found.addAll(doc == null ? new MappingCheck().checkEmpty(file) : new MappingCheck().check(doc));
                }
            } else if (isPlaybook(file)) {
                for (YamlDocument doc : docs) {
                    found.addAll(schema.check(doc));
                    found.addAll(kamelets.check(doc));
                    found.addAll(placeholders.check(doc));
                    found.addAll(beanRefs.check(doc));
                }
                found.addAll(stepIds.check(file));
            } else {
                docs.forEach(doc -> found.addAll(kameletFiles.check(doc)));
            }
            found.sort(Finding.IN_FILE_ORDER);
            all.addAll(found);
        }
        return all;
    }

    /**
     * The documents of the files given and of every other playbook in the routes folder ({@code run} loads them
     * together), for the checks across files (step ids, declared beans); files that cannot be read count with none.
     */
    private List<YamlDocument> routesFolderDocs(List<Path> files) {
        Map<Path, Path> shown = new LinkedHashMap<>();
        files.stream().filter(PlaybookValidator::isPlaybook)
                .forEach(f -> shown.putIfAbsent(f.toAbsolutePath().normalize(), f));
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(routesDir, "*" + PLAYBOOK_SUFFIX)) {
            ds.forEach(f -> shown.putIfAbsent(f.toAbsolutePath().normalize(), f));
        } catch (IOException | RuntimeException e) {
            // no routes folder: only the files given
        }
        List<YamlDocument> docs = new ArrayList<>();
        for (Path f : shown.values()) {
            try {
                docs.addAll(YamlDocument.readAll(f));
            } catch (YamlDocument.Unreadable e) {
                // reported when the file itself is checked
            }
        }
        return docs;
    }

    /** Playbook checks apply to every file that is neither the mapping file nor a Kamelet. */
    private static boolean isPlaybook(Path file) {
        String name = fileName(file);
        return !name.equals(MAPPING_FILE) && !name.endsWith(KameletCatalog.SUFFIX);
    }

    private static String fileName(Path file) {
        return file.getFileName() == null ? "" : file.getFileName().toString();
    }
}
