package org.equikern.ops.lorentzproduct;

/** The float32 counterpart of {@link ComplexTensor}: two float planes of equal length, the caller's. */
public final class ComplexTensor32 {
    private final float[] re;
    private final float[] im;

    private ComplexTensor32(float[] re, float[] im) {
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
    public static ComplexTensor32 of(float[] re, float[] im) {
        if (re == null || im == null || re.length != im.length) {
            throw new IllegalArgumentException("complex planes must be non-null and of equal length, got re "
                    + (re == null ? "null" : re.length) + " and im " + (im == null ? "null" : im.length));
        }
        return new ComplexTensor32(re, im);
    }

    /**
     * A zero tensor of {@code length} entries.
     *
     * @param length the number of entries, ≥ 0
     * @return the tensor
     */
    public static ComplexTensor32 zeros(int length) {
        return new ComplexTensor32(new float[length], new float[length]);
    }

    /**
     * The real plane (the array itself).
     *
     * @return the array, shared
     */
    public float[] re() {
        return re;
    }

    /**
     * The imaginary plane (the array itself).
     *
     * @return the array, shared
     */
    public float[] im() {
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

    /**
     * An exact double copy.
     *
     * @return the copy
     */
    public ComplexTensor widen() {
        double[] r = new double[re.length];
        double[] i = new double[im.length];
        for (int k = 0; k < re.length; k++) {
            r[k] = re[k];
            i[k] = im[k];
        }
        return ComplexTensor.of(r, i);
    }

    /** Null-safe {@link #widen()}. */
    static ComplexTensor widen(ComplexTensor32 t) {
        return t == null ? null : t.widen();
    }
}
