package org.equikern.cli.figures;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The numbers behind a figure: named columns and rows of strings or numbers, written as RFC 4180
 * CSV (numbers with {@link Double#toString}, so they read back exactly). Not thread-safe.
 */
public final class CsvTable {
    private final List<String> columns;
    private final List<List<String>> rows = new ArrayList<>();

    /** A table with these column names (at least one). */
    public CsvTable(String... columns) {
        if (columns.length == 0) {
            throw new IllegalArgumentException("CSV table: at least one column is needed");
        }
        this.columns = List.of(columns);
    }

    /** Appends a row of one value (String or Number) per column. */
    public CsvTable row(Object... values) {
        if (values.length != columns.size()) {
            throw new IllegalArgumentException("CSV table: a row of " + values.length + " values for "
                    + columns.size() + " columns " + columns);
        }
        List<String> row = new ArrayList<>(values.length);
        for (Object v : values) {
            row.add(v instanceof Number n ? number(n) : String.valueOf(v));
        }
        rows.add(row);
        return this;
    }

    private static String number(Number n) {
        return n instanceof Integer || n instanceof Long ? n.toString() : Double.toString(n.doubleValue());
    }

    /** The column names. */
    public List<String> columns() {
        return columns;
    }

    /** Number of rows. */
    public int rowCount() {
        return rows.size();
    }

    /** The table as CSV text, header first, one line per row. */
    public String text() {
        StringBuilder sb = new StringBuilder();
        appendLine(sb, columns);
        rows.forEach(r -> appendLine(sb, r));
        return sb.toString();
    }

    private static void appendLine(StringBuilder sb, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            sb.append(i == 0 ? "" : ",").append(quote(cells.get(i)));
        }
        sb.append('\n');
    }

    /** Quotes a cell holding a comma, a quote or a line break, doubling its quotes. */
    private static String quote(String cell) {
        if (cell.chars().noneMatch(c -> c == ',' || c == '"' || c == '\n' || c == '\r')) {
            return cell;
        }
        return '"' + cell.replace("\"", "\"\"") + '"';
    }

    /** Writes the table to {@code path} (UTF-8). */
    public void write(Path path) {
        try {
            Files.writeString(path, text(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + path + ": " + e.getMessage(), e);
        }
    }
}
