package org.soarplaybooks.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.soarplaybooks.incident.IncidentSource;
import org.soarplaybooks.vendor.contraforce.Classification;
import org.soarplaybooks.vendor.contraforce.ClassificationReason;
import org.soarplaybooks.vendor.contraforce.Status;

/** The mapping file: the shipped {@code config/mapping.yaml} and the start-up check's messages. */
class StatusMappingTest {

    private static final Path SHIPPED = Path.of("config/mapping.yaml");

    @TempDir
    Path dir;

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
    void shippedFileLoadsAndMapsEverySourceValue() {
        StatusMapping mapping = StatusMapping.load(SHIPPED);

        assertThat(mapping.file()).isEqualTo(SHIPPED);
        assertThat(mapping.status(IncidentSource.SENTINEL, "New")).isEqualTo(Status.New);
        assertThat(mapping.status(IncidentSource.SENTINEL, "Active")).isEqualTo(Status.Active);
        assertThat(mapping.status(IncidentSource.SENTINEL, "Closed")).isEqualTo(Status.Closed);
        assertThat(mapping.classification(IncidentSource.SENTINEL, "FalsePositive"))
                .isEqualTo(Classification.FalsePositive);
        assertThat(mapping.classificationReason(IncidentSource.SENTINEL, "InaccurateData"))
                .isEqualTo(ClassificationReason.InaccurateData);

        assertThat(mapping.status(IncidentSource.SENTINELONE, "unresolved")).isEqualTo(Status.New);
        assertThat(mapping.status(IncidentSource.SENTINELONE, "in_progress")).isEqualTo(Status.Active);
        assertThat(mapping.status(IncidentSource.SENTINELONE, "resolved")).isEqualTo(Status.Closed);
        assertThat(mapping.classification(IncidentSource.SENTINELONE, "true_positive"))
                .isEqualTo(Classification.TruePositive);
        assertThat(mapping.classification(IncidentSource.SENTINELONE, "false_positive"))
                .isEqualTo(Classification.FalsePositive);
        assertThat(mapping.classification(IncidentSource.SENTINELONE, "suspicious"))
                .isEqualTo(Classification.Suspicious);
        assertThat(mapping.classification(IncidentSource.SENTINELONE, "undefined"))
                .isEqualTo(Classification.Undetermined);
    }

    @Test
    void shippedWorkspacesMatchTheSamples() {
        StatusMapping mapping = StatusMapping.load(SHIPPED);

        assertThat(mapping.workspace(IncidentSource.SENTINEL, "sentinel"))
                .contains("3f2a4b1c-7d5e-4c8a-9b6f-1e2d3c4b5a61");
        assertThat(mapping.workspace(IncidentSource.SENTINEL, "myWorkspace"))
                .contains("6eca6a1f-2b3c-4d5e-8f90-a1b2c3d4e5f6");
        assertThat(mapping.workspace(IncidentSource.SENTINEL, "MYWORKSPACE"))
                .as("Azure workspace names ignore case").contains("6eca6a1f-2b3c-4d5e-8f90-a1b2c3d4e5f6");
        assertThat(mapping.workspace(IncidentSource.SENTINELONE, "123456"))
                .contains("6eca6a1f-2b3c-4d5e-8f90-a1b2c3d4e5f6");
        assertThat(mapping.workspace(IncidentSource.SENTINELONE, "1626072197849348704"))
                .contains("9d8c7b6a-5f4e-4d3c-8b2a-19f0e8d7c6b5");
        assertThat(mapping.workspace(IncidentSource.SENTINELONE, "0123456")).as("site ids are exact").isEmpty();
        assertThat(mapping.workspace(IncidentSource.SENTINELONE, "999")).isEmpty();
        assertThat(mapping.workspace(IncidentSource.SENTINELONE, null)).isEmpty();
        assertThat(mapping.workspace(IncidentSource.QRADAR, "x")).isEmpty();
    }

    @Test
    void runtimeLookupsOfUnmappedValuesNameFileTableAndValue() {
        StatusMapping mapping = StatusMapping.load(SHIPPED);

        assertThatThrownBy(() -> mapping.status(IncidentSource.SENTINEL, "Archived"))
                .isInstanceOf(MappingException.class)
                .hasMessage("config/mapping.yaml has no sentinel.status entry for 'Archived'");
        assertThatThrownBy(() -> mapping.status(IncidentSource.SENTINELONE, null))
                .hasMessage("config/mapping.yaml has no sentinelone.status entry for a missing value");
        assertThatThrownBy(() -> mapping.classification(IncidentSource.SENTINELONE, "benign"))
                .hasMessage("config/mapping.yaml has no sentinelone.classification entry for 'benign'");
        assertThatThrownBy(() -> mapping.classificationReason(IncidentSource.SENTINELONE, "Malware"))
                .hasMessage("config/mapping.yaml has no sentinelone.classificationReason entry for 'Malware'");
        assertThatThrownBy(() -> mapping.status(IncidentSource.DEFENDER_XDR, "unknownFutureValue"))
                .hasMessage("config/mapping.yaml has no defenderxdr.status entry for 'unknownFutureValue'");
    }

