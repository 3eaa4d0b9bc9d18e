package org.soarplaybooks.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class as the test of one playbook: {@code @PlaybookTest("sentinel-incident-sync.camel.yaml")}.
 *
 * <p>Before the first test of the class, {@link PlaybookExtension} copies {@code routes/<value>} (plus
 * {@code routes/error-handlers.camel.yaml}, which every playbook needs, and the files of {@link #with()}) into a
 * temporary routes folder and starts the real engine on it, with the shipped {@code config/}, a temporary data
 * folder and every vendor at its own vendor simulator (WireMock on 127.0.0.1). Every test of the class shares that
 * engine; each test starts with no recorded vendor requests, audit records or dead letters. Tests get it as a
 * {@link Playbook} parameter or field. The engine stops after the last test of the class.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(PlaybookExtension.class)
public @interface PlaybookTest {

    /** A Quartz cron expression that does not fire before 2099: a schedule the test fires itself. */
    String NEVER = "0 0 0 1 1 ? 2099";

    /** The playbook file below {@code routes/}, e.g. {@code sentinel-incident-sync.camel.yaml}. */
    String value();

    /**
     * More playbook files below {@code routes/} to load next to it, e.g. the playbooks a webhook feeds
     * ({@code webhooks.camel.yaml} queues events only into the inboxes of loaded playbooks).
     */
    String[] with() default {};

    /**
     * Property overrides, {@code key=value}, winning over {@code config/application.properties} and the kit's own
     * settings, e.g. {@code "sentinelone.sync.enabled=true"}.
     */
    String[] properties() default {};
}
