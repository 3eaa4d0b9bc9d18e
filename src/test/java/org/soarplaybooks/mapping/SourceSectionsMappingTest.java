package org.soarplaybooks.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.soarplaybooks.incident.Incident;
import org.soarplaybooks.incident.IncidentSource;
import org.soarplaybooks.incident.Normalizers;
import org.soarplaybooks.vendor.contraforce.Classification;
import org.soarplaybooks.vendor.contraforce.ClassificationReason;
import org.soarplaybooks.vendor.contraforce.Status;

/**
 * The mapping-file sections of Defender XDR, QRadar, CrowdStrike and Splunk (and the ContraForce vocabulary): the
 * shipped {@code config/mapping.yaml}, the start-up check's messages for them, and the real samples end to end.
 */
class SourceSectionsMappingTest {

    private static final Path SHIPPED = Path.of("config/mapping.yaml");

    /** Source values the shipped file leaves out on purpose (see its comments); everything else is mapped. */
    private static final Set<String> LEFT_OUT = Set.of("defenderxdr.status.unknownFutureValue",
            "defenderxdr.classification.unknownFutureValue", "defenderxdr.classificationReason.unknownFutureValue");

    @TempDir
    Path dir;

    private final StatusMapping shipped = StatusMapping.load(SHIPPED);

    @Test
    void shippedFileMapsEveryValueOfTheNewSourcesExceptTheDocumentedOmissions() {
        List<String> unmapped = new ArrayList<>();
        for (SourceVocabulary source : List.of(SourceVocabulary.DEFENDER_XDR, SourceVocabulary.QRADAR,
                SourceVocabulary.CROWDSTRIKE, SourceVocabulary.SPLUNK)) {
            source.tables().forEach((table, values) -> values.values().forEach(value -> {
                try {
                    switch (table) {
                        case STATUS -> shipped.status(source.source(), value);
                        case CLASSIFICATION -> shipped.classification(source.source(), value);
                        case CLASSIFICATION_REASON -> shipped.classificationReason(source.source(), value);
                        default -> throw new IllegalStateException(table.toString());
                    }
                } catch (MappingException e) {
                    unmapped.add(source.section() + "." + table.key() + "." + value);
                }
            }));
        }

        assertThat(unmapped).containsExactlyInAnyOrderElementsOf(LEFT_OUT);
    }

    @Test
    void defenderValuesOfBothApis() {
        IncidentSource s = IncidentSource.DEFENDER_XDR;
        assertThat(shipped.status(s, "Active")).isEqualTo(Status.Active);
        assertThat(shipped.status(s, "active")).isEqualTo(Status.Active);
        assertThat(shipped.status(s, "InProgress")).isEqualTo(Status.Active);
        assertThat(shipped.status(s, "Resolved")).isEqualTo(Status.Closed);
        assertThat(shipped.status(s, "resolved")).isEqualTo(Status.Closed);
        assertThat(shipped.status(s, "redirected")).isEqualTo(Status.Closed);
        assertThat(shipped.classification(s, "TruePositive")).isEqualTo(Classification.TruePositive);
        assertThat(shipped.classification(s, "falsePositive")).isEqualTo(Classification.FalsePositive);
        assertThat(shipped.classification(s, "InformationalExpectedActivity"))
                .isEqualTo(Classification.InformationalExpectedActivity);
        assertThat(shipped.classification(s, "unknown")).isEqualTo(Classification.Unknown);
        assertThat(shipped.classificationReason(s, "NotAvailable")).isEqualTo(ClassificationReason.Unknown);
        assertThat(shipped.classificationReason(s, "MultiStagedAttack")).isEqualTo(ClassificationReason.MultistagedAttack);
        assertThat(shipped.classificationReason(s, "compromisedAccount")).isEqualTo(ClassificationReason.CompromisedUser);
        assertThat(shipped.classificationReason(s, "Clean")).isEqualTo(ClassificationReason.NotMalicious);
        assertThat(shipped.classificationReason(s, "notEnoughDataToValidate"))
                .isEqualTo(ClassificationReason.NoEnoughDataToValidate);
        assertThatThrownBy(() -> shipped.status(s, "unknownFutureValue"))
                .hasMessage("config/mapping.yaml has no defenderxdr.status entry for 'unknownFutureValue'");
    }