    @Test
    void nullClassificationsMapToNull() {
        StatusMapping mapping = StatusMapping.load(SHIPPED);

        assertThat(mapping.classification(IncidentSource.SENTINEL, null)).isNull();
        assertThat(mapping.classificationReason(IncidentSource.SENTINEL, null)).isNull();
    }

    @Test
    void partialTablesLoadAndFailOnlyAtLookup() {
        Path file = write("sentinel:\n  status:\n    Closed: Closed\n");

        StatusMapping mapping = StatusMapping.load(file);

        assertThat(mapping.status(IncidentSource.SENTINEL, "Closed")).isEqualTo(Status.Closed);
        assertThatThrownBy(() -> mapping.status(IncidentSource.SENTINEL, "New"))
                .hasMessage(file + " has no sentinel.status entry for 'New'");
        assertThatThrownBy(() -> mapping.classification(IncidentSource.SENTINEL, "TruePositive"))
                .hasMessage(file + " has no sentinel.classification entry for 'TruePositive'");
    }

    // ---- start-up check ----

    @Test
    void missingFile() {
        assertThatThrownBy(() -> StatusMapping.load(Path.of("config/no-such-mapping.yaml")))
                .isInstanceOf(MappingException.class)
                .hasMessage("config/no-such-mapping.yaml: file not found");
    }

    @Test
    void yamlSyntaxErrorGivesLineAndColumn() {
        assertThat(problemFor("sentinel:\n  status:\n    New: New\n   Active: Active\n"))
                .startsWith("F:4:4: expected <block end>, but found '<block mapping start>'")
                .contains("(while parsing a block mapping at line 2, column 3)")
                .endsWith("; check the indentation");
        assertThat(problemFor("sentinel:\n  status: {New: New\n"))
                .startsWith("F:3:1: ");
        assertThat(problemFor("sentinel:\n\tstatus: {}\n"))
                .startsWith("F:2:1: found character '\\t(TAB)' that cannot start any token");
    }

    @Test
    void duplicateKeysAreSyntaxErrors() {
        assertThat(problemFor("sentinel:\n  status:\n    New: New\n    New: Active\n"))
                .matches("F:4:\\d+: Duplicate field 'New'");
    }

    @Test
    void emptyOrNonMappingFile() {
        assertThat(problemFor("# nothing yet\n"))
                .isEqualTo("F: is empty (expected the sections sentinel, sentinelone, defenderxdr, qradar, crowdstrike,"
                        + " splunk, contraforce-to-sentinelone, privacy-register, workspaces)");
        assertThat(problemFor("- sentinel\n"))
                .isEqualTo("F: must be a mapping of sections (sentinel, sentinelone, defenderxdr, qradar, crowdstrike,"
                        + " splunk, contraforce-to-sentinelone, privacy-register, workspaces), but is a list");
    }

    @Test
    void unknownSectionAndTable() {
        assertThat(problemFor("splunkes:\n  status:\n    New: New\n"))
                .isEqualTo("F: splunkes: unknown section (allowed: sentinel, sentinelone, defenderxdr, qradar,"
                        + " crowdstrike, splunk, contraforce-to-sentinelone, privacy-register, workspaces)");
        assertThat(problemFor("sentinel:\n  states:\n    New: New\n"))
                .isEqualTo("F: sentinel.states: unknown table (allowed for sentinel: status, classification,"
                        + " classificationReason)");
        assertThat(problemFor("sentinelone:\n  classificationReason:\n    x: Malware\n"))
                .isEqualTo("F: sentinelone.classificationReason: unknown table (allowed for sentinelone: status,"
                        + " classification)");
    }

    @Test
    void keyMustBeASourceValue() {
        assertThat(problemFor("sentinel:\n  status:\n    Actve: Active\n"))
                .isEqualTo("F: sentinel.status.Actve: 'Actve' is not a Microsoft Sentinel status"
                        + " (allowed: New, Active, Closed)");
        assertThat(problemFor("sentinelone:\n  status:\n    Resolved: Closed\n"))
                .isEqualTo("F: sentinelone.status.Resolved: 'Resolved' is not a SentinelOne incidentStatus"
                        + " (allowed: unresolved, in_progress, resolved)");
        assertThat(problemFor("sentinelone:\n  classification:\n    benign: BenignPositive\n"))
                .isEqualTo("F: sentinelone.classification.benign: 'benign' is not a SentinelOne analystVerdict"
                        + " (allowed: true_positive, false_positive, suspicious, undefined)");
        assertThat(problemFor("sentinel:\n  classificationReason:\n    Malware: Malware\n"))
                .isEqualTo("F: sentinel.classificationReason.Malware: 'Malware' is not a Microsoft Sentinel"
                        + " classificationReason (allowed: SuspiciousActivity, SuspiciousButExpected,"
                        + " IncorrectAlertLogic, InaccurateData)");
    }

