package org.equikern.nn;

/** Copies between float data and the double scratch rows the layers compute in. */
final class Widening {
    private Widening() {
    }

    /** {@code dst[0..length) = src[from..from+length)}, exactly. */
    static void widen(float[] src, int from, double[] dst, int length) {
        for (int i = 0; i < length; i++) {
            dst[i] = src[from + i];
        }
    }

    /** {@code dst[to..to+length) = src[0..length)}, rounded to nearest. */
    static void narrow(double[] src, float[] dst, int to, int length) {
        for (int i = 0; i < length; i++) {
            dst[to + i] = (float) src[i];
        }
    }
}
