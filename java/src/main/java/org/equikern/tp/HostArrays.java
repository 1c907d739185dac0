package org.equikern.tp;

import java.util.Arrays;

/**
 * Whole-array and row operations on host arrays that are double[] or float[], chosen by the
 * array's type, so code serving both precisions is written once.
 */
public final class HostArrays {
    private HostArrays() {
    }

    /** A new array of the same element type as {@code like}. */
    public static Object like(Object like, long length) {
        return like instanceof double[] ? new double[(int) length] : new float[(int) length];
    }

    public static void fill(Object array, double value) {
        if (array instanceof double[]) Arrays.fill((double[]) array, value);
        else Arrays.fill((float[]) array, (float) value);
    }

    public static void copyRow(Object from, int fromRow, Object to, int toRow, int width) {
        System.arraycopy(from, fromRow * width, to, toRow * width, width);
    }

    /** {@code to[toRow] += from[fromRow]}. */
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

    /** {@code to += from}, element by element; both arrays of one type and length. */
    public static void add(Object from, Object to) {
        int n = from instanceof double[] ? ((double[]) from).length : ((float[]) from).length;
        addRow(from, 0, to, 0, n);
    }
}
