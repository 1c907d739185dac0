package org.equikern.group;

import java.util.Objects;
import org.equikern.check.HostArguments;

/**
 * The O(3) representation on feature vectors of an {@link Irreps}, in e3nn's {@code mul_ir}
 * layout: block-diagonal, one Wigner D block per irrep copy. The group element is the rotation R,
 * composed with the inversion −I when {@code inversion} is set.
 */
public final class Representation {
    private Representation() {
    }

    /**
     * The dim×dim row-major matrix of the group element on {@code irreps}.
     *
     * @param irreps the irreps acting on
     * @param r the rotation
     * @param inversion whether the element is R composed with the inversion −I
     * @return a new {@code dim × dim} array, dim = {@code irreps.dim()}
     * @throws IllegalArgumentException when dim² exceeds an array's length
     */
    public static double[] matrix(Irreps irreps, Rotation r, boolean inversion) {
        Objects.requireNonNull(irreps, "irreps");
        Objects.requireNonNull(r, "r");
        int dim = irreps.dim();
        double[] out = new double[HostArguments.arrayLength("matrix on irreps " + irreps, dim, dim)];
        double[][] byBlock = blocks(irreps, r, inversion);
        for (int b = 0; b < irreps.size(); b++) {
            MulIrrep block = irreps.get(b);
            int n = block.irrep().dim();
            double[] d = byBlock[b];
            for (int u = 0; u < block.mul(); u++) {
                int start = irreps.offset(b) + u * n;
                for (int i = 0; i < n; i++) {
                    System.arraycopy(d, i * n, out, (start + i) * dim + start, n);
                }
            }
        }
        return out;
    }

    /**
     * Applies the group element to {@code batch} feature vectors ({@code batch × dim}, row-major)
     * and returns the transformed vectors as a new array.
     *
     * @param irreps the irreps of each vector
     * @param r the rotation
     * @param inversion whether the element is R composed with the inversion −I
     * @param features {@code batch × irreps.dim()} values; unchanged
     * @param batch the number of vectors, ≥ 0
     * @return the transformed vectors, same shape as {@code features}
     * @throws IllegalArgumentException when {@code features.length ≠ batch · dim}
     */
    public static double[] apply(Irreps irreps, Rotation r, boolean inversion, double[] features, int batch) {
        Objects.requireNonNull(irreps, "irreps");
        Objects.requireNonNull(r, "r");
        Objects.requireNonNull(features, "features");
        int dim = irreps.dim();
        if (batch < 0 || features.length != (long) batch * dim) {
            throw new IllegalArgumentException("features: expected batch * dim = " + batch + " * " + dim + " = "
                    + (long) batch * dim + " values for " + irreps + ", got " + features.length);
        }
        double[] out = new double[features.length];
        double[][] byBlock = blocks(irreps, r, inversion);
        for (int b = 0; b < irreps.size(); b++) {
            MulIrrep block = irreps.get(b);
            int n = block.irrep().dim();
            double[] d = byBlock[b];
            for (int s = 0; s < batch; s++) {
                for (int u = 0; u < block.mul(); u++) {
                    int start = s * dim + irreps.offset(b) + u * n;
                    for (int i = 0; i < n; i++) {
                        double acc = 0;
                        for (int j = 0; j < n; j++) acc += d[i * n + j] * features[start + j];
                        out[start + i] = acc;
                    }
                }
            }
        }
        return out;
    }

    /** The D matrix of each block, computed once per distinct irrep. */
    private static double[][] blocks(Irreps irreps, Rotation r, boolean inversion) {
        double[][] out = new double[irreps.size()][];
        for (int b = 0; b < irreps.size(); b++) {
            Irrep ir = irreps.get(b).irrep();
            for (int earlier = 0; earlier < b && out[b] == null; earlier++) {
                if (irreps.get(earlier).irrep().equals(ir)) out[b] = out[earlier];
            }
            if (out[b] == null) out[b] = WignerD.of(ir, r, inversion);
        }
        return out;
    }
}
