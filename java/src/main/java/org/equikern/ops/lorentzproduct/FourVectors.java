package org.equikern.ops.lorentzproduct;

/**
 * Batched conversion between real 4-vectors (t, x, y, z) and the canonical components of the (1,1)
 * irrep, (t, (x − iy)/√2, z, −(x + iy)/√2), as {@link org.equikern.group.lorentz.Minkowski#toCanonical}
 * does for one vector: the input layer of LGN.
 */
public final class FourVectors {
    private static final double INV_SQRT2 = 1 / Math.sqrt(2);

    private FourVectors() {
    }

    /**
     * {@code count} 4-vectors {@code [count][4]} to {@code [count][4]} canonical components.
     *
     * @param vectors {@code [count][4]} as (t, x, y, z)
     * @param count the number of vectors, ≥ 0
     * @return a new tensor of {@code count × 4} complex entries
     * @throws IllegalArgumentException for a negative count or vectors of another length
     */
    public static ComplexTensor toCanonical(double[] vectors, int count) {
        if (count < 0 || vectors == null || vectors.length != Math.multiplyExact(4L, count)) {
            throw new IllegalArgumentException("FourVectors.toCanonical: vectors must hold 4 * count = 4 * " + count
                    + " values, got " + (vectors == null ? "null" : vectors.length));
        }
        ComplexTensor out = ComplexTensor.zeros(vectors.length);
        for (int v = 0; v < count; v++) {
            int a = 4 * v;
            double x = vectors[a + 1] * INV_SQRT2;
            double y = vectors[a + 2] * INV_SQRT2;
            out.re()[a] = vectors[a];
            out.re()[a + 1] = x;
            out.im()[a + 1] = -y;
            out.re()[a + 2] = vectors[a + 3];
            out.re()[a + 3] = -x;
            out.im()[a + 3] = -y;
        }
        return out;
    }

    /**
     * The real 4-vectors of {@code count} canonical (1,1) columns: t = v₀, x = Re(v₁ − v₃)/√2,
     * y = −Im(v₁ + v₃)/√2, z = v₂ (imaginary parts that a real vector cannot have are dropped).
     *
     * @param canonical {@code count × 4} complex entries
     * @param count the number of vectors, ≥ 0
     * @return a new array {@code [count][4]} as (t, x, y, z)
     * @throws IllegalArgumentException for a negative count or a tensor of another length
     */
    public static double[] fromCanonical(ComplexTensor canonical, int count) {
        if (count < 0 || canonical == null || canonical.length() != Math.multiplyExact(4L, count)) {
            throw new IllegalArgumentException("FourVectors.fromCanonical: canonical must hold 4 * count = 4 * "
                    + count + " entries, got " + (canonical == null ? "null" : canonical.length()));
        }
        double[] out = new double[4 * count];
        double[] r = canonical.re(), m = canonical.im();
        for (int v = 0; v < count; v++) {
            int a = 4 * v;
            out[a] = r[a];
            out[a + 1] = (r[a + 1] - r[a + 3]) * INV_SQRT2;
            out[a + 2] = -(m[a + 1] + m[a + 3]) * INV_SQRT2;
            out[a + 3] = r[a + 2];
        }
        return out;
    }
}
