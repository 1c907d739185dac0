package org.equikern.data;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Map;

/**
 * Writes structures as extended XYZ the way ASE does: the atom count; a comment line with
 * {@code Lattice="…"} (when there is a cell), {@code Properties=species:S:1:pos:R:3:…}, the per-frame
 * values, the energy and {@code pbc="T T T"}; then one line per atom with the species, positions, the
 * extra per-atom arrays and the forces. Numbers are written with {@link Double#toString}, so the
 * {@link ExtXyzReader} (and ASE) read back exactly the doubles written. Not thread-safe.
 */
public final class ExtXyzWriter implements Closeable {
    private final Writer out;
    private final ExtXyz format;

    ExtXyzWriter(Writer out, ExtXyz format) {
        this.out = out;
        this.format = format;
    }

    /**
     * Appends one frame.
     *
     * @param s the frame
     * @throws IllegalArgumentException when a per-frame value uses the energy key, a per-atom array
     *                                  the forces key, or a string value cannot be read back (empty,
     *                                  a line break, or whitespace in a per-atom string)
     */
    public void write(Structure s) {
        String text = frame(s);
        try {
            out.write(text);
        } catch (IOException e) {
            throw new UncheckedIOException("writing a frame: " + e.getMessage(), e);
        }
    }

    private String frame(Structure s) {
        checkClashes(s);
        int n = s.atoms();
        double[] forces = s.forces();
        StringBuilder sb = new StringBuilder().append(n).append('\n');
        double[] cell = s.cell();
        if (cell != null) {
            sb.append("Lattice=\"").append(join(cell)).append("\" ");
        }
        sb.append("Properties=species:S:1:pos:R:3");
        for (Map.Entry<String, AtomArray> e : s.arrays().entrySet()) {
            sb.append(':').append(Column.spec(e.getKey(), e.getValue().type(), e.getValue().columns()));
        }
        if (forces != null) {
            sb.append(':').append(Column.spec(format.forcesKey(), ValueType.REAL, 3));
        }
        for (Map.Entry<String, InfoValue> e : s.info().entrySet()) {
            sb.append(' ').append(CommentLine.pair(e.getKey(), infoText(e.getKey(), e.getValue())));
        }
        if (s.hasEnergy()) {
            sb.append(' ').append(CommentLine.pair(format.energyKey(), Double.toString(s.energy())));
        }
        boolean[] pbc = s.pbc();
        sb.append(" pbc=\"").append(pbc[0] ? 'T' : 'F').append(' ').append(pbc[1] ? 'T' : 'F').append(' ')
                .append(pbc[2] ? 'T' : 'F').append("\"\n");
        String[] symbols = s.symbols();
        double[] positions = s.positions();
        for (int i = 0; i < n; i++) {
            sb.append(symbols[i]);
            appendRow(sb, positions, i);
            for (Map.Entry<String, AtomArray> e : s.arrays().entrySet()) {
                AtomArray a = e.getValue();
                for (int c = 0; c < a.columns(); c++) {
                    sb.append(' ').append(atomToken(e.getKey(), a, i * a.columns() + c));
                }
            }
            if (forces != null) {
                appendRow(sb, forces, i);
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private void checkClashes(Structure s) {
        if (s.info().containsKey(format.energyKey())) {
            throw new IllegalArgumentException("per-frame value '" + format.energyKey() + "' has the name of the "
                    + "energy key; rename it or write with another energy key");
        }
        if (s.arrays().containsKey(format.forcesKey())) {
            throw new IllegalArgumentException("per-atom array '" + format.forcesKey() + "' has the name of the "
                    + "forces key; rename it or write with another forces key");
        }
    }

    private static String infoText(String key, InfoValue v) {
        String text = v.text();
        if (v.type() == ValueType.STRING && text.isEmpty()) {
            throw new IllegalArgumentException("per-frame value '" + key + "' is an empty string, which ASE "
                    + "does not read back");
        }
        return text;
    }

    private static String atomToken(String name, AtomArray a, int index) {
        String token = a.token(index);
        if (a.type() == ValueType.STRING && (token.isEmpty() || token.chars().anyMatch(Character::isWhitespace))) {
            throw new IllegalArgumentException("per-atom array '" + name + "' value " + index + " ('" + token
                    + "') is empty or holds whitespace, which a column cannot");
        }
        return token;
    }

    private static void appendRow(StringBuilder sb, double[] values, int row) {
        for (int k = 0; k < 3; k++) {
            sb.append(' ').append(values[3 * row + k]);
        }
    }

    private static String join(double[] values) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            sb.append(i == 0 ? "" : " ").append(values[i]);
        }
        return sb.toString();
    }

    /** Flushes and closes the underlying writer. */
    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("closing the extended XYZ output: " + e.getMessage(), e);
        }
    }
}
