package org.equikern.data;

import java.lang.reflect.Array;
import java.util.Arrays;

/** Copies, compares and checks the primitive arrays behind {@link AtomArray} and {@link InfoValue}. */
final class TypedData {
    private TypedData() {
    }

    /** The type of {@code data}, which must be a double[], long[], boolean[] or String[] without nulls. */
    static ValueType typeOf(String what, Object data) {
        ValueType type = ValueType.ofArray(data);
        if (type == null) {
            throw new IllegalArgumentException(what + ": values must be a double[], long[], boolean[] or String[], got "
                    + (data == null ? "null" : data.getClass().getSimpleName()));
        }
        if (type == ValueType.STRING) {
            String[] strings = (String[]) data;
            for (int i = 0; i < strings.length; i++) {
                if (strings[i] == null) {
                    throw new IllegalArgumentException(what + ": string " + i + " is null");
                }
            }
        }
        return type;
    }

    static int length(Object data) {
        return Array.getLength(data);
    }

    static Object copy(Object data) {
        if (data instanceof double[]) {
            return ((double[]) data).clone();
        }
        if (data instanceof long[]) {
            return ((long[]) data).clone();
        }
        if (data instanceof boolean[]) {
            return ((boolean[]) data).clone();
        }
        return ((String[]) data).clone();
    }

    /** Element-wise equality; doubles compared bit for bit (so NaN equals NaN, 0.0 differs from -0.0). */
    static boolean equal(Object a, Object b) {
        return Arrays.deepEquals(new Object[] {a}, new Object[] {b});
    }

    static int hash(Object data) {
        return Arrays.deepHashCode(new Object[] {data});
    }

    /** The array of the requested element kind, or an exception naming the actual type. */
    static Object require(String what, ValueType actual, ValueType wanted, Object data) {
        if (actual != wanted) {
            throw new IllegalStateException(what + " holds " + actual + " values, not " + wanted);
        }
        return copy(data);
    }

    static String describe(ValueType type, Object data) {
        int n = length(data);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : " ").append(type.token(data, i));
        }
        return sb.toString();
    }
}
