package org.soarplaybooks.bulk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.soarplaybooks.contract.ContractCheck;

/**
 * {@link BulkRowCheck} checks rows against the request schema, a valid row shape only once (the contract check's
 * item shapes): rows of one shape get the answer the schema gives each of them, and a value that changes the answer
 * (an enum, a type) makes another shape.
 */
class BulkRowCheckShapesTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String WS = "3fa85f64-5717-4562-b3fc-2c963f66afa6";

    private final BulkRowCheck check = new BulkRowCheck(new ContractCheck());

    private CheckedRow row(long line, String json) throws Exception {
        return check.check(new BulkRow(line, JSON.readTree(json), null), "f.csv");
    }

    @Test
    void rowsOfOneShapeGetTheirOwnAnswer() throws Exception {
        CheckedRow good = row(2, "{\"id\":\"P-1\",\"workspace\":\"" + WS + "\",\"source\":\"Sentinel\","
                + "\"status\":\"Closed\",\"comment\":\"done\"}");
        CheckedRow bogus = row(3, "{\"id\":\"P-2\",\"workspace\":\"" + WS + "\",\"source\":\"Sentinel\","
                + "\"status\":\"Bogus\",\"comment\":\"other text\"}");
        CheckedRow goodAgain = row(4, "{\"id\":\"P-3\",\"workspace\":\"" + WS + "\",\"source\":\"Sentinel\","
                + "\"status\":\"Closed\",\"comment\":\"more\"}");
        CheckedRow bogusAgain = row(5, "{\"id\":\"P-4\",\"workspace\":\"" + WS + "\",\"source\":\"Sentinel\","
                + "\"status\":\"Bogus\",\"comment\":\"x\"}");
        CheckedRow numberId = row(6, "{\"id\":7,\"workspace\":\"" + WS + "\",\"source\":\"Sentinel\","
                + "\"status\":\"Closed\",\"comment\":\"x\"}");
        CheckedRow notAUuid = row(7, "{\"id\":\"P-5\",\"workspace\":\"ws-1\",\"source\":\"Sentinel\","
                + "\"status\":\"Closed\",\"comment\":\"x\"}");

        assertThat(good.problem()).isNull();
        assertThat(good.request().id()).isEqualTo("P-1");
        assertThat(goodAgain.problem()).isNull();
        assertThat(goodAgain.request().id()).isEqualTo("P-3");
        assertThat(goodAgain.request().comment()).isEqualTo("more");
        assertThat(bogus.problem()).startsWith("line 3: status ").contains("Bogus");
        assertThat(bogusAgain.problem()).isEqualTo(bogus.problem().replace("line 3", "line 5"));
        assertThat(numberId.problem()).startsWith("line 6: id ");
        assertThat(notAUuid.problem()).isEqualTo("line 7: workspace \"ws-1\" is not a UUID (a ContraForce "
                + "workspace id)");
    }
}
