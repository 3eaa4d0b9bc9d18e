package org.soarplaybooks.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.soarplaybooks.incident.SentinelOneThreatNormalizer;
import org.soarplaybooks.vendor.adversarial.IncidentStatus;
import org.soarplaybooks.vendor.adversarial.ThreatObjective;
import org.soarplaybooks.vendor.contraforce.Classification;
import org.soarplaybooks.vendor.contraforce.Status;
import org.soarplaybooks.vendor.sentinelone.AnalystVerdict;

/**
 * The mapping-file sections that map ContraForce values to other vendors ({@code contraforce-to-sentinelone},
 * {@code privacy-register}): the shipped {@code config/mapping.yaml} and the start-up check's messages for them.
 */
class ContraForceSectionsMappingTest {

    private static final Path SHIPPED = Path.of("config/mapping.yaml");
    private static final String VERDICTS = "(allowed: true_positive, false_positive, suspicious, undefined)";

    @TempDir
    Path dir;

    private final StatusMapping shipped = StatusMapping.load(SHIPPED);

    private Path write(String yaml) {
        Path file = dir.resolve("mapping.yaml");
        try {
            Files.writeString(file, yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    private String problemFor(String yaml) {
        Path file = write(yaml);
        MappingException e = org.junit.jupiter.api.Assertions.assertThrows(MappingException.class,
                () -> StatusMapping.load(file));
        return e.getMessage().replace(file.toString(), "F");
    }

    // ---- the shipped file ----

    @Test
    void shippedFileMapsEveryContraForceStatusAndClassificationToSentinelOne() {
        ContraForceToSentinelOne s1 = shipped.contraForceToSentinelOne();

        assertThat(Arrays.stream(Status.values()).map(v -> v.name() + "=" + s1.incidentStatus(v.name()).wireName()))
                .containsExactlyInAnyOrder("New=unresolved", "Active=in_progress", "Closed=resolved");
        List<String> unmapped = new ArrayList<>();
        for (Classification c : Classification.values()) {
            try {
                s1.analystVerdict(c.name());
            } catch (MappingException e) {
                unmapped.add(c.name());
            }
        }
        assertThat(unmapped).isEmpty();
        assertThat(s1.analystVerdict("TruePositive")).isEqualTo(AnalystVerdict.TRUE_POSITIVE);
        assertThat(s1.analystVerdict("FalsePositive")).isEqualTo(AnalystVerdict.FALSE_POSITIVE);
        assertThat(s1.analystVerdict("BenignPositive")).as("SentinelOne has no benign verdict")
                .isEqualTo(AnalystVerdict.FALSE_POSITIVE);
        assertThat(s1.analystVerdict("Suspicious")).isEqualTo(AnalystVerdict.SUSPICIOUS);
        assertThat(s1.analystVerdict("Undetermined")).isEqualTo(AnalystVerdict.UNDEFINED);
        assertThat(s1.analystVerdict(null)).as("no classification: the verdict is left as it is").isNull();
    }

    @Test
    void shippedPrivacyRegisterListsDataExposureReasonsAndTheDemoLinks() {
        PrivacyRegister register = shipped.privacyRegister();

        assertThat(register.dataExposure("CompromisedUser")).contains(
                new PrivacyRegister.DataExposure(ThreatObjective.DATA_DISCLOSURE, IncidentStatus.REVIEW));
        assertThat(register.dataExposure("Phishing")).isPresent();
        assertThat(register.dataExposure("Malware")).as("not a data-exposure reason").isEmpty();
        assertThat(register.dataExposure("SuspiciousActivity")).isEmpty();
        assertThat(register.dataExposure(null)).isEmpty();
        assertThat(register.link("DefenderXDR:924518")).contains(
                new PrivacyRegister.Link("9c0d4e21-7a6b-4f3c-8e5d-2b1a0c9f8e63", "INC-00002"));
        assertThat(register.link("Sentinel:1505")).contains(
                new PrivacyRegister.Link("f7114aef-b6b6-42d6-9249-56a467950aa7", "INC-00005"));
        assertThat(register.link("Sentinel:1506")).isEmpty();
        assertThat(register.link("QRadar:924518")).as("the source is part of the key").isEmpty();
    }

    @Test
    void runtimeLookupsOfUnmappedValuesNameFileSectionTableAndValue() {
        Path file = write("contraforce-to-sentinelone:\n  incidentStatus:\n    Closed: resolved\n");
        ContraForceToSentinelOne s1 = StatusMapping.load(file).contraForceToSentinelOne();

        assertThat(s1.incidentStatus("Closed")).isEqualTo(org.soarplaybooks.vendor.sentinelone.IncidentStatus.RESOLVED);
        assertThatThrownBy(() -> s1.incidentStatus("Active")).isInstanceOf(MappingException.class)
                .hasMessage(file + " has no contraforce-to-sentinelone.incidentStatus entry for 'Active'");
        assertThatThrownBy(() -> s1.analystVerdict("PolicyViolation"))
                .hasMessage(file + " has no contraforce-to-sentinelone.analystVerdict entry for 'PolicyViolation'");
    }

    @Test
    void absentSectionsLoadAndFindNothing() {
        StatusMapping mapping = StatusMapping.load(write("sentinel:\n  status:\n    New: New\n"));

        assertThatThrownBy(() -> mapping.contraForceToSentinelOne().incidentStatus("Closed"))
                .hasMessageEndingWith(" has no contraforce-to-sentinelone.incidentStatus entry for 'Closed'");
        assertThat(mapping.privacyRegister().dataExposure("CompromisedUser")).isEmpty();
        assertThat(mapping.privacyRegister().link("DefenderXDR:924518")).isEmpty();
    }

    @Test
    void linkKeysAreNormalizedToTheIncidentKey() {
        PrivacyRegister register = StatusMapping.load(write("privacy-register:\n  links:\n"
                + "    \"sentinelone:123456\":\n      onetrustIncident: F7114AEF-B6B6-42D6-9249-56A467950AA7\n"
                + "      adversarialIncident: INC-7\n")).privacyRegister();

        assertThat(register.link("SentinelOne:123456"))
                .contains(new PrivacyRegister.Link("f7114aef-b6b6-42d6-9249-56a467950aa7", "INC-7"));
    }

    // ---- start-up check ----

    @Test
    void contraForceToSentinelOneKeysAreContraForceValuesAndValuesSentinelOneValues() {
        assertThat(problemFor("contraforce-to-sentinelone:\n  incidentStatus:\n    Resolved: resolved\n"))
                .isEqualTo("F: contraforce-to-sentinelone.incidentStatus.Resolved: 'Resolved' is not a ContraForce"
                        + " status (allowed: Active, New, Closed)");
        assertThat(problemFor("contraforce-to-sentinelone:\n  incidentStatus:\n    Closed: Resolved\n"))
                .isEqualTo("F: contraforce-to-sentinelone.incidentStatus.Closed: 'Resolved' is not a SentinelOne"
                        + " incidentStatus (allowed: unresolved, in_progress, resolved)");
        assertThat(problemFor("contraforce-to-sentinelone:\n  analystVerdict:\n    TruePositive: true positive\n"))
                .isEqualTo("F: contraforce-to-sentinelone.analystVerdict.TruePositive: 'true positive' is not a"
                        + " SentinelOne analystVerdict " + VERDICTS);
        assertThat(problemFor("contraforce-to-sentinelone:\n  analystVerdict:\n    Benign: false_positive\n"))
                .startsWith("F: contraforce-to-sentinelone.analystVerdict.Benign: 'Benign' is not a ContraForce"
                        + " classification (allowed: BenignPositive, FalsePositive, TruePositive,");
        assertThat(problemFor("contraforce-to-sentinelone:\n  analystVerdict:\n    TruePositive:\n"))
                .isEqualTo("F: contraforce-to-sentinelone.analystVerdict.TruePositive: has no value " + VERDICTS);
        assertThat(problemFor("contraforce-to-sentinelone:\n  analystVerdict:\n    TruePositive: [true_positive]\n"))
                .isEqualTo("F: contraforce-to-sentinelone.analystVerdict.TruePositive: must be a SentinelOne"
                        + " analystVerdict, but is a list");
    }

    @Test
    void unknownTablesAndShapes() {
        assertThat(problemFor("contraforce-to-sentinelone:\n  verdicts:\n    TruePositive: true_positive\n"))
                .isEqualTo("F: contraforce-to-sentinelone.verdicts: unknown table (allowed for"
                        + " contraforce-to-sentinelone: incidentStatus, analystVerdict)");
        assertThat(problemFor("contraforce-to-sentinelone: resolved\n"))
                .isEqualTo("F: contraforce-to-sentinelone: must be a mapping of tables (incidentStatus,"
                        + " analystVerdict), but is the single value 'resolved'");
        assertThat(problemFor("contraforce-to-sentinelone:\n  analystVerdict: true_positive\n"))
                .isEqualTo("F: contraforce-to-sentinelone.analystVerdict: must be a mapping of ContraForce"
                        + " classification -> SentinelOne analystVerdict, but is the single value 'true_positive'");
        assertThat(problemFor("privacy-register:\n  reasons: {}\n"))
                .isEqualTo("F: privacy-register.reasons: unknown table (allowed for privacy-register:"
                        + " dataExposureReasons, links)");
    }

    @Test
    void dataExposureReasonsNeedAnAdversarialThreatObjectiveAndStatus() {
        String head = "privacy-register:\n  dataExposureReasons:\n";
        assertThat(problemFor(head + "    CompromisedUser:\n      threatObjective: Data Leak\n      status: Review\n"))
                .isEqualTo("F: privacy-register.dataExposureReasons.CompromisedUser.threatObjective: 'Data Leak' is"
                        + " not an Adversarial threat objective (allowed: Sabotage, Data Disclosure, Extortion,"
                        + " Customer Targeting, Resource Hijacking, Fraud)");
        assertThat(problemFor(head + "    CompromisedUser:\n      threatObjective: Data Disclosure\n"
                + "      status: review\n"))
                .isEqualTo("F: privacy-register.dataExposureReasons.CompromisedUser.status: 'review' is not an"
                        + " Adversarial status (allowed: New, In Progress, Review, Closed)");
        assertThat(problemFor(head + "    CompromisedUser:\n      threatObjective: Data Disclosure\n"))
                .isEqualTo("F: privacy-register.dataExposureReasons.CompromisedUser.status: is missing (allowed:"
                        + " New, In Progress, Review, Closed)");
        assertThat(problemFor(head + "    CompromisedUser:\n      threatObjective: Data Disclosure\n"
                + "      status: Review\n      severity: SEV2\n"))
                .isEqualTo("F: privacy-register.dataExposureReasons.CompromisedUser.severity: unknown key (allowed:"
                        + " threatObjective, status)");
        assertThat(problemFor(head + "    CompromisedAccount:\n      threatObjective: Data Disclosure\n"
                + "      status: Review\n"))
                .startsWith("F: privacy-register.dataExposureReasons.CompromisedAccount: 'CompromisedAccount' is not a"
                        + " ContraForce classificationReason (allowed: InaccurateData, IncorrectAlertLogic,");
        assertThat(problemFor(head + "    CompromisedUser: Data Disclosure\n"))
                .isEqualTo("F: privacy-register.dataExposureReasons.CompromisedUser: must be a mapping with"
                        + " threatObjective and status, but is the single value 'Data Disclosure'");
    }

    @Test
    void linksNameAContraForceIncidentAOneTrustUuidAndAnAdversarialIncident() {
        String head = "privacy-register:\n  links:\n";
        String ok = "      onetrustIncident: f7114aef-b6b6-42d6-9249-56a467950aa7\n      adversarialIncident: INC-00002\n";
        assertThat(problemFor(head + "    \"123456\":\n" + ok))
                .isEqualTo("F: privacy-register.links.123456: '123456' is not a ContraForce incident (write <source>:"
                        + "<incident id>, e.g. \"SentinelOne:123456\"; sources: Sentinel, DefenderXDR, QRadar, Splunk,"
                        + " CrowdStrike, SentinelOne)");
        assertThat(problemFor(head + "    \"Carbon:1\":\n" + ok))
                .startsWith("F: privacy-register.links.Carbon:1: 'Carbon:1' is not a ContraForce incident");
        assertThat(problemFor(head + "    \"SentinelOne:1\":\n" + ok + "    \"sentinelone:1\":\n" + ok))
                .isEqualTo("F: privacy-register.links.sentinelone:1: 'sentinelone:1' is the same ContraForce incident"
                        + " as 'SentinelOne:1'");
        assertThat(problemFor(head + "    \"SentinelOne:1\":\n      onetrustIncident: 1042\n"
                + "      adversarialIncident: INC-00002\n"))
                .isEqualTo("F: privacy-register.links.SentinelOne:1.onetrustIncident: '1042' is not a OneTrust incident"
                        + " id (a UUID such as f7114aef-b6b6-42d6-9249-56a467950aa7)");
        assertThat(problemFor(head + "    \"SentinelOne:1\":\n      onetrustIncident: f7114aef-b6b6-42d6-9249-56a467950aa7\n"
                + "      adversarialIncident: INC2\n"))
                .isEqualTo("F: privacy-register.links.SentinelOne:1.adversarialIncident: 'INC2' is not an Adversarial"
                        + " incident id (INC- and digits, such as INC-00002)");
        assertThat(problemFor(head + "    \"SentinelOne:1\":\n      onetrustIncident: f7114aef-b6b6-42d6-9249-56a467950aa7\n"))
                .isEqualTo("F: privacy-register.links.SentinelOne:1.adversarialIncident: is missing (expected an"
                        + " Adversarial incident id (INC- and digits, such as INC-00002))");
    }

    @Test
    void problemsOfAllSectionsAreReportedTogether() {
        Path file = write("sentinel:\n  status:\n    Actve: Active\n"
                + "contraforce-to-sentinelone:\n  analystVerdict:\n    TruePositive: maybe\n"
                + "privacy-register:\n  links:\n    \"Sentinel:1\":\n      onetrustIncident: x\n"
                + "      adversarialIncident: INC-1\n");

        assertThatThrownBy(() -> StatusMapping.load(file))
                .isInstanceOfSatisfying(MappingException.class, e -> assertThat(e.problems()).containsExactly(
                        file + ": sentinel.status.Actve: 'Actve' is not a Microsoft Sentinel status"
                                + " (allowed: New, Active, Closed)",
                        file + ": contraforce-to-sentinelone.analystVerdict.TruePositive: 'maybe' is not a SentinelOne"
                                + " analystVerdict " + VERDICTS,
                        file + ": privacy-register.links.Sentinel:1.onetrustIncident: 'x' is not a OneTrust incident"
                                + " id (a UUID such as f7114aef-b6b6-42d6-9249-56a467950aa7)"));
    }

    @Test
    void vendorValuesAreTheVendorEnumsWireSpelling() {
        assertThat(VendorVocabulary.SENTINELONE_INCIDENT_STATUS.wireNames())
                .as("the SentinelOne normalizer reads the same values")
                .containsExactlyElementsOf(SentinelOneThreatNormalizer.INCIDENT_STATUSES);
        assertThat(VendorVocabulary.SENTINELONE_ANALYST_VERDICT.wireNames())
                .containsExactlyElementsOf(SentinelOneThreatNormalizer.ANALYST_VERDICTS);
        assertThat(VendorVocabulary.ADVERSARIAL_STATUS.wireNames())
                .containsExactly("New", "In Progress", "Review", "Closed");
        assertThat(VendorVocabulary.ADVERSARIAL_THREAT_OBJECTIVE.parse("Customer Targeting"))
                .isEqualTo(ThreatObjective.CUSTOMER_TARGETING);
        assertThat(VendorVocabulary.ADVERSARIAL_THREAT_OBJECTIVE.parse("CUSTOMER_TARGETING")).isNull();
    }
}
