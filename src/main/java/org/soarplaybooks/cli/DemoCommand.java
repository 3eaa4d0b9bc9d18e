package org.soarplaybooks.cli;

import java.util.concurrent.Callable;
import org.soarplaybooks.demo.DemoRun;
import org.soarplaybooks.engine.StartupException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code demo}: real sample incidents through the shipped playbooks against the bundled vendor simulator;
 * prints a summary and exits 0 only when every incident is accounted for (1 otherwise, 2 if it cannot start).
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Replay the bundled real sample incidents through the playbooks against a vendor simulator.")
public class DemoCommand implements Callable<Integer> {

    @Mixin
    LogFormatOption logFormat = new LogFormatOption();

    @Mixin
    FolderOptions folders = new FolderOptions();

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "60",
            description = "Give up waiting for the playbooks after this many seconds (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Option(names = "--dry-run", description = "Build and check every vendor request and audit it as would-send; "
            + "send nothing, not even to the simulator.")
    boolean dryRun;

    @Override
    public Integer call() {
        try {
            DemoRun.Result result = new DemoRun(folders.config, folders.routes, folders.data, timeoutSeconds)
                    .dryRun(dryRun).run(System.out);
            return result.allAccountedFor() ? 0 : 1;
        } catch (StartupException e) {
            System.err.println("error: " + e.getMessage());
            return 2;
        }
    }

}
