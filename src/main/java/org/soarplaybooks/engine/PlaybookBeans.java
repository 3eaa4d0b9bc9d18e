package org.soarplaybooks.engine;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Properties;
import org.apache.camel.main.Main;
import org.soarplaybooks.audit.AuditLog;
import org.soarplaybooks.contract.ContractCheck;
import org.soarplaybooks.core.queue.IncidentMessages;
import org.soarplaybooks.core.queue.QueueClient;
import org.soarplaybooks.intake.InboxIntake;
import org.soarplaybooks.intake.QueueSender;
import org.soarplaybooks.intake.ReplayIntake;
import org.soarplaybooks.playbook.IncidentsComponent;
import org.soarplaybooks.deadletter.DeadLetterStore;
import org.soarplaybooks.inbox.FailureReports;
import org.soarplaybooks.incident.Normalizers;
import org.soarplaybooks.mapping.MappingException;
import org.soarplaybooks.mapping.StatusMapping;
import org.soarplaybooks.observe.Observability;
import org.soarplaybooks.outcome.Outcomes;
import org.soarplaybooks.dryrun.DryRun;
import org.soarplaybooks.vendor.HttpAction;
import org.soarplaybooks.vendor.adversarial.AdversarialActions;
import org.soarplaybooks.vendor.contraforce.ContraForceActions;
import org.soarplaybooks.vendor.contraforce.ContraForceRequests;
import org.soarplaybooks.vendor.onetrust.OneTrustActions;
import org.soarplaybooks.vendor.sentinelone.SentinelOneActions;
import org.soarplaybooks.vendor.sentinelone.SentinelOneRequests;

/**
 * The Java beans playbooks and Kamelets call by name, built once per engine.
 *
 * <table>
 *   <caption>Registry names</caption>
 *   <tr><td>{@code normalizers}</td><td>source JSON to canonical incidents</td></tr>
 *   <tr><td>{@code mapping}</td><td>the checked {@code config/mapping.yaml}</td></tr>
 *   <tr><td>{@code contraforceRequests}</td><td>incidents to ContraForce requests</td></tr>
 *   <tr><td>{@code contraforceActions}</td><td>the Java half of the ContraForce Kamelets</td></tr>
 *   <tr><td>{@code outcomes}</td><td>audit records and dead letters</td></tr>
 *   <tr><td>{@code failureReports}</td><td>{@code .failed/<file>.error.json} writer</td></tr>
 *   <tr><td>{@code sentineloneRequests}</td><td>threat ids to SentinelOne requests</td></tr>
 *   <tr><td>{@code sentineloneActions}</td><td>the Java half of the SentinelOne Kamelets</td></tr>
 *   <tr><td>{@code onetrustActions}</td><td>the Java half of the OneTrust Kamelet</td></tr>
 *   <tr><td>{@code adversarialActions}</td><td>the Java half of the Adversarial Kamelet</td></tr>
 *   <tr><td>{@code onetrustRequests}, {@code adversarialRequests}</td><td>one incident's OneTrust change and
 *       Adversarial values (their values Kamelets), and a run's calls</td></tr>
 *   <tr><td>{@code bulkInbox}</td><td>bulk files (CSV, NDJSON, JSON) to ContraForce bulk updates, row by row</td></tr>
 *   <tr><td>{@code intake}</td><td>inbox files to one message per incident on the playbook's queue</td></tr>
 *   <tr><td>{@code incidents}</td><td>the {@code incidents:<playbook>} trigger: a playbook's queue</td></tr>
 *   <tr><td>{@code vendorCircuits}, {@code metricsRegistry}, readiness checks</td><td>health and metrics
 *       ({@link Observability})</td></tr>
 * </table>
 */
