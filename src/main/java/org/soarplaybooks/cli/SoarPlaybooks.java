package org.soarplaybooks.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The command line: {@code java -jar soar-playbooks.jar <run|demo|replay|validate> [--config DIR] [--routes DIR] [--data DIR]}.
 * Without a command it runs the playbooks ({@code run}).
 *
 * <p>Exit codes: 0 success; 1 the demo finished with incidents not accounted for; 2 bad usage (unknown option),
 * or the engine cannot start (missing or unreadable config, broken playbook file, unknown mapping value), with a
 * one-line {@code error: <file>: <reason>} on standard error.
 */
@Command(name = "soar-playbooks", mixinStandardHelpOptions = true, version = "soar-playbooks 0.1.0",
        description = "Security-automation playbooks as Apache Camel YAML routes.",
        subcommands = {RunCommand.class, DemoCommand.class, ReplayCommand.class, ValidateCommand.class})
public class SoarPlaybooks {

    private static final Set<String> TOP_LEVEL_ONLY = Set.of("-h", "--help", "-V", "--version");

    /** Builds the command line with the project's error handling (one line, exit 2). */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new SoarPlaybooks());
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            commandLine.getErr().println("error: " + ex.getMessage());
            return 2;
        });
        cl.setParameterExceptionHandler((ex, args) -> {
            ex.getCommandLine().getErr().println("error: " + ex.getMessage() + " (see --help)");
            return 2;
        });
        return cl;
    }

    /**
     * Runs the command line and returns the exit code. Arguments that name no command mean {@code run}.
     */
    public static int execute(String... args) {
        CommandLine cl = commandLine();
        List<String> list = new ArrayList<>(List.of(args));
        boolean namesCommand = list.stream().anyMatch(a -> cl.getSubcommands().containsKey(a));
        boolean topLevel = list.size() == 1 && TOP_LEVEL_ONLY.contains(list.get(0));
        if (!namesCommand && !topLevel) {
            list.add(0, "run");
        }
        return cl.execute(list.toArray(String[]::new));
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }
}
