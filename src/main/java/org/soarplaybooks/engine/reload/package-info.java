/**
 * Hot reload of the playbook files while {@code run} runs.
 *
 * <p>{@link org.soarplaybooks.engine.reload.PlaybookReloader} watches the routes folder and applies a saved, added or
 * deleted {@code *.camel.yaml} to the running Camel context, one file at a time, after
 * {@link org.soarplaybooks.engine.reload.PlaybookFileCheck} passed it. {@code PlaybookRoutes} does the Camel side
 * (graceful stop and removal of a file's routes, loading its text, removing Kamelet routes no playbook calls);
 * {@code PlaybookFileFacts} reads the route and route configuration ids a file declares.
 *
 * <p>Why not camel-main's own reload ({@code camel.main.routesReloadEnabled}, Camel's
 * {@code RouteWatcherReloadStrategy}): it loads a saved file without any check first, by default stops and
 * removes every route of the application on each save ({@code routesReloadRemoveAllRoutes=true}), and with that off
 * it never removes the routes of a deleted file.
 */
package org.soarplaybooks.engine.reload;