public record PlaybookBeans(
        ObjectMapper mapper,
        StatusMapping mapping,
        Normalizers normalizers,
        AuditLog auditLog,
        DeadLetterStore deadLetters,
        Outcomes outcomes,
        ContraForceRequests contraforceRequests,
        ContraForceActions contraforceActions,
        FailureReports failureReports,
        SentinelOneRequests sentineloneRequests,
        SentinelOneActions sentineloneActions,
        OneTrustActions onetrustActions,
        AdversarialActions adversarialActions,
        org.soarplaybooks.vendor.onetrust.OneTrustRequests onetrustRequests,
        org.soarplaybooks.vendor.adversarial.AdversarialRequests adversarialRequests,
        Observability observability,
        QueueClient queues,
        IncidentMessages incidentMessages,
        InboxIntake intake,
        IncidentsComponent incidents,
        ReplayIntake replayIntake,
        QueueSender queueSender,
        org.soarplaybooks.bulk.BulkInbox bulkInbox) {

    /** The JSON mapper of the engine: ISO-8601 times, unknown fields ignored. */
    public static ObjectMapper newMapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /**
     * Builds the beans.
     *
     * @throws StartupException when the mapping file is missing or holds an unknown value
     */
    static PlaybookBeans create(EngineOptions options, Path dataDir, Properties props) {
        ObjectMapper mapper = newMapper();
        Clock clock = Clock.systemUTC();
        StatusMapping mapping;
        try {
            mapping = StatusMapping.load(options.mappingFile());
        } catch (MappingException e) {
            throw new StartupException(e.getMessage(), e);
        }
        AuditLog audit = new AuditLog(dataDir.resolve("audit"), mapper);
        DeadLetterStore deadLetters = new DeadLetterStore(dataDir.resolve("dead-letter"), mapper);
        Outcomes outcomes = new Outcomes(audit, deadLetters, clock, dataDir, mapper);
        Observability observability = Observability.create(dataDir, audit);
        HttpAction http = new HttpAction(mapper, new ContractCheck(), observability.circuits())
                .dryRun(dryRun(options, props));
        FailureReports failureReports = new FailureReports(mapper, clock);
        QueueClient queues = new QueueClient(); // the broker is named once the engine's settings are read
        IncidentMessages incidentMessages = new IncidentMessages(mapper);
        QueueSender sender = new QueueSender(queues, incidentMessages);
        return new PlaybookBeans(mapper, mapping, new Normalizers(), audit, deadLetters, outcomes,
                new ContraForceRequests(mapping), new ContraForceActions(http, outcomes),
                failureReports,
                new SentinelOneRequests(), new SentinelOneActions(http, outcomes),
                new OneTrustActions(http, outcomes), new AdversarialActions(http, outcomes),
                new org.soarplaybooks.vendor.onetrust.OneTrustRequests(),
                new org.soarplaybooks.vendor.adversarial.AdversarialRequests(), observability, queues, incidentMessages,
                new InboxIntake(queues, sender, outcomes, failureReports, mapper, dataDir),
                new IncidentsComponent(queues, incidentMessages, outcomes, dataDir),
                new ReplayIntake(sender, deadLetters, mapper), sender,
                new org.soarplaybooks.bulk.BulkInbox(mapper, outcomes, failureReports, dataDir));
    }

    /**
     * Whether the engine runs dry ({@link DryRun#ENABLED_PROPERTY}).
     *
     * @throws StartupException when the property is neither true nor false
     */
    static boolean dryRun(EngineOptions options, Properties props) {
        try {
            return DryRun.enabled(options.overrides(), props);
        } catch (IllegalArgumentException e) {
            throw new StartupException(options.applicationProperties() + ": " + e.getMessage(), e);
        }
    }

    void bindTo(Main main) {
        main.bind("normalizers", normalizers);
        main.bind("mapping", mapping);
        main.bind("contraforceRequests", contraforceRequests);
        main.bind("contraforceActions", contraforceActions);
        main.bind("outcomes", outcomes);
        main.bind("failureReports", failureReports);
        main.bind("sentineloneRequests", sentineloneRequests);
        main.bind("sentineloneActions", sentineloneActions);
        main.bind("onetrustActions", onetrustActions);
        main.bind("adversarialActions", adversarialActions);
        main.bind("onetrustRequests", onetrustRequests);
        main.bind("adversarialRequests", adversarialRequests);
        main.bind("bulkInbox", bulkInbox);
        main.bind("intake", intake);
        main.bind("queueSender", queueSender);
        main.bind("incidents", incidents);
        main.bind("queueReadiness", new org.soarplaybooks.observe.QueueCheck(queues, incidents::fatalError));
        observability.bindTo(main);
    }
}
