package org.equikern.tp;

import java.util.Arrays;

/**
 * Whole-array and row operations on host arrays that are double[] or float[], chosen by the
 * array's type, so code serving both precisions is written once.
 */
public final class HostArrays {
    private HostArrays() {
    }

    /**
     * A new array of the same element type as {@code like}.
     *
     * @param like a {@code double[]} or {@code float[]}
     * @param length the new array's length, at most an int
     * @return a zeroed {@code double[]} or {@code float[]}
     */
    public static Object like(Object like, long length) {
        return like instanceof double[] ? new double[(int) length] : new float[(int) length];
    }

    /**
     * Sets every element to {@code value}.
     *
     * @param array a {@code double[]} or {@code float[]}
     * @param value the value, rounded to float for a {@code float[]}
     */
    public static void fill(Object array, double value) {
        if (array instanceof double[]) Arrays.fill((double[]) array, value);
        else Arrays.fill((float[]) array, (float) value);
    }

    /**
     * Copies row {@code fromRow} of {@code from} to row {@code toRow} of {@code to}, rows of {@code width}
     * elements.
     *
     * @param from the source, a {@code double[]} or {@code float[]}
     * @param fromRow the source row
     * @param to the destination, of the same type
     * @param toRow the destination row
     * @param width the row length
     */
    public static void copyRow(Object from, int fromRow, Object to, int toRow, int width) {
        System.arraycopy(from, fromRow * width, to, toRow * width, width);
    }

    /**
     * {@code to[toRow] += from[fromRow]}.
     *
     * @param from the source, a {@code double[]} or {@code float[]}
     * @param fromRow the source row
     * @param to the destination, of the same type
     * @param toRow the destination row
     * @param width the row length
     */
    public static void addRow(Object from, int fromRow, Object to, int toRow, int width) {
        int f = fromRow * width;
        int t = toRow * width;
        if (from instanceof double[]) {
            double[] a = (double[]) from;
            double[] b = (double[]) to;
            for (int i = 0; i < width; i++) b[t + i] += a[f + i];
        } else {
            float[] a = (float[]) from;
            float[] b = (float[]) to;
            for (int i = 0; i < width; i++) b[t + i] += a[f + i];
        }
    }

    /**
     * {@code to += from}, element by element; both arrays of one type and length.
     *
     * @param from the addend, a {@code double[]} or {@code float[]}
     * @param to the accumulator, updated in place
     */
    public static void add(Object from, Object to) {
        int n = from instanceof double[] ? ((double[]) from).length : ((float[]) from).length;
        addRow(from, 0, to, 0, n);
    }
}
