package org.equikern.data;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Turns the lines of one extended XYZ frame into a {@link Structure}, as {@link ExtXyz} configures. */
final class FrameParser {
    private static final String DEFAULT_PROPERTIES = "species:S:1:pos:R:3";
    /** ASE leaves these values as text. */
    private static final String UNPROCESSED = "uid";

    private final ExtXyz format;
    private final String source;

    FrameParser(ExtXyz format, String source) {
        this.format = format;
        this.source = source;
    }

    /**
     * @param countLine line number of the atom count line; the comment is on the next line and atom
     *                  {@code k} on line {@code countLine + 2 + k}
     */
    Structure parse(long countLine, String comment, List<String> atomLines) {
        long commentLine = countLine + 1;
        Map<String, String> pairs;
        try {
            pairs = CommentLine.parse(comment);
        } catch (IllegalArgumentException e) {
            throw error(commentLine, e.getMessage(), e);
        }
        String properties = pairs.getOrDefault("Properties", DEFAULT_PROPERTIES);
        List<Column> columns;
        try {
            columns = Column.parseAll(properties);
        } catch (IllegalArgumentException e) {
            throw error(commentLine, e.getMessage(), e);
        }
        AtomColumns atoms = readColumns(columns, countLine + 2, atomLines);
        try {
            Structure.Builder b = Structure.builder(atoms.symbols(commentLine), atoms.positions);
            readComment(b, pairs, commentLine);
            if (atoms.forces != null) {
                b.forces(atoms.forces);
            }
            atoms.extras.forEach(b::array);
            return b.build();
        } catch (IllegalArgumentException e) {
            throw error(commentLine, e.getMessage(), e);
        }
    }

    private void readComment(Structure.Builder b, Map<String, String> pairs, long line) {
        String lattice = pairs.get("Lattice");
        if (lattice != null) {
            b.cell(numbers("Lattice", lattice, 9, line));
        }
        String pbc = pairs.get("pbc");
        if (pbc != null) {
            InfoValue flags = InfoValue.parse(pbc);
            if (flags.type() != ValueType.LOGICAL || flags.length() != 3) {
                throw error(line, "pbc=\"" + pbc + "\" must be three of T/F", null);
            }
            b.pbc(flags.booleans());
        } else {
            b.pbc(lattice != null, lattice != null, lattice != null);   // ASE: a Lattice alone is periodic
        }
        for (Map.Entry<String, String> e : pairs.entrySet()) {
            String key = e.getKey();
            if (Structure.RESERVED_INFO.contains(key)) {
                continue;
            }
            if (key.equals(format.energyKey())) {
                b.energy(numbers(key, e.getValue(), 1, line)[0]);
            } else {
                b.info(key, key.equals(UNPROCESSED) ? InfoValue.of(e.getValue()) : InfoValue.parse(e.getValue()));
            }
        }
    }

    private double[] numbers(String key, String text, int count, long line) {
        InfoValue v = InfoValue.parse(text);
        if ((v.type() != ValueType.REAL && v.type() != ValueType.INTEGER) || v.length() != count) {
            throw error(line, key + "=\"" + text + "\" must be " + (count == 1 ? "a number" : count + " numbers"),
                    null);
        }
        return v.doubles();
    }

