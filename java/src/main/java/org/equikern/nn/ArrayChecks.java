package org.equikern.nn;

import org.equikern.check.HostArguments;

/**
 * Argument checks shared by the layers, run before any work so that a bad call changes nothing.
 * Messages name the operation, the array, the expected and the actual length. Lengths are passed
 * as {@link #len(double[])} gives them, -1 standing for null, so one check serves both precisions.
 */
final class ArrayChecks {
    private ArrayChecks() {
    }

    /** The array's length, or -1 for null. */
    static int len(double[] array) {
        return array == null ? -1 : array.length;
    }

    /** The array's length, or -1 for null. */
    static int len(float[] array) {
        return array == null ? -1 : array.length;
    }

    static void batch(String operation, int batch) {
        if (batch < 0) {
            throw new IllegalArgumentException(operation + ": batch must be >= 0, got " + batch);
        }
    }

    /**
     * Requires a non-null array of {@code expected} entries; {@code how} names the number. Messages
     * are built only on failure, so checks allocate nothing.
     */
    static void required(String operation, String name, int length, long expected, String how) {
        if (length < 0 || length != expected) {
            throw mismatch(operation, name, length, expected, how);
        }
    }

    /** Like {@link #required} but null (-1) is allowed: that result is not wanted. */
    static void optional(String operation, String name, int length, long expected, String how) {
        if (length >= 0 && length != expected) {
            throw mismatch(operation, name, length, expected, how);
        }
    }

    /** Requires a non-null array of {@code batch} rows of {@code dim} ({@code dimName}) entries. */
    static void requiredRows(String operation, String name, int length, int batch, int dim, String dimName) {
        if (length < 0 || length != (long) batch * dim) {
            throw mismatch(operation, name, length, (long) batch * dim, rows(batch, dim, dimName));
        }
    }

    /** Like {@link #requiredRows} but null (-1) is allowed: that result is not wanted. */
    static void optionalRows(String operation, String name, int length, int batch, int dim, String dimName) {
        if (length >= 0 && length != (long) batch * dim) {
            throw mismatch(operation, name, length, (long) batch * dim, rows(batch, dim, dimName));
        }
    }

    private static String rows(int batch, int dim, String dimName) {
        return "batch " + batch + " * " + dimName + " " + dim;
    }

    private static IllegalArgumentException mismatch(String operation, String name, int length, long expected,
                                                     String how) {
        if (length < 0) {
            return new IllegalArgumentException(operation + ": " + name + " must not be null (expected length "
                    + expected + " = " + how + ")");
        }
        return new IllegalArgumentException(operation + ": " + name + " has length " + length + ", expected "
                + expected + " = " + how);
    }

    /** Requires an output array to be distinct from an input that is still read while it is written. */
    static void distinct(String operation, String outputName, Object output, String inputName, Object input) {
        HostArguments.notAliased(operation, outputName, output, inputName, input);
    }

    /** {@link #distinct} against three inputs (null inputs and a null output pass). */
    static void distinct(String operation, String outputName, Object output, String name1, Object input1,
                         String name2, Object input2, String name3, Object input3) {
        distinct(operation, outputName, output, name1, input1);
        distinct(operation, outputName, output, name2, input2);
        distinct(operation, outputName, output, name3, input3);
    }
}
