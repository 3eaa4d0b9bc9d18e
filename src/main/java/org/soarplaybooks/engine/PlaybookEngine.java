package org.soarplaybooks.engine;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.apache.camel.CamelContext;
import org.apache.camel.main.SimpleMainShutdownStrategy;
import org.apache.camel.main.Main;
import org.soarplaybooks.dryrun.DryRun;
import org.soarplaybooks.dryrun.DryRunAnswers;
import org.soarplaybooks.engine.reload.PlaybookReloader;
import org.soarplaybooks.http.LazyTlsHttpComponent;
import org.soarplaybooks.intake.ReplayIntake;
import org.soarplaybooks.runtime.broker.BrokerException;
import org.soarplaybooks.runtime.broker.BrokerService;
import org.soarplaybooks.runtime.broker.BrokerSettings;
import org.soarplaybooks.validate.Finding;
import org.soarplaybooks.validate.PlaybookValidator;

/**
 * Runs the playbooks: a camel-main {@link Main} configured from the CLI's folders.
 *
 * <ul>
 *   <li>Properties: {@code <config>/application.properties}, then {@link EngineOptions#overrides()}; values
 *       may read environment variables with {@code {{env:NAME:default}}}. {@code playbooks.data} and
 *       {@code playbooks.config} are set to the absolute data and config folders.</li>
 *   <li>Routes: every {@code <routes>/*.camel.yaml} from the file system, each loaded by Camel once and each of
 *       its beans created once ({@link PlaybookYamlLoader}).</li>
 *   <li>Kamelets: {@code classpath:kamelets} (the vendor actions shipped in the jar).</li>
 *   <li>Beans: the Java pieces playbooks call by name (see {@link PlaybookBeans}).</li>
 *   <li>Dry run ({@code playbooks.dry-run=true}): vendor calls are built, checked and audited as
 *       {@code would-send}, never sent ({@link DryRun}).</li>
 * </ul>
 * Checks before start: the config and routes folders exist and are readable, the properties file parses, each
 * playbook file is valid YAML, the mapping file is valid, and no other engine runs on the data folder
 * ({@link EngineLock}). Each failure is a {@link StartupException} with one
 * line naming the file and the reason.
 * With {@link EngineOptions#reload()} a saved playbook file is reloaded while the engine runs
 * ({@link PlaybookReloader}, checked first by {@code validate}'s {@link PlaybookValidator}: errors refuse the save,
 * warnings do not).
 */
public final class PlaybookEngine implements AutoCloseable {

    /** The logger of a playbook's {@code log} step that names none ({@code Exchange.LOG_EIP_NAME}). */
    static final String LOG_STEP_NAME = "soar.playbook.${routeId}";


    private final EngineOptions options;
    private final Main main;
    private PlaybookBeans beans;
    private EngineLock lock;
    private PlaybookReloader reloader;
    private BrokerService broker;
    private boolean closed;

    public PlaybookEngine(EngineOptions options) {
        this.options = options;
        this.main = new Main();
        // camel-main would add a JVM shutdown hook of its own that waits up to shutdownTimeout + 15 s for the context
        // to stop. Beside the owner's hook (run's) the two raced: when run's hook called stop() just after Camel's hook
        // had queued its waiting listener, run's hook ran that listener itself and waited 45 s for a stop only it
        // could do. Its disableHangupSupport() does not keep 4.18.0 from registering the hook (installHangupInterceptor
        // registers it whenever it was not registered before), so the engine uses the strategy without any hook. The
        // owner of the engine stops it (close()); nothing else does.
        main.setShutdownStrategy(new SimpleMainShutdownStrategy());
    }