    @Test
    void valueMustBeAContraForceConstantSpelledExactly() {
        assertThat(problemFor("sentinelone:\n  status:\n    resolved: Done\n"))
                .isEqualTo("F: sentinelone.status.resolved: 'Done' is not a ContraForce Status"
                        + " (allowed: Active, New, Closed)");
        assertThat(problemFor("sentinel:\n  status:\n    Closed: closed\n"))
                .isEqualTo("F: sentinel.status.Closed: 'closed' is not a ContraForce Status"
                        + " (allowed: Active, New, Closed)");
        assertThat(problemFor("sentinel:\n  classification:\n    TruePositive: True Positive\n"))
                .startsWith("F: sentinel.classification.TruePositive: 'True Positive' is not a ContraForce"
                        + " Classification (allowed: BenignPositive, FalsePositive, TruePositive, Undetermined,");
        assertThat(problemFor("sentinel:\n  classificationReason:\n    InaccurateData: Inaccurate\n"))
                .startsWith("F: sentinel.classificationReason.InaccurateData: 'Inaccurate' is not a ContraForce"
                        + " ClassificationReason (allowed: InaccurateData, IncorrectAlertLogic,");
        assertThat(problemFor("sentinel:\n  status:\n    New:\n"))
                .isEqualTo("F: sentinel.status.New: has no value (allowed: Active, New, Closed)");
        assertThat(problemFor("sentinel:\n  status:\n    New: [New, Active]\n"))
                .isEqualTo("F: sentinel.status.New: must be a single ContraForce Status, but is a list");
        assertThat(problemFor("sentinel:\n  status: New\n"))
                .isEqualTo("F: sentinel.status: must be a mapping of Microsoft Sentinel status -> ContraForce"
                        + " Status, but is the single value 'New'");
    }

    @Test
    void workspaceIdsMustBeUuids() {
        assertThat(problemFor("workspaces:\n  sentinelone:\n    \"123456\": not-a-uuid\n"))
                .isEqualTo("F: workspaces.sentinelone.123456: 'not-a-uuid' is not a UUID (expected a ContraForce"
                        + " workspace id such as 6eca6a1f-2b3c-4d5e-8f90-a1b2c3d4e5f6)");
        assertThat(problemFor("workspaces:\n  splunkes:\n    x: 6eca6a1f-2b3c-4d5e-8f90-a1b2c3d4e5f6\n"))
                .isEqualTo("F: workspaces.splunkes: unknown source (allowed: sentinel, sentinelone, defenderxdr,"
                        + " qradar, crowdstrike, splunk)");
        assertThat(problemFor("workspaces:\n  sentinel:\n    ws: \n"))
                .isEqualTo("F: workspaces.sentinel.ws: has no value (expected a ContraForce workspace id, a UUID)");
        assertThat(problemFor("workspaces:\n  sentinel:\n    ws: 6eca6a1f-2b3c-4d5e-8f90-a1b2c3d4e5f6\n"
                + "    WS: 9d8c7b6a-5f4e-4d3c-8b2a-19f0e8d7c6b5\n"))
                .isEqualTo("F: workspaces.sentinel.WS: 'WS' is the same workspace as 'ws' (Microsoft Sentinel"
                        + " workspace names ignore case)");
    }

    @Test
    void allProblemsAreReportedTogether() {
        Path file = write("sentinel:\n  status:\n    Actve: Active\n    Closed: Done\n"
                + "workspaces:\n  sentinel:\n    ws: 123\n");

        assertThatThrownBy(() -> StatusMapping.load(file))
                .isInstanceOfSatisfying(MappingException.class, e -> assertThat(e.problems()).containsExactly(
                        file + ": sentinel.status.Actve: 'Actve' is not a Microsoft Sentinel status"
                                + " (allowed: New, Active, Closed)",
                        file + ": sentinel.status.Closed: 'Done' is not a ContraForce Status"
                                + " (allowed: Active, New, Closed)",
                        file + ": workspaces.sentinel.ws: '123' is not a UUID (expected a ContraForce workspace"
                                + " id such as 6eca6a1f-2b3c-4d5e-8f90-a1b2c3d4e5f6)"))
                .hasMessageContaining("\n");
    }

    @Test
    void theAnyWorkspaceEntryAppliesOnlyWhenNoExactEntryDoes() {
        StatusMapping mapping = StatusMapping.load(SHIPPED);

        assertThat(mapping.workspace(IncidentSource.QRADAR, "0")).contains("3f2a4b1c-7d5e-4c8a-9b6f-1e2d3c4b5a61");
        assertThat(mapping.workspace(IncidentSource.QRADAR, "7")).as("no * for qradar").isEmpty();
        assertThat(mapping.workspace(IncidentSource.SPLUNK, null)).contains("3f2a4b1c-7d5e-4c8a-9b6f-1e2d3c4b5a61");
        assertThat(mapping.workspace(IncidentSource.CROWDSTRIKE, "any-cid"))
                .contains("6eca6a1f-2b3c-4d5e-8f90-a1b2c3d4e5f6");
        assertThat(mapping.workspace(IncidentSource.SENTINEL, null)).as("no * for sentinel").isEmpty();
    }
}