    @Test
    void qradarClosingReasonsBecomeContraForcesQRadarClassifications() {
        IncidentSource s = IncidentSource.QRADAR;
        assertThat(shipped.status(s, "OPEN")).isEqualTo(Status.Active);
        assertThat(shipped.status(s, "HIDDEN")).isEqualTo(Status.Active);
        assertThat(shipped.status(s, "CLOSED")).isEqualTo(Status.Closed);
        assertThat(shipped.classification(s, "False-Positive, Tuned")).isEqualTo(Classification.QradarFalsePositive);
        assertThat(shipped.classification(s, "Non-Issue")).isEqualTo(Classification.NonIssue);
        assertThat(shipped.classification(s, "Policy Violation")).isEqualTo(Classification.PolicyViolation);
        assertThat(shipped.classificationReason(s, "False-Positive, Tuned"))
                .isEqualTo(ClassificationReason.IncorrectAlertLogic);
        assertThat(shipped.classificationReason(s, "Non-Issue")).isEqualTo(ClassificationReason.NotMalicious);
        assertThat(shipped.classificationReason(s, "Policy Violation")).isEqualTo(ClassificationReason.Other);
    }

    @Test
    void crowdStrikeStatuses() {
        IncidentSource s = IncidentSource.CROWDSTRIKE;
        assertThat(shipped.status(s, "new")).isEqualTo(Status.New);
        assertThat(shipped.status(s, "in_progress")).isEqualTo(Status.Active);
        assertThat(shipped.status(s, "reopened")).isEqualTo(Status.Active);
        assertThat(shipped.status(s, "closed")).isEqualTo(Status.Closed);
        assertThat(shipped.classification(s, null)).isNull();
        assertThatThrownBy(() -> shipped.classification(s, "true_positive"))
                .hasMessage("config/mapping.yaml has no crowdstrike.classification entry for 'true_positive'");
    }

    @Test
    void splunkStatusesAndDispositions() {
        IncidentSource s = IncidentSource.SPLUNK;
        assertThat(shipped.status(s, "Unassigned")).isEqualTo(Status.New);
        assertThat(shipped.status(s, "New")).isEqualTo(Status.New);
        assertThat(shipped.status(s, "In Progress")).isEqualTo(Status.Active);
        assertThat(shipped.status(s, "Pending")).isEqualTo(Status.Active);
        assertThat(shipped.status(s, "Resolved")).isEqualTo(Status.Closed);
        assertThat(shipped.status(s, "Closed")).isEqualTo(Status.Closed);
        Map<String, List<Enum<?>>> dispositions = Map.of(
                "disposition:0", List.of(Classification.Undetermined, ClassificationReason.Unknown),
                "disposition:1", List.of(Classification.TruePositive, ClassificationReason.SuspiciousActivity),
                "disposition:2", List.of(Classification.BenignPositive, ClassificationReason.SuspiciousButExpected),
                "disposition:3", List.of(Classification.FalsePositive, ClassificationReason.IncorrectAlertLogic),
                "disposition:4", List.of(Classification.FalsePositive, ClassificationReason.InaccurateData),
                "disposition:5", List.of(Classification.Undetermined, ClassificationReason.Other),
                "disposition:6", List.of(Classification.Undetermined, ClassificationReason.Unknown));
        dispositions.forEach((disposition, expected) -> {
            assertThat(shipped.classification(s, disposition)).as(disposition).isEqualTo(expected.get(0));
            assertThat(shipped.classificationReason(s, disposition)).as(disposition).isEqualTo(expected.get(1));
        });
    }

