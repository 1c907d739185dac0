package org.equikern.data;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * One atomic structure (a frame of an extended XYZ file, ASE's {@code Atoms}): chemical symbols and
 * atomic numbers, positions ({@code atoms × 3}, row per atom), an optional cell (3×3, lattice vectors
 * as rows, row-major: {@code cell[3*a + k]} is component k of vector a) with periodic-boundary flags
 * per lattice vector, an optional energy and forces ({@code atoms × 3}), and named per-atom arrays and
 * per-frame values kept as read. Immutable: arrays are copied in and out.
 *
 * <p>Positions and the cell must be finite; a periodic direction needs a cell. Energy and forces are
 * data as read and are not checked.
 */
public final class Structure {
    /** Names extended XYZ gives a meaning of its own; per-frame values may not use them. */
    static final Set<String> RESERVED_INFO = Set.of("Lattice", "Properties", "pbc");
    /** Column names of the species, positions and atomic numbers; per-atom arrays may not use them. */
    static final Set<String> RESERVED_ARRAYS = Set.of("species", "pos", "Z");

    private final String[] symbols;
    private final int[] numbers;
    private final double[] positions;
    private final double[] cell;
    private final boolean[] pbc;
    private final Double energy;
    private final double[] forces;
    private final Map<String, AtomArray> arrays;
    private final Map<String, InfoValue> info;

    private Structure(Builder b, int[] numbers) {
        this.symbols = b.symbols.clone();
        this.numbers = numbers;
        this.positions = b.positions.clone();
        this.cell = b.cell == null ? null : b.cell.clone();
        this.pbc = b.pbc.clone();
        this.energy = b.energy;
        this.forces = b.forces == null ? null : b.forces.clone();
        this.arrays = Collections.unmodifiableMap(new LinkedHashMap<>(b.arrays));
        this.info = Collections.unmodifiableMap(new LinkedHashMap<>(b.info));
    }

    /**
     * Starts a structure of {@code symbols.length} atoms.
     *
     * @param symbols   chemical symbols such as "Cu" (capitalized as in the periodic table)
     * @param positions {@code atoms × 3} Cartesian positions
     * @return a builder with no cell, no periodicity, no energy and no forces
     */
    public static Builder builder(String[] symbols, double[] positions) {
        return new Builder(symbols, positions);
    }

    /**
     * A builder holding this structure's contents, to derive a changed copy.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        Builder b = new Builder(symbols, positions).pbc(pbc);
        b.cell = cell;
        b.energy = energy;
        b.forces = forces;
        b.arrays.putAll(arrays);
        b.info.putAll(info);
        return b;
    }

    /**
     * The number of atoms.
     *
     * @return the atom count, ≥ 0
     */
    public int atoms() {
        return symbols.length;
    }

    /**
     * The chemical symbols.
     *
     * @return a new array, one symbol per atom
     */
    public String[] symbols() {
        return symbols.clone();
    }

    /**
     * The atomic numbers.
     *
     * @return a new array, one number per atom
     */
    public int[] numbers() {
        return numbers.clone();
    }

    /**
     * {@code atoms × 3}, row per atom.
     *
     * @return a new array of {@code atoms × 3} values
     */
    public double[] positions() {
        return positions.clone();
    }

    /**
     * The 3×3 cell, lattice vectors as rows, or null when the structure has none.
     *
     * @return a new array of 9 values, or null
     */
    public double[] cell() {
        return cell == null ? null : cell.clone();
    }

    /**
     * Periodic-boundary flags of the three lattice vectors.
     *
     * @return a new array of 3 flags
     */
    public boolean[] pbc() {
        return pbc.clone();
    }

    /**
     * True when any direction is periodic.
     *
     * @return whether any of {@link #pbc()} is true
     */
    public boolean isPeriodic() {
        return pbc[0] || pbc[1] || pbc[2];
    }

    /**
     * Whether the structure has a reference energy.
     *
     * @return true when {@link #energy()} succeeds
     */
    public boolean hasEnergy() {
        return energy != null;
    }

    /**
     * The reference energy, in the unit of the file (eV for ASE's).
     *
     * @return the energy
     * @throws IllegalStateException when the structure has no energy
     */
    public double energy() {
        if (energy == null) {
            throw new IllegalStateException("structure of " + atoms() + " atoms has no energy");
        }
        return energy;
    }

    /**
     * {@code atoms × 3} forces, or null when the structure has none.
     *
     * @return a new array of {@code atoms × 3} values, or null
     */
    public double[] forces() {
        return forces == null ? null : forces.clone();
    }

    /**
     * Extra per-atom arrays by name, in file order (unmodifiable).
     *
     * @return the arrays
     */
    public Map<String, AtomArray> arrays() {
        return arrays;
    }

    /**
     * Per-frame values by name, in file order (unmodifiable).
     *
     * @return the values
     */
    public Map<String, InfoValue> info() {
        return info;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Structure[");
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String s : symbols) {
            counts.merge(s, 1, Integer::sum);
        }
        counts.forEach((s, n) -> sb.append(s).append(n));
        sb.append(", pbc=").append(pbc[0] ? 'T' : 'F').append(pbc[1] ? 'T' : 'F').append(pbc[2] ? 'T' : 'F');
        if (energy != null) {
            sb.append(", energy=").append(energy);
        }
        return sb.append(']').toString();
    }

    /**
     * Checks a name used as a {@code Properties} column or comment key: not empty, and free of
     * whitespace, quotes, brackets, {@code =}, {@code :} and backslashes, so it reads back unchanged.
     */
    static void checkName(String what, String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException(what + " name must not be empty");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isWhitespace(c) || "\"'{}[]=:\\".indexOf(c) >= 0) {
                throw new IllegalArgumentException(what + " name '" + name + "' contains '" + c
                        + "'; names may not hold whitespace, quotes, brackets, '=', ':' or '\\'");
            }
        }
    }

    /** Collects a structure's parts; {@link #build()} checks them all. */
    public static final class Builder {
        private final String[] symbols;
        private final double[] positions;
        private double[] cell;
        private boolean[] pbc = new boolean[3];
        private Double energy;
        private double[] forces;
        private final Map<String, AtomArray> arrays = new LinkedHashMap<>();
        private final Map<String, InfoValue> info = new LinkedHashMap<>();

        private Builder(String[] symbols, double[] positions) {
            if (symbols == null || positions == null) {
                throw new IllegalArgumentException("Structure: symbols and positions must not be null");
            }
            this.symbols = symbols.clone();
            this.positions = positions.clone();
        }

        /**
         * The cell, 9 values, lattice vectors as rows; null for none. Sets no periodicity by itself.
         *
         * @param cell 9 values, row-major, or null; copied
         * @return this builder
         */
        public Builder cell(double[] cell) {
            this.cell = cell == null ? null : cell.clone();
            return this;
        }

        /**
         * Periodicity along each lattice vector.
         *
         * @param a periodic along the first lattice vector
         * @param b periodic along the second lattice vector
         * @param c periodic along the third lattice vector
         * @return this builder
         */
        public Builder pbc(boolean a, boolean b, boolean c) {
            this.pbc = new boolean[] {a, b, c};
            return this;
        }

        /**
         * Periodicity along each lattice vector.
         *
         * @param pbc three flags; copied
         * @return this builder
         * @throws IllegalArgumentException unless pbc holds 3 flags
         */
        public Builder pbc(boolean[] pbc) {
            if (pbc == null || pbc.length != 3) {
                throw new IllegalArgumentException("Structure: pbc must hold 3 flags, got "
                        + (pbc == null ? "null" : pbc.length + ""));
            }
            this.pbc = pbc.clone();
            return this;
        }

        /**
         * A cell periodic in all three directions.
         *
         * @param cell 9 values, row-major; copied
         * @return this builder
         */
        public Builder periodicCell(double[] cell) {
            return cell(cell).pbc(true, true, true);
        }

        /**
         * The reference energy.
         *
         * @param energy the energy
         * @return this builder
         */
        public Builder energy(double energy) {
            this.energy = energy;
            return this;
        }

        /**
         * Removes the energy.
         *
         * @return this builder
         */
        public Builder noEnergy() {
            this.energy = null;
            return this;
        }

        /**
         * {@code atoms × 3} forces; null removes them.
         *
         * @param forces {@code atoms × 3} values, or null; copied
         * @return this builder
         */
        public Builder forces(double[] forces) {
            this.forces = forces == null ? null : forces.clone();
            return this;
        }

        /**
         * Adds or replaces a per-atom array; null removes it.
         *
         * @param name the array's name, no white space, not reserved
         * @param values its values, one row per atom, or null
         * @return this builder
         * @throws IllegalArgumentException for an empty or reserved name, or one holding white space, quotes,
         *     brackets, {@code =}, {@code :} or a backslash
         */
        public Builder array(String name, AtomArray values) {
            checkName("per-atom array", name);
            if (RESERVED_ARRAYS.contains(name)) {
                throw new IllegalArgumentException("per-atom array name '" + name + "' is reserved for "
                        + "species, positions or atomic numbers");
            }
            if (values == null) {
                arrays.remove(name);
            } else {
                arrays.put(name, values);
            }
            return this;
        }

        /**
         * Adds or replaces a per-frame value; null removes it.
         *
         * @param name the value's name, no white space, not reserved
         * @param value the value, or null
         * @return this builder
         * @throws IllegalArgumentException for an empty or reserved name, or one holding white space, quotes,
         *     brackets, {@code =}, {@code :} or a backslash
         */
        public Builder info(String name, InfoValue value) {
            checkName("per-frame value", name);
            if (RESERVED_INFO.contains(name)) {
                throw new IllegalArgumentException("per-frame value name '" + name + "' is reserved; set the cell, "
                        + "pbc and per-atom arrays through their own methods");
            }
            if (value == null) {
                info.remove(name);
            } else {
                info.put(name, value);
            }
            return this;
        }

        /**
         * Checks the parts against each other and builds the structure.
         *
         * @return the structure
         * @throws IllegalArgumentException naming the first part that is inconsistent or not finite
         */
        public Structure build() {
            int n = symbols.length;
            int[] numbers = new int[n];
            for (int i = 0; i < n; i++) {
                numbers[i] = symbols[i] == null ? -1 : Elements.number(symbols[i]);
                if (numbers[i] < 0) {
                    throw new IllegalArgumentException("Structure: atom " + i + " has symbol '" + symbols[i]
                            + "', which names no element");
                }
            }
            long expected = 3L * n;
            if (positions.length != expected) {
                throw new IllegalArgumentException("Structure: positions has length " + positions.length
                        + ", expected " + expected + " = 3 * " + n + " atoms");
            }
            requireFinite("position", positions);
            if (cell != null) {
                if (cell.length != 9) {
                    throw new IllegalArgumentException("Structure: cell has length " + cell.length + ", expected 9");
                }
                requireFinite("cell", cell);
            }
            for (int a = 0; a < 3; a++) {
                if (pbc[a] && cell == null) {
                    throw new IllegalArgumentException("Structure: periodic along lattice vector " + a
                            + " but no cell is given");
                }
            }
            if (forces != null && forces.length != expected) {
                throw new IllegalArgumentException("Structure: forces has length " + forces.length + ", expected "
                        + expected + " = 3 * " + n + " atoms");
            }
            arrays.forEach((name, a) -> {
                if (a.rows() != n) {
                    throw new IllegalArgumentException("Structure: per-atom array '" + name + "' has " + a.rows()
                            + " rows, expected one per atom (" + n + ")");
                }
            });
            return new Structure(this, numbers);
        }

        private static void requireFinite(String what, double[] values) {
            for (int i = 0; i < values.length; i++) {
                if (!Double.isFinite(values[i])) {
                    throw new IllegalArgumentException("Structure: " + what + " component " + i + " (row " + i / 3
                            + ", column " + i % 3 + ") is " + values[i] + ", must be finite");
                }
            }
        }
    }
}
