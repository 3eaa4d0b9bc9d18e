package org.soarplaybooks.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.soarplaybooks.validate.Finding;
import org.soarplaybooks.validate.PlaybookValidator;
import org.soarplaybooks.validate.Severity;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code validate [FILES...]}: checks playbooks and the mapping file offline (see {@link PlaybookValidator});
 * starts no trigger, HTTP server or route. Without FILES it checks every {@code <routes>/*.camel.yaml} and
 * {@code <config>/mapping.yaml}.
 *
 * <p>Prints one line per finding, {@code <file>:<line>:<column>: error|warning: <message>}, then
 * {@code <N> files, <E> errors, <W> warnings}. Exit codes: 0 no errors (warnings allowed); 1 at least one error;
 * 2 the config folder (or, without FILES, the routes folder) does not exist.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check playbooks and the mapping file without running them: YAML, the Camel YAML DSL, "
                + "Kamelet names and properties, mapping values, placeholders.")
public class ValidateCommand implements Callable<Integer> {

    @Mixin
    FolderOptions folders = new FolderOptions();

    @Parameters(paramLabel = "FILES", arity = "0..*",
            description = "Playbook (*.camel.yaml), mapping (mapping.yaml) or Kamelet (*.kamelet.yaml) files "
                    + "(default: every *.camel.yaml of --routes and mapping.yaml of --config).")
    List<Path> files;

    @Override
    public Integer call() {
        PrintStream out = System.out;
        Path config = folders.configOr(Path.of("config"));
        Path routes = folders.routesOr(Path.of("routes"));
        if (!Files.isDirectory(config)) {
            System.err.println("error: " + config + ": config folder not found (set --config)");
            return 2;
        }
        PlaybookValidator validator = new PlaybookValidator(config, routes);
        List<Path> chosen = files;
        if (chosen == null || chosen.isEmpty()) {
            if (!Files.isDirectory(routes)) {
                System.err.println("error: " + routes + ": routes folder not found (set --routes)");
                return 2;
            }
            try {
                chosen = validator.defaultFiles();
            } catch (IOException e) {
                System.err.println("error: " + routes + ": cannot read: " + e.getMessage());
                return 2;
            }
        }
        List<Finding> findings = validator.validateAll(chosen);
        findings.forEach(out::println);
        long errors = findings.stream().filter(f -> f.severity() == Severity.ERROR).count();
        long warnings = findings.size() - errors;
        out.println(count(chosen.size(), "file") + ", " + count(errors, "error") + ", " + count(warnings, "warning"));
        return errors > 0 ? 1 : 0;
    }

    private static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