    @Test
    void everyRealSampleNormalizesAndMapsCompletely() {
        Normalizers normalizers = new Normalizers();
        List<Incident> incidents = new ArrayList<>();
        incidents.addAll(normalizers.defenderXdr(sample("defender-xdr/incidents-list-924518-legacy-api-rapid7.json")));
        incidents.addAll(normalizers.defenderXdr(sample("defender-xdr/graph-incidents-list-12345-12346-demisto.json")));
        incidents.addAll(normalizers.qradar(sample("qradar/offense-16-open-demisto.json")));
        incidents.addAll(normalizers.crowdStrike(sample("crowdstrike/alerts-v2-entities-cloud-ioa-demisto.json")));

        assertThat(incidents).hasSize(6);
        List<String> mapped = incidents.stream().map(i -> i.key() + " " + shipped.status(i.source(), i.status())
                + " " + shipped.classification(i.source(), i.classification())
                + " " + shipped.classificationReason(i.source(), i.classificationReason())).toList();
        assertThat(mapped).containsExactly(
                "DefenderXDR:924518 Active Unknown Unknown",
                "DefenderXDR:12345 Active Unknown Unknown",
                "DefenderXDR:12346 Closed Unknown Unknown",
                "QRadar:16 Active null null",
                "CrowdStrike:00000000000000000000000000000001:fcs:ioa-211:00000000-0000-0000-0000-000000000002 New null"
                        + " null",
                "CrowdStrike:00000000000000000000000000000001:fcs:ioa-211:11111111-2222-3333-4444-555555555555 New null"
                        + " null");
    }

    @Test
    void keysMustBeValuesTheNewSourcesDefine() {
        assertThat(problemFor("defenderxdr:\n  status:\n    Closed: Closed\n"))
                .isEqualTo("F: defenderxdr.status.Closed: 'Closed' is not a Microsoft Defender XDR status (allowed:"
                        + " Active, New, InProgress, Resolved, Redirected, active, inProgress, awaitingAction,"
                        + " resolved, redirected, unknownFutureValue)");
        assertThat(problemFor("defenderxdr:\n  classificationReason:\n    Ransomware: Malware\n"))
                .startsWith("F: defenderxdr.classificationReason.Ransomware: 'Ransomware' is not a Microsoft Defender"
                        + " XDR determination (allowed: NotAvailable, Apt,");
        assertThat(problemFor("qradar:\n  classification:\n    False-Positive: QradarFalsePositive\n"))
                .isEqualTo("F: qradar.classification.False-Positive: 'False-Positive' is not a QRadar closing reason"
                        + " (allowed: Non-Issue, False-Positive, Tuned, Policy Violation)");
        assertThat(problemFor("qradar:\n  status:\n    open: Active\n"))
                .isEqualTo("F: qradar.status.open: 'open' is not a QRadar offense status (allowed: OPEN, HIDDEN,"
                        + " CLOSED)");
        assertThat(problemFor("crowdstrike:\n  status:\n    true_positive: Closed\n"))
                .isEqualTo("F: crowdstrike.status.true_positive: 'true_positive' is not a CrowdStrike Falcon alert"
                        + " status (allowed: new, in_progress, closed, reopened)");
        assertThat(problemFor("splunk:\n  status:\n    \"2\": Active\n"))
                .as("the mapping file uses labels; the normalizer turns numbers into labels")
                .isEqualTo("F: splunk.status.2: '2' is not a Splunk Enterprise Security status (allowed: Unassigned,"
                        + " New, In Progress, Pending, Resolved, Closed)");
        assertThat(problemFor("splunk:\n  classification:\n    \"disposition:7\": Undetermined\n"))
                .startsWith("F: splunk.classification.disposition:7: 'disposition:7' is not a Splunk Enterprise"
                        + " Security disposition (allowed: disposition:0,");
    }