    /**
     * Checks the inputs and configures camel-main; does not start anything yet.
     *
     * @throws StartupException naming the file and the reason when an input is missing or broken
     */
    public synchronized PlaybookEngine configure() {
        Properties props = StartupChecks.loadProperties(options.applicationProperties());
        StartupChecks.checkPlaybooks(options.routesDir());
        Path data = options.dataDir().toAbsolutePath().normalize();
        try {
            Files.createDirectories(data);
            lock = EngineLock.tryAcquire(data).orElseThrow(() -> new StartupException(options.dataDir()
                    + ": another engine is running on this data folder (it holds state/engine.lock)"));
        } catch (IOException e) {
            throw new StartupException(options.dataDir() + ": cannot create the data folder: " + e.getMessage(), e);
        }
        main.setPropertyPlaceholderLocations("file:" + options.applicationProperties().toAbsolutePath());
        // engine internals users have no reason to change
        main.addInitialProperty("camel.main.name", "soar-playbooks");
        main.addInitialProperty("camel.main.jmxEnabled", "false");
        // nor for the scheduler: Quartz's own JMX export would start the JVM's MBean server (a tenth of the start)
        main.addInitialProperty("camel.component.quartz.enableJmx", "false");
        main.addInitialProperty("camel.main.routesIncludePattern",
                "file:" + options.routesDir().toAbsolutePath().normalize() + "/*.camel.yaml");
        main.addInitialProperty("camel.main.shutdownTimeout", "30");
        main.addInitialProperty("camel.component.kamelet.location", "classpath:kamelets");
        // a Kamelet action has no error handling of its own: a failure reaches the playbook's `to: kamelet:` step,
        // so a retry re-runs the whole action (build, authorize, call, read), never just the step that failed
        main.addInitialProperty("camel.component.kamelet.noErrorHandler", "true");
        // Camel's http component, but TLS is set up by an endpoint's first HTTPS call, not when it is created
        main.bind("http", new LazyTlsHttpComponent());
        main.bind("https", new LazyTlsHttpComponent());
        main.addOverrideProperty("playbooks.data", data.toString());
        main.addOverrideProperty("playbooks.config", options.configDir().toAbsolutePath().normalize().toString());
        for (Map.Entry<String, String> e : options.overrides().entrySet()) {
            main.addOverrideProperty(e.getKey(), e.getValue());
        }
        boolean dryRun = PlaybookBeans.dryRun(options, props);
        main.addMainListener(new org.apache.camel.main.MainListenerSupport() {
            @Override
            public void beforeConfigure(org.apache.camel.main.BaseMainSupport m) {
                m.getCamelContext().addRoutePolicyFactory(PlaybookIdPolicy.FACTORY);
                // a log step without a logName logs as soar.playbook.<route id>, which the default log format
                // shows at INFO (Camel's default, the route id alone, sits under the root logger's WARN)
                m.getCamelContext().getGlobalOptions().put(org.apache.camel.Exchange.LOG_EIP_NAME,
                        LOG_STEP_NAME);
                PlaybookYamlLoader.install(m.getCamelContext());
                if (dryRun) {
                    DryRun.install(m.getCamelContext(), new DryRunAnswers(PlaybookBeans.newMapper()));
                }
            }
        });
        try {
            beans = PlaybookBeans.create(options, data, props);
        } catch (RuntimeException e) {
            lock.close();
            lock = null;
            throw e;
        }
        beans.bindTo(main);
        // dead letters sent back to their playbook's queue on request (the replay command)
        main.configure().addRoutesBuilder(beans.replayIntake().route(data, 200));
        broker = new BrokerService(data.resolve("broker"), beans.queues(), beans.observability().registry());
        main.addMainListener(new org.apache.camel.main.MainListenerSupport() {
            @Override
            public void afterConfigure(org.apache.camel.main.BaseMainSupport m) {
                CamelContext context = m.getCamelContext();
                try {
                    broker.open(BrokerSettings.read(key -> setting(context, key)));
                    beans.incidents().setConsumers(Integer.parseInt(setting(context, "playbooks.consumers", "16")));
                } catch (BrokerException e) {
                    throw new StartupException(e.getMessage(), e);
                } catch (IllegalArgumentException e) {
                    throw new StartupException(options.applicationProperties() + ": " + e.getMessage(), e);
                }
                // stopped after every route: consumers commit or give their messages back first
                try {
                    context.addService(broker, true, true);
                } catch (Exception e) {
                    throw new StartupException("cannot register the broker with Camel: " + e.getMessage(), e);
                }
            }
        });
        return this;
    }

