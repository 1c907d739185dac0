package org.equikern.data;

/**
 * One per-atom array of a {@link Structure} beyond species, positions and forces (extended XYZ's extra
 * {@code Properties} columns, e.g. {@code momenta:R:3}): a type, a number of columns and
 * {@code atoms × columns} values, row per atom. Immutable: accessors return copies.
 */
public final class AtomArray {
    private final ValueType type;
    private final int columns;
    private final Object data;

    private AtomArray(ValueType type, int columns, Object data) {
        this.type = type;
        this.columns = columns;
        this.data = data;
    }

    /**
     * @param columns values per atom (at least 1)
     * @param values  a double[], long[], boolean[] or String[] of {@code atoms × columns} entries,
     *                copied; the atom count is checked when the array is added to a structure
     * @return the array
     * @throws IllegalArgumentException for columns below 1, an unsupported array type or a length that is not
     *     a multiple of {@code columns}
     */
    public static AtomArray of(int columns, Object values) {
        if (columns < 1) {
            throw new IllegalArgumentException("AtomArray: columns must be >= 1, got " + columns);
        }
        ValueType type = TypedData.typeOf("AtomArray", values);
        int n = TypedData.length(values);
        if (n % columns != 0) {
            throw new IllegalArgumentException("AtomArray: " + n + " values are not a whole number of rows of "
                    + columns + " columns");
        }
        return new AtomArray(type, columns, TypedData.copy(values));
    }

    /** Wraps an array the caller gives up (the reader's freshly parsed columns). */
    static AtomArray adopt(ValueType type, int columns, Object data) {
        return new AtomArray(type, columns, data);
    }

    /**
     * The type of the values.
     *
     * @return the value type, which decides the accessor to use
     */
    public ValueType type() {
        return type;
    }

    /**
     * Values per atom.
     *
     * @return the column count, ≥ 1
     */
    public int columns() {
        return columns;
    }

    /**
     * Number of atoms (rows).
     *
     * @return the number of rows
     */
    public int rows() {
        return TypedData.length(data) / columns;
    }

    /**
     * The real values.
     *
     * @return a copy of the {@code rows × columns} values, row-major
     * @throws IllegalStateException when the type is not {@link ValueType#REAL}
     */
    public double[] reals() {
        return (double[]) TypedData.require("AtomArray", type, ValueType.REAL, data);
    }

    /**
     * The integer values.
     *
     * @return a copy of the {@code rows × columns} values, row-major
     * @throws IllegalStateException when the type is not {@link ValueType#INTEGER}
     */
    public long[] integers() {
        return (long[]) TypedData.require("AtomArray", type, ValueType.INTEGER, data);
    }

    /**
     * The logical values.
     *
     * @return a copy of the {@code rows × columns} values, row-major
     * @throws IllegalStateException when the type is not {@link ValueType#LOGICAL}
     */
    public boolean[] logicals() {
        return (boolean[]) TypedData.require("AtomArray", type, ValueType.LOGICAL, data);
    }

    /**
     * The string values.
     *
     * @return a copy of the {@code rows × columns} values, row-major
     * @throws IllegalStateException when the type is not {@link ValueType#STRING}
     */
    public String[] strings() {
        return (String[]) TypedData.require("AtomArray", type, ValueType.STRING, data);
    }

    /** Value {@code index} (row-major) as extended XYZ writes it. */
    String token(int index) {
        return type.token(data, index);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AtomArray && ((AtomArray) o).columns == columns && ((AtomArray) o).type == type
                && TypedData.equal(((AtomArray) o).data, data);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * type.hashCode() + columns) + TypedData.hash(data);
    }

    @Override
    public String toString() {
        return type.code() + ":" + columns + "[" + TypedData.describe(type, data) + "]";
    }
}
