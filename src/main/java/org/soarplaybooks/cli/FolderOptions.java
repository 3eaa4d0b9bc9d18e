package org.soarplaybooks.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The folder options every command shares. Null means "the command's default". */
public class FolderOptions {

    @Option(names = "--config", paramLabel = "DIR",
            description = "Folder with application.properties and mapping.yaml (default: config).")
    Path config;

    @Option(names = "--routes", paramLabel = "DIR",
            description = "Folder whose *.camel.yaml files are the playbooks (default: routes).")
    Path routes;

    @Option(names = "--data", paramLabel = "DIR",
            description = "Data folder: inbox/, dead-letter/, audit/, state/ (default: data; the demo uses a new "
                    + "temporary folder).")
    Path data;

    Path configOr(Path dflt) {
        return config == null ? dflt : config;
    }

    Path routesOr(Path dflt) {
        return routes == null ? dflt : routes;
    }

    Path dataOr(Path dflt) {
        return data == null ? dflt : data;
    }
}