    private static String setting(CamelContext context, String key) {
        return setting(context, key, "");
    }

    private static String setting(CamelContext context, String key, String fallback) {
        return context.resolvePropertyPlaceholders("{{" + key + ":" + fallback + "}}").strip();
    }

    /**
     * Starts the engine and returns once the playbooks run.
     *
     * @throws StartupException when Camel refuses a playbook (one line naming the file and the reason), or when
     *                          {@link #close()} came first (a signal while configuring)
     */
    public synchronized void start() {
        if (closed) {
            throw new StartupException("stopped before it started");
        }
        if (options.reload()) {
            // a saved playbook is loaded only if `validate` finds no error in it (warnings do not stop it)
            PlaybookValidator validator = new PlaybookValidator(options.configDir(), options.routesDir());
            reloader = new PlaybookReloader(options.routesDir(), file -> validator.validate(file).stream()
                    .filter(Finding::isError).map(Finding::toString).toList());
        }
        try {
            main.start();
        } catch (Exception e) {
            throw StartupChecks.explain(e, options.routesDir());
        }
        if (main.getCamelContext() == null || !main.getCamelContext().isStarted()) {
            throw StartupChecks.explain(new IllegalStateException("Camel did not start"), options.routesDir());
        }
        try {
            // the webhook HTTP server must really listen; its own failures answer as problem details
            org.soarplaybooks.webhook.WebhookServer.install(main.getCamelContext());
        } catch (IllegalStateException e) {
            close();
            throw new StartupException(e.getMessage(), e);
        }
        if (reloader != null) {
            reloader.start(main.getCamelContext());
        }
    }

    /** The running Camel context (null before {@link #start()}). */
    public CamelContext context() {
        return main.getCamelContext();
    }

    /**
     * The playbooks running now: the route groups (or ids) of the routes loaded from the playbook files, sorted;
     * not the Kamelets' routes nor the engine's own ({@value ReplayIntake#ROUTE_ID}).
     */
    public java.util.List<String> playbooks() {
        return context().getRoutes().stream().filter(r -> !r.isCreatedByKamelet())
                .filter(r -> !ReplayIntake.ROUTE_ID.equals(r.getRouteId()))
                .map(r -> r.getGroup() != null ? r.getGroup() : r.getRouteId()).distinct().sorted().toList();
    }

    /** The engine's broker (null before {@link #configure()}). */
    public BrokerService broker() {
        return broker;
    }

    /** The Java beans the playbooks use (null before {@link #configure()}). */
    public PlaybookBeans beans() {
        return beans;
    }

    public EngineOptions options() {
        return options;
    }

    /**
     * Stops gracefully: in-flight exchanges get up to 30 s ({@code camel.main.shutdownTimeout}). Called while
     * {@link #start()} runs on another thread (a SIGTERM during start-up), it waits for the start to end, then stops.
     * The engine installs no JVM shutdown hook: whoever starts it stops it.
     */
    @Override
    public synchronized void close() {
        closed = true;
        try {
            if (reloader != null) {
                reloader.close();
                reloader = null;
            }
            if (beans != null) {
                // before Camel stops route after route: no playbook takes a new incident from here on
                beans.incidents().stopTaking();
            }
            main.stop();
        } catch (Exception e) {
            throw new IllegalStateException("engine did not stop cleanly: " + e.getMessage(), e);
        } finally {
            if (broker != null) {
                broker.stop(); // normally stopped with the context already
            }
            if (beans != null) {
                beans.auditLog().close();
            }
            if (lock != null) {
                lock.close();
                lock = null;
            }
        }
    }

    static Properties readProperties(InputStream in) throws IOException {
        Properties p = new Properties();
        p.load(in);
        return p;
    }
}
