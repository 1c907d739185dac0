package org.equikern.backend.java;

import java.util.Arrays;

/** Row copies and row sums on row-major double[] or float[] arrays, chosen by the array's type. */
final class RowArrays {
    private RowArrays() {
    }

    /** A new array of the same element type as {@code like}. */
    static Object like(Object like, long length) {
        return like instanceof double[] ? new double[(int) length] : new float[(int) length];
    }

    static void fill(Object array, double value) {
        if (array instanceof double[]) Arrays.fill((double[]) array, value);
        else Arrays.fill((float[]) array, (float) value);
    }

    static void copyRow(Object from, int fromRow, Object to, int toRow, int width) {
        System.arraycopy(from, fromRow * width, to, toRow * width, width);
    }

    /** {@code to[toRow] += from[fromRow]}. */
    static void addRow(Object from, int fromRow, Object to, int toRow, int width) {
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
}
