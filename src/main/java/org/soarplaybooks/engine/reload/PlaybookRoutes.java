package org.soarplaybooks.engine.reload;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.EndpointAware;
import org.apache.camel.Processor;
import org.apache.camel.Route;
import org.apache.camel.component.kamelet.KameletEndpoint;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;

/**
 * The Camel side of a reload: which running routes came from a playbook file, stopping them gracefully, loading a
 * file's text, and removing the Kamelet routes no playbook calls any more.
 *
 * <p>Routes are matched to files by their source resource, {@code file:<absolute normalized path>}, the location
 * camel-main gave them at start ({@code camel.main.routesIncludePattern}); routes this class loads get the same
 * location, so a file's routes are found the same way after any number of reloads.
 */
final class PlaybookRoutes {

    private final CamelContext context;

    PlaybookRoutes(CamelContext context) {
        this.context = context;
    }

    /** The resource location of a playbook file, as camel-main names it. */
    static String location(Path file) {
        return "file:" + file.toAbsolutePath().normalize();
    }

    /** The running routes loaded from {@code file} (none made from a Kamelet), in start order. */
    List<Route> of(Path file) {
        String location = location(file);
        return context.getRoutes().stream().filter(r -> !r.isCreatedByKamelet())
                .filter(r -> r.getSourceResource() != null && location.equals(r.getSourceResource().getLocation()))
                .toList();
    }

    /** The running routes not loaded from {@code file} (Kamelet routes excluded). */
    List<Route> notOf(Path file) {
        String location = location(file);
        return context.getRoutes().stream().filter(r -> !r.isCreatedByKamelet())
                .filter(r -> r.getSourceResource() == null || !location.equals(r.getSourceResource().getLocation()))
                .toList();
    }

    /**
     * Stops the routes gracefully, then removes them (their definitions and the endpoints only they used go too).
     * Routes fed from outside (files, HTTP, schedules) stop first, so their in-flight exchanges finish through the
     * playbook's internal ({@code direct:}/{@code seda:}) routes, which stop last. Each stop waits for the route's
     * in-flight exchanges up to the context's shutdown timeout ({@code camel.main.shutdownTimeout}, seconds); a file
     * trigger leaves the files it has not started in the inbox for the next version.
     *
     * @throws Exception when Camel cannot stop or remove a route
     */
    void stopAndRemove(List<Route> routes) throws Exception {
        List<Route> ordered = new ArrayList<>(routes);
        ordered.sort(Comparator.comparing(PlaybookRoutes::isInternal));
        for (Route r : ordered) {
            context.getRouteController().stopRoute(r.getRouteId());
        }
        for (Route r : ordered) {
            context.removeRoute(r.getRouteId());
        }
    }

    private static boolean isInternal(Route r) {
        String scheme = r.getEndpoint().getEndpointUri().split(":", 2)[0];
        return scheme.equals("direct") || scheme.equals("seda");
    }

    /**
     * Loads a playbook file's text as {@code file}'s routes (and route configurations, beans) and starts them.
     *
     * @return the ids of the routes loaded
     * @throws Exception when Camel refuses the text (the routes it added before failing stay; see {@link #of})
     */
    Set<String> load(Path file, String text) throws Exception {
        Resource resource = ResourceHelper.fromString(location(file), text);
        return PluginHelper.getRoutesLoader(context).updateRoutes(List.of(resource));
    }

    /**
     * Stops and removes the Kamelet routes no playbook route calls any more (directly or through another Kamelet),
     * with their {@code kamelet:} endpoints, so a later {@code kamelet:} call makes a fresh one.
     *
     * @return the ids of the Kamelet routes removed
     * @throws Exception when Camel cannot stop or remove one
     */
    List<String> removeUnusedKamelets() throws Exception {
        Set<String> used = new HashSet<>();
        Deque<Route> toVisit = new ArrayDeque<>(context.getRoutes().stream().filter(r -> !r.isCreatedByKamelet()).toList());
        while (!toVisit.isEmpty()) {
            for (String kameletRoute : kameletsCalledBy(toVisit.pop())) {
                Route called = context.getRoute(kameletRoute);
                if (used.add(kameletRoute) && called != null) {
                    toVisit.push(called);
                }
            }
        }
        List<String> removed = new ArrayList<>();
        for (Route r : List.copyOf(context.getRoutes())) {
            if (r.isCreatedByKamelet() && !used.contains(r.getRouteId())) {
                context.getRouteController().stopRoute(r.getRouteId());
                context.removeRoute(r.getRouteId());
                for (Endpoint e : List.copyOf(context.getEndpointRegistry().values())) {
                    if (e instanceof KameletEndpoint k && r.getRouteId().equals(k.getRouteId())) {
                        context.removeEndpoint(e);
                    }
                }
                removed.add(r.getRouteId());
            }
        }
        return removed;
    }

    /** The Kamelet route ids a route sends to ({@code to: kamelet:...} steps, at any depth). */
    private static Set<String> kameletsCalledBy(Route route) {
        Set<String> ids = new HashSet<>();
        for (Processor p : route.filter("*")) {
            if (p instanceof EndpointAware aware && aware.getEndpoint() instanceof KameletEndpoint k
                    && !"source".equals(k.getTemplateId()) && !"sink".equals(k.getTemplateId())) {
                ids.add(k.getRouteId());
            }
        }
        return ids;
    }
}
