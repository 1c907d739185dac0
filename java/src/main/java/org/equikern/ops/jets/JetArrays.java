package org.equikern.ops.jets;

/**
 * Argument checks and float32 widening shared by the jet ops. A batch holds {@code batch} jets,
 * each padded to {@code particles} particles; {@code counts[b]} says how many of jet b's particles
 * are real, the first ones (padding at the end, as LGN, PELICAN and LorentzNet batch their jets).
 * Messages name the operation, the argument, its value and the limit.
 */
public final class JetArrays {
    private JetArrays() {
    }

    /**
     * Requires batch ≥ 0, particles ≥ 1 and a counts array of {@code batch} entries in 0..particles.
     *
     * @param op the call, first in the message
     * @param counts the particle count of each jet
     * @param batch the number of jets
     * @param particles the padded particle count per jet
     * @throws IllegalArgumentException naming the first bad argument
     */
    public static void checkCounts(String op, int[] counts, int batch, int particles) {
        if (batch < 0) throw new IllegalArgumentException(op + ": batch must be >= 0, got " + batch);
        if (particles < 1) throw new IllegalArgumentException(op + ": particles must be >= 1, got " + particles);
        if (counts == null || counts.length != batch) {
            throw new IllegalArgumentException(op + ": counts must hold batch = " + batch + " entries, got "
                    + (counts == null ? "null" : counts.length));
        }
        for (int b = 0; b < batch; b++) {
            if (counts[b] < 0 || counts[b] > particles) {
                throw new IllegalArgumentException(op + ": counts[" + b + "] = " + counts[b] + " must be in 0.."
                        + particles);
            }
        }
    }

    /**
     * The exact product of {@code factors} as an array length.
     *
     * @param what the array's description, for the message
     * @param factors the factors, each ≥ 0
     * @return the product
     * @throws IllegalArgumentException naming {@code what} when it exceeds the largest Java array
     */
    public static int size(String what, int... factors) {
        long n = 1;
        for (int f : factors) {
            if (f < 0) throw new IllegalArgumentException(what + ": size factor " + f + " must be >= 0");
            n = Math.multiplyExact(n, (long) f);
            if (n > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException(what + " needs more than " + (Integer.MAX_VALUE - 8)
                        + " elements (the array limit)");
            }
        }
        return (int) n;
    }

    /**
     * Requires a non-null array of exactly {@code expected} entries ({@code length} -1 for null).
     *
     * @param op the call, first in the message
     * @param name the array's name
     * @param length its length, or −1 for null
     * @param expected the required length
     * @throws IllegalArgumentException for null or another length
     */
    public static void requireLength(String op, String name, int length, int expected) {
        if (length != expected) {
            throw new IllegalArgumentException(op + ": " + name + " must have length " + expected + ", got "
                    + (length < 0 ? "null" : String.valueOf(length)));
        }
    }

    /**
     * The array's length, or -1 for null.
     *
     * @param a the array, or null
     * @return its length, or −1
     */
    public static int len(double[] a) {
        return a == null ? -1 : a.length;
    }

    /**
     * The array's length, or -1 for null.
     *
     * @param a the array, or null
     * @return its length, or −1
     */
    public static int len(float[] a) {
        return a == null ? -1 : a.length;
    }

    /**
     * A double copy of {@code a}, exact (null stays null).
     *
     * @param a the array, or null
     * @return a new array, or null
     */
    public static double[] widen(float[] a) {
        if (a == null) return null;
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) out[i] = a[i];
        return out;
    }

    /**
     * Rounds {@code src} to nearest into {@code dst} (same length).
     *
     * @param src the values
     * @param dst receives them rounded to float, at least as long as {@code src}
     */
    public static void narrow(double[] src, float[] dst) {
        for (int i = 0; i < src.length; i++) dst[i] = (float) src[i];
    }
}
