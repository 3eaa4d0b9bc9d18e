package org.soarplaybooks.engine.reload;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hot reload of the playbooks while {@code run} runs: a playbook file ({@code <routes>/*.camel.yaml}) that is saved,
 * added or deleted is applied within about a second, without a restart, and only that file's routes are touched.
 *
 * <p>How a save is applied (logger {@code soar.reload}):
 * <ol>
 *   <li>Noticed through the file system's change events, and by comparing the folder every
 *       {@value #RESCAN_MS} ms where those are not delivered; applied once the file has been quiet for
 *       {@value #QUIET_MS} ms (editors save in bursts), and only when its text differs from the running version.</li>
 *   <li>Checked first ({@link PlaybookFileCheck}). A save is refused, the running version kept, when the check
 *       finds problems, when it declares a route id another file's route has, or when it changes a route
 *       configuration that other files' routes use (Camel builds error handling into a route when the route is
 *       created, so that takes a restart). Each problem is one WARN line {@code <file>:<line>:<column>: error:
 *       <message>}, then one ERROR line says the save was refused.</li>
 *   <li>The file's running routes stop gracefully (triggers first, then its {@code direct:} routes; in-flight
 *       exchanges finish, up to the context's shutdown timeout; files not yet taken stay in the inbox), are
 *       removed, and the new text is loaded as one unit: every route, route configuration and bean of the file.
 *       Kamelet routes no playbook calls any more are removed. One INFO line:
 *       {@code reloaded playbook <group or route id> from <file> (N routes) in X ms}.</li>
 *   <li>If Camel refuses the new text after all, its routes are removed and the previous text is loaded again
 *       (ERROR lines say why).</li>
 *   <li>A new file is loaded the same way ({@code loaded playbook ...}); a deleted file's routes are stopped and
 *       removed ({@code removed playbook ...}).</li>
 * </ol>
 * Route policies of the context (the playbook id of audit records) apply to reloaded routes as to the first ones.
 * One thread ({@code soar-playbook-reload}) does all of it, one file at a time.
 */
public final class PlaybookReloader implements AutoCloseable {

    static final long QUIET_MS = 300;
    static final long RESCAN_MS = 1000;
    private static final Logger LOG = LoggerFactory.getLogger("soar.reload");
    private static final String SUFFIX = ".camel.yaml";

    private final Path routesDir;
    private final PlaybookFileCheck check;
    private PlaybookRoutes routes;
    /** The text of the version running, per file. */
    private final Map<Path, String> running = new HashMap<>();
    /** Size and modification time last seen, per file (the rescan compares them). */
    private final Map<Path, String> seen = new HashMap<>();
    /** Files changed and not applied yet, with when they last changed (System.nanoTime). */
    private final Map<Path, Long> pending = new LinkedHashMap<>();
    private WatchService watcher;
    private Thread thread;
    private volatile boolean stopping;
    private boolean folderUnreadable;

    /**
     * Remembers the text of every playbook file as the version about to run: create it just before Camel loads the
     * folder, so a file saved while Camel starts is reloaded once it runs.
     *
     * @param routesDir the routes folder the engine loads the playbooks from
     * @param check     what a file must pass before it replaces the running version
     * @throws IllegalStateException when the routes folder cannot be read
     */
    public PlaybookReloader(Path routesDir, PlaybookFileCheck check) {
        this.routesDir = routesDir;
        this.check = check;
        for (Path file : playbookFiles()) {
            running.put(file, read(file));
            seen.put(file, stamp(file));
        }
    }

    /**
     * Starts watching the folder and applying saves to {@code context}'s routes.
     *
     * @param context the running Camel context that loaded the playbooks
     */
    public void start(CamelContext context) {
        routes = new PlaybookRoutes(context);
        try {
            watcher = routesDir.getFileSystem().newWatchService();
            routesDir.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                    StandardWatchEventKinds.ENTRY_DELETE);
        } catch (IOException | UnsupportedOperationException e) {
            watcher = null; // the rescan alone notices changes
            LOG.debug("no file change events for {} ({}); comparing the folder every {} ms", routesDir, e, RESCAN_MS);
        }
        thread = new Thread(this::loop, "soar-playbook-reload");
        thread.setDaemon(true);
        thread.start();
        LOG.info("hot reload on: a playbook saved in {} is reloaded (run --no-reload turns this off)", routesDir);
    }

    /** Stops watching; a reload under way finishes first (waits up to 45 s: in-flight work gets 30 s in a reload). */
    @Override
    public void close() {
        stopping = true;
        if (watcher != null) {
            try {
                watcher.close();
            } catch (IOException e) {
                LOG.debug("closing the watch service: {}", e.toString());
            }
        }
        if (thread != null && thread != Thread.currentThread()) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(45));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void loop() {
        long nextRescan = System.nanoTime();
        while (!stopping) {
            try {
                collectEvents();
                if (System.nanoTime() - nextRescan >= 0) {
                    rescan();
                    nextRescan = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(RESCAN_MS);
                }
                for (Path file : due()) {
                    if (stopping) {
                        return;
                    }
                    apply(file);
                }
            } catch (InterruptedException | ClosedWatchServiceException e) {
                if (stopping) {
                    return;
                }
            } catch (RuntimeException e) {
                LOG.error("hot reload: {}", e.toString(), e);
            }
        }
    }

    private void collectEvents() throws InterruptedException {
        if (watcher == null) {
            Thread.sleep(100); // no events: the rescan notices changes
            return;
        }
        WatchKey key = watcher.poll(100, TimeUnit.MILLISECONDS);
        if (key == null) {
            return;
        }
        for (WatchEvent<?> event : key.pollEvents()) {
            if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
                rescan();
            } else if (event.context() instanceof Path name && isPlaybookName(name.getFileName().toString())) {
                markChanged(routesDir.resolve(name));
            }
        }
        key.reset();
    }

    /**
     * Marks every file whose size or modification time changed, appeared or disappeared since last seen. A routes
     * folder that cannot be read now is skipped (one WARN line), never taken as "every playbook deleted".
     */
    private void rescan() {
        Set<Path> now;
        try {
            now = new TreeSet<>(playbookFiles());
            folderUnreadable = false;
        } catch (IllegalStateException e) {
            if (!folderUnreadable) {
                LOG.warn("{}; the running playbooks stay as they are until it can be read again", e.getMessage());
            }
            folderUnreadable = true;
            return;
        }
        Set<Path> all = new TreeSet<>(now);
        all.addAll(running.keySet());
        all.addAll(seen.keySet());
        for (Path file : all) {
            String stamp = now.contains(file) ? stamp(file) : null;
            if (!Objects.equals(stamp, seen.get(file))) {
                markChanged(file);
            }
        }
    }

    private void markChanged(Path file) {
        seen.put(file, stamp(file));
        pending.put(file, System.nanoTime());
    }

    /** The pending files quiet for {@link #QUIET_MS}, removed from the pending ones. */
    private List<Path> due() {
        long now = System.nanoTime();
        List<Path> due = new ArrayList<>();
        pending.entrySet().removeIf(e -> {
            if (now - e.getValue() >= TimeUnit.MILLISECONDS.toNanos(QUIET_MS)) {
                due.add(e.getKey());
                return true;
            }
            return false;
        });
        return due;
    }

    /** Applies the file's current state: load, reload or remove; nothing when its text is the running one. */
    private void apply(Path file) {
        String text = read(file);
        String previous = running.get(file);
        if (Objects.equals(text, previous)) {
            return;
        }
        if (text == null) {
            if (Files.isDirectory(routesDir)) {
                remove(file, previous);
            } // else the whole folder went (a checkout, an unmounted volume): keep running what runs
            return;
        }
        List<String> problems = new ArrayList<>(check.problems(file));
        if (!Objects.equals(text, read(file))) {
            markChanged(file); // saved again while being checked: check the newest text once it is quiet
            return;
        }
        PlaybookFileFacts next = PlaybookFileFacts.of(text);
        if (problems.isEmpty()) {
            problems.addAll(takenRouteIds(file, next));
            problems.addAll(sharedConfigurationChanges(file, next, PlaybookFileFacts.of(previous)));
        }
        if (!problems.isEmpty()) {
            problems.forEach(p -> LOG.warn("{}", p));
            LOG.error("refused {}: {} problem{}; the running version of the playbook is kept", file, problems.size(),
                    problems.size() == 1 ? "" : "s");
            return;
        }
        swap(file, text, previous);
    }

    private void swap(Path file, String text, String previous) {
        long started = System.nanoTime();
        List<Route> old = routes.of(file);
        try {
            routes.stopAndRemove(old);
        } catch (Exception e) {
            LOG.error("{}:1:1: error: cannot stop the running routes: {}; the running version is kept", file,
                    innermost(e));
            return;
        }
        Set<String> ids;
        try {
            ids = routes.load(file, text);
        } catch (Exception e) {
            LOG.warn("{}:1:1: error: {}", file, innermost(e));
            restore(file, previous);
            return;
        }
        running.put(file, text);
        removeUnusedKamelets();
        LOG.info("{} playbook {} from {} ({} route{}) in {} ms", previous == null ? "loaded" : "reloaded",
                playbookName(file), file, ids.size(), ids.size() == 1 ? "" : "s",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }

    /** After Camel refused a new text: removes what it added and loads the previous text again. */
    private void restore(Path file, String previous) {
        try {
            routes.stopAndRemove(routes.of(file));
            if (previous == null) {
                LOG.error("refused {}: Camel cannot load it; nothing of it runs", file);
                return;
            }
            routes.load(file, previous);
            removeUnusedKamelets();
            LOG.error("refused {}: Camel cannot load it; the previous version of the playbook runs again", file);
        } catch (Exception e) {
            running.remove(file);
            LOG.error("refused {}: Camel cannot load it, nor the previous version again ({}); its playbook is "
                    + "stopped until the file is fixed or the engine restarts", file, innermost(e));
        }
    }

    private void remove(Path file, String previous) {
        PlaybookFileFacts facts = PlaybookFileFacts.of(previous);
        List<String> shared = sharedConfigurationChanges(file, PlaybookFileFacts.of(null), facts);
        if (!shared.isEmpty()) {
            shared.forEach(p -> LOG.warn("{}", p));
            LOG.error("refused the deletion of {}: the running version is kept until a restart", file);
            return; // still the running version: putting the same file back changes nothing
        }
        long started = System.nanoTime();
        String name = playbookName(file);
        List<Route> old = routes.of(file);
        try {
            routes.stopAndRemove(old);
        } catch (Exception e) {
            LOG.error("{}: cannot stop the routes of the deleted file: {}", file, innermost(e));
            return;
        }
        running.remove(file);
        removeUnusedKamelets();
        LOG.info("removed playbook {}: {} was deleted, {} route{} stopped and removed in {} ms", name, file,
                old.size(), old.size() == 1 ? "" : "s", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }

    /** A problem line per route id of the new text that a route of another file has. */
    private List<String> takenRouteIds(Path file, PlaybookFileFacts next) {
        List<String> problems = new ArrayList<>();
        for (Route other : routes.notOf(file)) {
            if (next.routeIds().contains(other.getRouteId())) {
                problems.add(file + ":" + next.placeOf(other.getRouteId()) + ": error: route id "
                        + other.getRouteId() + " is already the id of a route of " + other.getSourceLocationShort());
            }
        }
        return problems;
    }

    /**
     * A problem line per route configuration declared by either version whose declaration changed or went, when
     * routes of other files use it: those routes were built with it, so only a restart applies the change.
     */
    private List<String> sharedConfigurationChanges(Path file, PlaybookFileFacts next, PlaybookFileFacts previous) {
        Set<String> ids = new TreeSet<>(previous.routeConfigurationIds());
        ids.addAll(next.routeConfigurationIds());
        if (ids.isEmpty() || next.text().equals(previous.text())) {
            return List.of();
        }
        List<String> problems = new ArrayList<>();
        for (String id : ids) {
            Set<String> users = new TreeSet<>();
            for (Route other : routes.notOf(file)) {
                if (configurationIds(other).contains(id)) {
                    users.add(playbookOf(other));
                }
            }
            if (!users.isEmpty()) {
                PlaybookFileFacts declaring = next.routeConfigurationIds().contains(id) ? next : previous;
                problems.add(file + ":" + declaring.placeOf(id) + ": error: route configuration " + id
                        + " is used by playbooks of other files (" + String.join(", ", users) + "); Camel builds it "
                        + "into each route when the route starts, so a change to this file needs a restart");
            }
        }
        return problems;
    }

    private static Set<String> configurationIds(Route route) {
        Object ids = route.getProperties().get(Route.CONFIGURATION_ID_PROPERTY);
        Set<String> set = new TreeSet<>();
        if (ids != null) {
            for (String id : ids.toString().split(",")) {
                if (!id.isBlank()) {
                    set.add(id.trim());
                }
            }
        }
        return set;
    }

    private void removeUnusedKamelets() {
        try {
            List<String> removed = routes.removeUnusedKamelets();
            if (!removed.isEmpty()) {
                LOG.info("removed Kamelet routes no playbook calls any more: {}", removed);
            }
        } catch (Exception e) {
            LOG.warn("cannot remove unused Kamelet routes: {}", innermost(e));
        }
    }

    /** The playbook names (route group, else route id) of the file's running routes, or the file's base name. */
    private String playbookName(Path file) {
        Set<String> names = new TreeSet<>();
        for (Route r : routes.of(file)) {
            names.add(playbookOf(r));
        }
        if (names.isEmpty()) {
            String name = file.getFileName().toString();
            return name.substring(0, name.length() - SUFFIX.length());
        }
        return String.join(", ", names);
    }

    private static String playbookOf(Route r) {
        return r.getGroup() != null && !r.getGroup().isBlank() ? r.getGroup() : r.getRouteId();
    }

    private List<Path> playbookFiles() {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(routesDir)) {
            for (Path p : ds) {
                if (isPlaybookName(p.getFileName().toString()) && Files.isRegularFile(p)) {
                    files.add(p);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(routesDir + ": cannot read the routes folder: " + e.getMessage(), e);
        }
        return files;
    }

    /** {@code *.camel.yaml}, not hidden (editors' swap and backup files are hidden or end otherwise). */
    private static boolean isPlaybookName(String name) {
        return name.endsWith(SUFFIX) && !name.startsWith(".") && name.length() > SUFFIX.length();
    }

    /** The file's text, or null when it does not exist (any more). */
    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            return "";  // unreadable now: differs from any version, so the check reports it
        }
    }

    private static String stamp(Path file) {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return a.size() + "@" + a.lastModifiedTime().toMillis();
        } catch (IOException e) {
            return null;
        }
    }

    private static String innermost(Throwable e) {
        String reason = e.toString();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                reason = t.getMessage();
            }
        }
        return reason.replaceAll("\\s+", " ").trim();
    }
}
