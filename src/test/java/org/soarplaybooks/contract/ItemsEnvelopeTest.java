package org.soarplaybooks.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The bulk request's shortcut ({@link ItemsEnvelope}): once item shapes are known to be valid, a body that breaks
 * the schema anywhere (a bad item among good ones, a field name made to look like two fields, a wrong envelope) is
 * still refused, with the validator's own violations; a good body passes. Only the bulk schema takes the shortcut.
 */
class ItemsEnvelopeTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String BULK = "contraforce-bulk-update-incidents";
    static final String GOOD = "{\"id\": \"%s\", \"status\": \"Closed\", \"workspace\": "
            + "\"6eca6a1f-2b3c-4d5e-8f90-a1b2c3d4e5f6\", \"classification\": \"FalsePositive\", \"comment\": \"c\", "
            + "\"incidentSource\": \"SentinelOne\"}";

    static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    /** A check whose memo already holds the good shape (as after the first calls of a bulk file). */
    static ContractCheck warmed() throws Exception {
        ContractCheck check = new ContractCheck();
        for (int i = 0; i < 3; i++) {
            assertThat(check.violations(BULK, json("{\"items\": [" + GOOD.formatted("a" + i) + ", "
                    + GOOD.formatted("b" + i) + "]}"))).isEmpty();
        }
        // the shape a field named "id=<string>\nstatus" would fake without the names' lengths in the shape
        assertThat(check.violations(BULK, json("{\"items\": [{\"id\": \"q\", \"status\": \"Closed\"}]}"))).isEmpty();
        return check;
    }

    /** The violations of the plain validator, as a fresh ContractCheck gives them for the whole body. */
    static int plainViolations(JsonNode body) throws Exception {
        var factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        try (InputStream in = ContractCheck.class.getClassLoader()
                .getResourceAsStream(ContractCheck.FOLDER + BULK + ContractCheck.SUFFIX)) {
            var schema = factory.getSchema(in, SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build());
            return schema.validate(body).size();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"items\": [GOOD, {\"id\": \"x\", \"status\": \"Open\"}]}",
            "{\"items\": [GOOD, {\"status\": \"Closed\"}]}",
            "{\"items\": [GOOD, {\"id\": 7}]}",
            "{\"items\": [GOOD, {\"id\": null}]}",
            "{\"items\": [GOOD, {\"id\": \"x\", \"Status\": \"Closed\"}]}",
            "{\"items\": [GOOD, {\"id=<string>\\nstatus\": \"Closed\"}]}",
            "{\"items\": [GOOD, {\"id\": \"x\", \"workspace\": 5}]}",
            "{\"items\": [GOOD, {\"id\": \"x\", \"user\": {\"nick\": \"a\"}}]}",
            "{\"items\": [GOOD, null]}",
            "{\"items\": [GOOD, \"x\"]}",
            "{\"items\": []}",
            "{\"items\": {\"id\": \"x\"}}",
            "{\"items\": [GOOD], \"dryRun\": true}",
            "{\"Items\": [GOOD]}",
            "[GOOD]"})
    void aBodyThatBreaksTheSchemaIsRefusedEvenWhenItsOtherItemsAreKnown(String template) throws Exception {
        ContractCheck check = warmed();
        JsonNode body = json(template.replace("GOOD", GOOD.formatted("c")));

        List<ContractViolation> violations = check.violations(BULK, body);

        assertThat(violations).isNotEmpty();
        assertThat(violations).isEqualTo(new ContractCheck().violations(BULK, body));
        assertThat(plainViolations(body)).as("the validator itself refuses it").isPositive();
    }

    @Test
    void aGoodBodyOfKnownAndNewShapesPasses() throws Exception {
        ContractCheck check = warmed();
        assertThat(check.violations(BULK, json("{\"items\": [" + GOOD.formatted("z") + ", {\"id\": \"y\"}, "
                + "{\"id\": \"w\", \"comment\": null, \"removeAssignee\": false}]}"))).isEmpty();
    }

    @Test
    void onlyTheEnvelopeOfIndependentItemsTakesTheShortcut() throws Exception {
        for (String schema : List.of("contraforce-update-incident-status", "sentinelone-update-threat-incident",
                "onetrust-update-incident", "adversarial-update-incidents")) {
            try (InputStream in = ContractCheck.class.getClassLoader()
                    .getResourceAsStream(ContractCheck.FOLDER + schema + ContractCheck.SUFFIX)) {
                assertThat(ItemsEnvelope.of(JSON.readTree(in))).as(schema).isNull();
            }
        }
        try (InputStream in = ContractCheck.class.getClassLoader()
                .getResourceAsStream(ContractCheck.FOLDER + BULK + ContractCheck.SUFFIX)) {
            ItemsEnvelope envelope = ItemsEnvelope.of(JSON.readTree(in));
            assertThat(envelope).isNotNull();
            assertThat(envelope.shapeOf(json("{\"id\": \"1\", \"comment\": \"a\", \"status\": \"New\"}")))
                    .isEqualTo(envelope.shapeOf(json("{\"id\": \"2\", \"comment\": \"b\", \"status\": \"New\"}")))
                    .isNotEqualTo(envelope.shapeOf(json("{\"id\": \"2\", \"comment\": \"b\", \"status\": \"Closed\"}")))
                    .isNotEqualTo(envelope.shapeOf(json("{\"id\": \"2\", \"comment\": null, \"status\": \"New\"}")));
        }
    }
}
