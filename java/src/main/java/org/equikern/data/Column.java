package org.equikern.data;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** One entry of a {@code Properties=name:type:columns:…} specification, e.g. {@code forces:R:3}. */
final class Column {
    final String name;
    final ValueType type;
    final int width;
    /** Index of this column's first token on an atom line. */
    final int firstToken;

    Column(String name, ValueType type, int width, int firstToken) {
        this.name = name;
        this.type = type;
        this.width = width;
        this.firstToken = firstToken;
    }

    /**
     * Parses a Properties value.
     *
     * @throws IllegalArgumentException naming the entry at fault
     */
    static List<Column> parseAll(String spec) {
        String[] fields = spec.split(":", -1);
        if (fields.length % 3 != 0) {
            throw new IllegalArgumentException("Properties=" + spec + " has " + fields.length
                    + " ':'-separated fields, not name:type:columns triplets");
        }
        List<Column> columns = new ArrayList<>();
        Set<String> names = new HashSet<>();
        int token = 0;
        for (int f = 0; f < fields.length; f += 3) {
            String name = fields[f];
            ValueType type = ValueType.ofCode(fields[f + 1]);
            if (name.isEmpty() || !names.add(name)) {
                throw new IllegalArgumentException("Properties=" + spec + ": entry " + f / 3 + " has "
                        + (name.isEmpty() ? "an empty name" : "the name '" + name + "' twice"));
            }
            if (type == null) {
                throw new IllegalArgumentException("Properties=" + spec + ": '" + name + "' has type '"
                        + fields[f + 1] + "'; types are R, I, S, L");
            }
            Long width = ValueType.parseInteger(fields[f + 2]);
            if (width == null || width < 1 || width > 1_000_000) {
                throw new IllegalArgumentException("Properties=" + spec + ": '" + name + "' has "
                        + fields[f + 2] + " columns; expected a whole number from 1 to 1000000");
            }
            columns.add(new Column(name, type, width.intValue(), token));
            token += width.intValue();
        }
        return columns;
    }

    /** {@code name:T:width} as written in Properties. */
    static String spec(String name, ValueType type, int width) {
        return name + ":" + type.code() + ":" + width;
    }

    @Override
    public String toString() {
        return spec(name, type, width);
    }
}
