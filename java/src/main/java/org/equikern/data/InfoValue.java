package org.equikern.data;

/**
 * One per-frame value of a {@link Structure} (a {@code key=value} of the extended XYZ comment line,
 * ASE's {@code atoms.info}): a scalar or a one-dimensional array of reals, integers, logicals or
 * strings. Reading follows ASE: a value whose tokens are all integers is an integer, else all reals
 * a real, else all T/F/True/False a logical, else one string; one token is a scalar, several an array.
 * Immutable.
 */
public final class InfoValue {
    private final ValueType type;
    private final boolean scalar;
    private final Object data;

    private InfoValue(ValueType type, boolean scalar, Object data) {
        this.type = type;
        this.scalar = scalar;
        this.data = data;
    }

    /**
     * A real scalar.
     *
     * @param value the value
     * @return the scalar value
     */
    public static InfoValue of(double value) {
        return new InfoValue(ValueType.REAL, true, new double[] {value});
    }

    /**
     * An integer scalar.
     *
     * @param value the value
     * @return the scalar value
     */
    public static InfoValue of(long value) {
        return new InfoValue(ValueType.INTEGER, true, new long[] {value});
    }

    /**
     * A logical scalar.
     *
     * @param value the value
     * @return the scalar value
     */
    public static InfoValue of(boolean value) {
        return new InfoValue(ValueType.LOGICAL, true, new boolean[] {value});
    }

    /**
     * A string (the writer quotes and escapes it as needed; one that reads as a number comes back as one, as
     * in ASE).
     *
     * @param value the string, not null
     * @return the scalar value
     * @throws IllegalArgumentException for null
     */
    public static InfoValue of(String value) {
        if (value == null) {
            throw new IllegalArgumentException("InfoValue: string must not be null");
        }
        return new InfoValue(ValueType.STRING, true, new String[] {value});
    }

    /**
     * An array: a double[], long[] or boolean[] (copied). Strings are scalars only, as in extended XYZ.
     *
     * @param values the values, not a {@code String[]}
     * @return the array value
     * @throws IllegalArgumentException for another array type, a {@code String[]} or null
     */
    public static InfoValue ofArray(Object values) {
        ValueType type = TypedData.typeOf("InfoValue", values);
        if (type == ValueType.STRING) {
            throw new IllegalArgumentException("InfoValue: string arrays have no extended XYZ form; join them into one string");
        }
        return new InfoValue(type, false, TypedData.copy(values));
    }

    /** Types the text of a comment-line value as ASE does; {@code raw} is the value with quotes and escapes removed. */
    static InfoValue parse(String raw) {
        String[] tokens = raw.trim().isEmpty() ? new String[0] : raw.trim().split("[\\s,]+");
        for (ValueType type : new ValueType[] {ValueType.INTEGER, ValueType.REAL, ValueType.LOGICAL}) {
            Object data = parseAll(type, tokens);
            if (data != null && tokens.length > 0) {
                return new InfoValue(type, tokens.length == 1, data);
            }
        }
        return new InfoValue(ValueType.STRING, true, new String[] {raw});
    }

    private static Object parseAll(ValueType type, String[] tokens) {
        Object data = type.newArray(tokens.length);
        for (int i = 0; i < tokens.length; i++) {
            if (!type.parseInto(tokens[i], data, i)) {
                return null;
            }
        }
        return data;
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
     * True for a single value, false for an array (even one of length 1).
     *
     * @return whether the value is a scalar
     */
    public boolean isScalar() {
        return scalar;
    }

    /**
     * Number of values (1 for a scalar).
     *
     * @return the value count
     */
    public int length() {
        return TypedData.length(data);
    }

    /**
     * A real or integer scalar as a double.
     *
     * @return the value
     * @throws IllegalStateException for an array or a value that is not real or integer
     */
    public double asDouble() {
        requireScalar();
        if (type == ValueType.INTEGER) {
            return ((long[]) data)[0];
        }
        return ((double[]) TypedData.require("InfoValue", type, ValueType.REAL, data))[0];
    }

    /**
     * An integer scalar.
     *
     * @return the value
     * @throws IllegalStateException for an array or a value that is not an integer
     */
    public long asLong() {
        requireScalar();
        return ((long[]) TypedData.require("InfoValue", type, ValueType.INTEGER, data))[0];
    }

    /**
     * A logical scalar.
     *
     * @return the value
     * @throws IllegalStateException for an array or a value that is not logical
     */
    public boolean asBoolean() {
        requireScalar();
        return ((boolean[]) TypedData.require("InfoValue", type, ValueType.LOGICAL, data))[0];
    }

    /**
     * A string scalar.
     *
     * @return the value
     * @throws IllegalStateException for a value that is not a string
     */
    public String asString() {
        return ((String[]) TypedData.require("InfoValue", type, ValueType.STRING, data))[0];
    }

    /**
     * Reals, or integers widened to doubles, scalar or array.
     *
     * @return a new array of the values
     * @throws IllegalStateException for a value that is neither real nor integer
     */
    public double[] doubles() {
        if (type == ValueType.INTEGER) {
            long[] v = (long[]) data;
            double[] out = new double[v.length];
            for (int i = 0; i < v.length; i++) {
                out[i] = v[i];
            }
            return out;
        }
        return (double[]) TypedData.require("InfoValue", type, ValueType.REAL, data);
    }

    /**
     * The integers, scalar or array.
     *
     * @return a new array of the values
     * @throws IllegalStateException for a value that is not integer
     */
    public long[] longs() {
        return (long[]) TypedData.require("InfoValue", type, ValueType.INTEGER, data);
    }

    /**
     * The logicals, scalar or array.
     *
     * @return a new array of the values
     * @throws IllegalStateException for a value that is not logical
     */
    public boolean[] booleans() {
        return (boolean[]) TypedData.require("InfoValue", type, ValueType.LOGICAL, data);
    }

    private void requireScalar() {
        if (!scalar) {
            throw new IllegalStateException("InfoValue: an array of " + length() + " " + type + " values, not a scalar");
        }
    }

    /** The value as the comment line holds it, before quoting: tokens separated by single spaces. */
    String text() {
        return TypedData.describe(type, data);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InfoValue && ((InfoValue) o).type == type && ((InfoValue) o).scalar == scalar
                && TypedData.equal(((InfoValue) o).data, data);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * type.hashCode() + Boolean.hashCode(scalar)) + TypedData.hash(data);
    }

    @Override
    public String toString() {
        return scalar ? text() : "[" + text() + "]";
    }
}
