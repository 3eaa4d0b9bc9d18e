package org.soarplaybooks.bulk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.soarplaybooks.engine.PlaybookBeans;

/** The bulk file readers on real files: line numbers, byte order marks, line endings, and what ends a file. */
class BulkRowReaderTest {

    @TempDir
    Path dir;

    @Test
    void csvLinesAreWhereEachRecordStartsWhateverTheLineEndings() throws IOException {
        List<BulkRow> rows = read("a.csv", "\uFEFFid,Comment\r\n\r\nA,one\r\n\"B\",\"two\r\nlines\"\nC,three\r,,\nD,four");

        assertThat(rows).extracting(BulkRow::line).containsExactly(3L, 4L, 6L, 8L);
        assertThat(rows.get(0).item().toString()).isEqualTo("{\"id\":\"A\",\"Comment\":\"one\"}");
        assertThat(rows.get(1).item().path("Comment").asText()).isEqualTo("two\r\nlines");
        assertThat(rows).allSatisfy(r -> assertThat(r.problem()).isNull());
    }

    @Test
    void aCsvHeaderMustNameKnownColumnsOnce() {
        assertThatThrownBy(() -> read("dup.csv", "id,ID\nA,B\n")).isInstanceOf(BulkFileException.class)
                .hasMessage("dup.csv: line 1: column 'id' is named twice in the header row");
        assertThatThrownBy(() -> read("noid.csv", "status\nClosed\n")).isInstanceOf(BulkFileException.class)
                .hasMessage("noid.csv: line 1: the header row has no 'id' column (columns: id, workspace, source, status, "
                        + "classification, classificationReason, comment)");
        assertThatThrownBy(() -> read("empty.csv", "")).isInstanceOf(BulkFileException.class)
                .hasMessageStartingWith("empty.csv: no header row");
    }

    @Test
    void ndjsonCountsEveryPhysicalLineAndCapsLongOnes() throws IOException {
        String longLine = "{\"id\": \"" + "x".repeat(JsonLinesRowReader.MAX_LINE_CHARS) + "\"}";
        List<BulkRow> rows = read("a.ndjson", "\uFEFF{\"id\": \"1\"}\r\n\r\n" + longLine + "\n{\"id\": \"3\"}\r{\"id\": \"4\"}");

        assertThat(rows).extracting(BulkRow::line).containsExactly(1L, 3L, 4L, 5L);
        assertThat(rows.get(1).problem()).isEqualTo("is longer than 1048576 characters");
        assertThat(rows.get(1).item().asText()).hasSize(203);
        assertThat(rows.get(3).item().path("id").asText()).isEqualTo("4");
    }

    @Test
    void anNdjsonLineWithTwoValuesOrARepeatedFieldIsABadRow() throws IOException {
        List<BulkRow> rows = read("b.jsonl", "{\"id\": \"1\"} {\"id\": \"2\"}\n{\"id\": \"1\", \"id\": \"2\"}\n");

        assertThat(rows).extracting(BulkRow::problem).allSatisfy(p -> assertThat(p).isNotNull());
        assertThat(rows.get(1).problem()).startsWith("field 'id' is given twice");
    }

    @Test
    void jsonNeedsAnArrayOrAnObjectAndNothingAfterIt() {
        assertThatThrownBy(() -> read("s.json", "\"just text\"")).isInstanceOf(BulkFileException.class)
                .hasMessage("s.json: line 1: a bulk JSON file holds an array of rows or one row object, not a string");
        assertThatThrownBy(() -> read("e.json", "  ")).isInstanceOf(BulkFileException.class)
                .hasMessageStartingWith("e.json: the file is empty");
        assertThatThrownBy(() -> read("t.json", "[{\"id\": \"1\"}]\n[]")).isInstanceOf(BulkFileException.class)
                .hasMessage("t.json: line 2: content after the end of the array");
    }

    @Test
    void otherExtensionsAreNotBulkFiles() {
        assertThatThrownBy(() -> read("rows.txt", "id\nA\n")).isInstanceOf(BulkFileException.class)
                .hasMessage("rows.txt: not a bulk file type (.csv, .ndjson, .jsonl or .json)");
    }

    private List<BulkRow> read(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        List<BulkRow> rows = new ArrayList<>();
        try (BulkRowReader reader = BulkRowReader.open(file, name, PlaybookBeans.newMapper())) {
            reader.forEachRemaining(rows::add);
        }
        return rows;
    }
}