    private AtomColumns readColumns(List<Column> columns, long firstLine, List<String> lines) {
        Column last = columns.get(columns.size() - 1);
        int width = last.firstToken + last.width;
        int n = lines.size();
        Object[] data = new Object[columns.size()];
        for (int c = 0; c < columns.size(); c++) {
            Column col = columns.get(c);
            data[c] = wanted(col) ? col.type.newArray(Math.multiplyExact(n, col.width)) : null;
        }
        for (int k = 0; k < n; k++) {
            long line = firstLine + k;
            String[] tokens = lines.get(k).trim().split("\\s+");
            int found = tokens.length == 1 && tokens[0].isEmpty() ? 0 : tokens.length;
            if (found != width) {
                throw error(line, "Properties says " + width + " columns, line has " + found, null);
            }
            for (int c = 0; c < columns.size(); c++) {
                Column col = columns.get(c);
                for (int w = 0; w < col.width && data[c] != null; w++) {
                    String token = tokens[col.firstToken + w];
                    if (!col.type.parseInto(token, data[c], k * col.width + w)) {
                        throw error(line, "column " + (col.firstToken + w + 1) + " (" + col + "): '" + token
                                + "' is not " + article(col.type), null);
                    }
                }
            }
        }
        return new AtomColumns(columns, data, firstLine - 1);
    }

    private boolean wanted(Column col) {
        return Structure.RESERVED_ARRAYS.contains(col.name) || col.name.equals(format.forcesKey())
                || format.keepsArray(col.name);
    }

    private static String article(ValueType type) {
        return type == ValueType.INTEGER ? "an integer" : "a " + type.name().toLowerCase(Locale.ROOT);
    }

    private ExtXyzFormatException error(long line, String detail, Throwable cause) {
        return new ExtXyzFormatException(source, line, detail, cause);
    }

    /** The columns of one frame sorted into species, numbers, positions, forces and extras. */
    private final class AtomColumns {
        String[] species;
        long[] z;
        double[] positions;
        double[] forces;
        final Map<String, AtomArray> extras = new java.util.LinkedHashMap<>();

        AtomColumns(List<Column> columns, Object[] data, long commentLine) {
            for (int c = 0; c < columns.size(); c++) {
                Column col = columns.get(c);
                if (data[c] == null) {
                    continue;
                }
                if (col.name.equals("species")) {
                    species = (String[]) require(col, ValueType.STRING, 1, data[c], commentLine);
                } else if (col.name.equals("Z")) {
                    z = (long[]) require(col, ValueType.INTEGER, 1, data[c], commentLine);
                } else if (col.name.equals("pos")) {
                    positions = (double[]) require(col, ValueType.REAL, 3, data[c], commentLine);
                } else if (col.name.equals(format.forcesKey())) {
                    forces = (double[]) require(col, ValueType.REAL, 3, data[c], commentLine);
                } else {
                    extras.put(col.name, AtomArray.adopt(col.type, col.width, data[c]));
                }
            }
            if (positions == null) {
                throw error(commentLine, "Properties has no pos:R:3 column", null);
            }
            if (species == null && z == null) {
                throw error(commentLine, "Properties has neither species:S:1 nor Z:I:1", null);
            }
        }

        private Object require(Column col, ValueType type, int width, Object data, long line) {
            if (col.type != type || col.width != width) {
                throw error(line, "Properties column " + col + " must be " + Column.spec(col.name, type, width), null);
            }
            return data;
        }

        /** Symbols from species (capitalized as ASE does), checked against Z when both are given. */
        String[] symbols(long line) {
            int n = positions.length / 3;
            String[] symbols = new String[n];
            for (int i = 0; i < n; i++) {
                if (species != null) {
                    String s = species[i];
                    symbols[i] = s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1).toLowerCase(Locale.ROOT);
                    if (Elements.number(symbols[i]) < 0) {
                        throw error(line + 1 + i, "species '" + s + "' names no element", null);
                    }
                }
                if (z != null) {
                    if (z[i] < 1 || z[i] > Elements.maxNumber()) {
                        throw error(line + 1 + i, "Z " + z[i] + " is outside 1.." + Elements.maxNumber(), null);
                    }
                    String fromZ = Elements.symbol((int) z[i]);
                    if (symbols[i] != null && !symbols[i].equals(fromZ)) {
                        throw error(line + 1 + i, "species '" + symbols[i] + "' but Z " + z[i] + " (" + fromZ + ")",
                                null);
                    }
                    symbols[i] = fromZ;
                }
            }
            return symbols;
        }
    }
}