    @Test
    void tablesASourceDoesNotHaveAreRejected() {
        assertThat(problemFor("crowdstrike:\n  classification:\n    new: TruePositive\n"))
                .isEqualTo("F: crowdstrike.classification: unknown table (allowed for crowdstrike: status)");
    }

    @Test
    void aContraForceSectionPointsToTheSectionsThatMapContraForceValues() {
        assertThat(problemFor("contraforce:\n  status:\n    Active: Active\n"))
                .isEqualTo("F: contraforce: ContraForce values are mapped to other vendors in the sections"
                        + " contraforce-to-sentinelone and privacy-register (a source section maps source values to"
                        + " ContraForce: sentinel, sentinelone, defenderxdr, qradar, crowdstrike, splunk)");
        assertThat(problemFor("workspaces:\n  contraforce:\n    x: 6eca6a1f-2b3c-4d5e-8f90-a1b2c3d4e5f6\n"))
                .isEqualTo("F: workspaces.contraforce: unknown source (allowed: sentinel, sentinelone, defenderxdr,"
                        + " qradar, crowdstrike, splunk)");
    }

    @Test
    void contraForceVocabularyIsTheContraForceEnums() {
        SourceVocabulary cf = SourceVocabulary.CONTRAFORCE;
        assertThat(cf.section()).isEqualTo("contraforce");
        assertThat(cf.source()).isNull();
        assertThat(SourceVocabulary.of(null)).isEmpty();
        assertThat(SourceVocabulary.bySourceSection("contraforce")).isEmpty();
        assertThat(cf.tables().get(MappingTable.STATUS).values())
                .containsExactlyElementsOf(names(Status.values()));
        assertThat(cf.tables().get(MappingTable.CLASSIFICATION).values())
                .containsExactlyElementsOf(names(Classification.values()));
        assertThat(cf.tables().get(MappingTable.CLASSIFICATION_REASON).values())
                .containsExactlyElementsOf(names(ClassificationReason.values()));
    }

    @Test
    void workspacesOfTheNewSources() {
        Path file = write("workspaces:\n"
                + "  defenderxdr:\n    B3C1B5FC-828C-45FA-A1E1-10D74F6D6E9C: 6eca6a1f-2b3c-4d5e-8f90-a1b2c3d4e5f6\n"
                + "  qradar:\n    \"0\": 9d8c7b6a-5f4e-4d3c-8b2a-19f0e8d7c6b5\n"
                + "  crowdstrike:\n    \"00000000000000000000000000000001\": 3f2a4b1c-7d5e-4c8a-9b6f-1e2d3c4b5a61\n");

        StatusMapping mapping = StatusMapping.load(file);

        assertThat(mapping.workspace(IncidentSource.DEFENDER_XDR, "b3c1b5fc-828c-45fa-a1e1-10d74f6d6e9c"))
                .as("tenant ids are GUIDs: case is ignored").contains("6eca6a1f-2b3c-4d5e-8f90-a1b2c3d4e5f6");
        assertThat(mapping.workspace(IncidentSource.QRADAR, "0")).contains("9d8c7b6a-5f4e-4d3c-8b2a-19f0e8d7c6b5");
        assertThat(mapping.workspace(IncidentSource.QRADAR, "00")).as("domain ids are exact").isEmpty();
        assertThat(mapping.workspace(IncidentSource.CROWDSTRIKE, "00000000000000000000000000000001"))
                .contains("3f2a4b1c-7d5e-4c8a-9b6f-1e2d3c4b5a61");
        assertThat(mapping.workspace(IncidentSource.SPLUNK, "x")).isEmpty();
    }

    private static List<String> names(Enum<?>[] constants) {
        return Arrays.stream(constants).map(Enum::name).toList();
    }

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

    private static String sample(String name) {
        try (InputStream in = SourceSectionsMappingTest.class.getResourceAsStream("/samples/" + name)) {
            assertThat(in).as("sample %s on the classpath", name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
