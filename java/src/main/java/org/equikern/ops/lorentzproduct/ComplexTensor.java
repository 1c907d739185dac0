package org.equikern.ops.lorentzproduct;

import java.util.Arrays;

/**
 * A complex array as two double planes of equal length, real and imaginary, the layout of LGN's
 * tensors (its last axis of size 2, split into planes). The planes are the caller's: this class
 * only pairs them. Gradients use the same type with the convention grad = ∂L/∂Re + i·∂L/∂Im.
 */
public final class ComplexTensor {
    private final double[] re;
    private final double[] im;

    private ComplexTensor(double[] re, double[] im) {
        this.re = re;
        this.im = im;
    }

    /**
     * Pairs two planes (not copied).
     *
     * @param re the real parts
     * @param im the imaginary parts, same length
     * @return the tensor, sharing the arrays
     * @throws IllegalArgumentException when a plane is null or the lengths differ
     */
    public static ComplexTensor of(double[] re, double[] im) {
        if (re == null || im == null || re.length != im.length) {
            throw new IllegalArgumentException("complex planes must be non-null and of equal length, got re "
                    + (re == null ? "null" : re.length) + " and im " + (im == null ? "null" : im.length));
        }
        return new ComplexTensor(re, im);
    }

    /**
     * The planar layout the device ops take, [re | im] (e.g. {@code LorentzProductOp}), as a new tensor.
     *
     * @param planar the real plane then the imaginary plane; even length
     * @return the tensor, with copies of the planes
     * @throws IllegalArgumentException when the length is odd
     */
    public static ComplexTensor fromPlanar(double[] planar) {
        if (planar.length % 2 != 0) {
            throw new IllegalArgumentException("a planar complex array needs an even length, got " + planar.length);
        }
        int n = planar.length / 2;
        return new ComplexTensor(Arrays.copyOf(planar, n), Arrays.copyOfRange(planar, n, planar.length));
    }

    /**
     * A zero tensor of {@code length} entries.
     *
     * @param length the number of entries, ≥ 0
     * @return the tensor
     */
    public static ComplexTensor zeros(int length) {
        return new ComplexTensor(new double[length], new double[length]);
    }

    /**
     * The real plane (the array itself).
     *
     * @return the array, shared
     */
    public double[] re() {
        return re;
    }

    /**
     * The imaginary plane (the array itself).
     *
     * @return the array, shared
     */
    public double[] im() {
        return im;
    }

    /**
     * The number of complex entries.
     *
     * @return the length
     */
    public int length() {
        return re.length;
    }

    /** Sets every entry to 0. */
    public void clear() {
        Arrays.fill(re, 0);
        Arrays.fill(im, 0);
    }

    /**
     * this += other, entrywise.
     *
     * @param other a tensor at least as long as this one
     */
    public void add(ComplexTensor other) {
        for (int i = 0; i < re.length; i++) {
            re[i] += other.re[i];
            im[i] += other.im[i];
        }
    }

    /**
     * This tensor in the planar layout the device ops take: the real plane, then the imaginary plane.
     *
     * @return a new array of {@code 2·length()} values
     */
    public double[] planar() {
        double[] out = Arrays.copyOf(re, 2 * re.length);
        System.arraycopy(im, 0, out, re.length, im.length);
        return out;
    }

    /**
     * A deep copy.
     *
     * @return the copy
     */
    public ComplexTensor copy() {
        return new ComplexTensor(re.clone(), im.clone());
    }

    /**
     * A float32 copy, rounded to nearest.
     *
     * @return the copy
     */
    public ComplexTensor32 toFloat() {
        float[] r = new float[re.length];
        float[] i = new float[im.length];
        for (int k = 0; k < re.length; k++) {
            r[k] = (float) re[k];
            i[k] = (float) im[k];
        }
        return ComplexTensor32.of(r, i);
    }

    /** Rounds this into the float planes of {@code target} (same length). */
    void narrowInto(ComplexTensor32 target) {
        for (int k = 0; k < re.length; k++) {
            target.re()[k] = (float) re[k];
            target.im()[k] = (float) im[k];
        }
    }
}
