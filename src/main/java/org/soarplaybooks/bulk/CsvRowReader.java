package org.soarplaybooks.bulk;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * CSV rows (RFC 4180: comma, double quotes, CRLF or LF), read with commons-csv one record at a time. The first
 * non-blank record is the header row; its names are matched case-insensitively against {@link BulkColumns} and
 * must include {@code id}. Cells are trimmed. Blank lines and records whose cells are all empty are skipped. A
 * record with a different number of cells than the header is a row with a problem. Each row's line is the
 * physical line where its record starts (a quoted cell may span lines).
 */
final class CsvRowReader implements BulkRowReader {

    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
            .setIgnoreEmptyLines(false) // keeps the lexer's line count exact; blank records are skipped here
            .setTrim(true)
            .get();

    private final String name;
    private final ObjectMapper mapper;
    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private final List<String> header;
    private BulkRow pending;
    private boolean ended;

    /** @throws BulkFileException when there is no header row or it names an unknown or repeated column */
    CsvRowReader(InputStream in, String name, ObjectMapper mapper) {
        this.name = name;
        this.mapper = mapper;
        try {
            this.parser = FORMAT.parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
        } catch (IOException | RuntimeException e) {
            throw new BulkFileException(name + ": not valid CSV: " + ReadSupport.firstLine(e.getMessage()));
        }
        this.records = parser.iterator();
        this.header = readHeader();
    }

    private List<String> readHeader() {
        while (true) {
            long line = parser.getCurrentLineNumber() + 1;
            CSVRecord record = nextRecord(line);
            if (record == null) {
                throw new BulkFileException(name + ": no header row; the first line must name the columns ("
                        + BulkColumns.list() + ")");
            }
            if (isBlank(record)) {
                continue;
            }
            List<String> names = new ArrayList<>(record.size());
            List<String> unknown = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (String cell : record) {
                String column = BulkColumns.canonical(cell);
                if (column == null) {
                    unknown.add("'" + cell + "'");
                } else if (!seen.add(column)) {
                    throw new BulkFileException(name + ": line " + line + ": column '" + column
                            + "' is named twice in the header row");
                }
                names.add(cell.trim());
            }
            if (!unknown.isEmpty()) {
                throw new BulkFileException(name + ": line " + line + ": the header row names unknown column(s) "
                        + String.join(", ", unknown) + "; the first line must name the columns ("
                        + BulkColumns.list() + ")");
            }
            if (!seen.contains("id")) {
                throw new BulkFileException(name + ": line " + line + ": the header row has no 'id' column (columns: "
                        + BulkColumns.list() + ")");
            }
            return List.copyOf(names);
        }
    }

    @Override
    public String format() {
        return "csv";
    }

    @Override
    public boolean hasNext() {
        while (pending == null && !ended) {
            long line = parser.getCurrentLineNumber() + 1;
            CSVRecord record = nextRecord(line);
            if (record == null) {
                ended = true;
            } else if (!isBlank(record)) {
                pending = rowOf(record, line);
            }
        }
        return pending != null;
    }

    @Override
    public BulkRow next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        BulkRow row = pending;
        pending = null;
        return row;
    }

    private BulkRow rowOf(CSVRecord record, long line) {
        ObjectNode item = mapper.createObjectNode();
        int cells = Math.min(record.size(), header.size());
        for (int i = 0; i < cells; i++) {
            item.put(header.get(i), record.get(i));
        }
        if (record.size() != header.size()) {
            return BulkRow.unreadable(line, item, "has " + record.size() + " cell(s); the header row has "
                    + header.size());
        }
        return BulkRow.of(line, item);
    }

    /** The next record, or null at the end. */
    private CSVRecord nextRecord(long line) {
        try {
            return records.hasNext() ? records.next() : null;
        } catch (RuntimeException e) {
            ended = true;
            Throwable why = e.getCause() != null && e.getCause().getMessage() != null ? e.getCause() : e;
            throw new BulkFileException(name + ": line " + line + ": not valid CSV: "
                    + ReadSupport.firstLine(why.getMessage()) + "; the rest of the file cannot be read");
        }
    }

    private static boolean isBlank(CSVRecord record) {
        for (String cell : record) {
            if (!cell.isEmpty()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        ReadSupport.closeQuietly(parser);
    }
}
