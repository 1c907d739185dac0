package org.equikern.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.equikern.group.Irrep;
import org.equikern.group.Irreps;
import org.equikern.group.MulIrrep;

/**
 * The generalized Clebsch–Gordan coupling tensors {@code U_k} of MACE's symmetric contraction for
 * one target irrep {@code L} and one correlation order {@code n} (1 to 3): a basis of the
 * equivariant maps from the symmetric {@code n}-th tensor power of one channel's irreps onto
 * {@code L}. Tensor {@code k} is dense, row-major {@code [D]^n × [2L+1]} with {@code D} the
 * channel dimension (e3nn's real basis, blocks in the channel's order) and the target index last:
 * {@code U_k[i1, …, in, M]}.
 *
 * <p><b>Construction</b> (once, in double): the coupling trees of every multiset of irrep copies
 * built from e3nn's exact Wigner 3j symbols by successive couplings (two irreps to each
 * intermediate λ, then λ with the third to {@code L}), each averaged over the permutations of its
 * input indices, then orthogonalized in order by rank-revealing Gram–Schmidt, which drops the
 * dependent and the vanishing (antisymmetric) trees. The order is: multisets in lexicographic
 * order of copy positions, then intermediate λ ascending.
 *
 * <p><b>Basis chosen</b>: every {@code U_k} is symmetric in its input indices and equivariant;
 * the tensors are orthogonal in the Frobenius inner product and "component" normalized,
 * {@code Σ_{i1…in} U_k[i1…in, M]² = 1} for every {@code M} (Frobenius norm² {@code 2L+1}), so
 * order 1 onto a copy of {@code L} is the identity on that copy. The span equals MACE's
 * {@code U_matrix_real}'s symmetric part; the individual tensors differ from MACE's (whose paths
 * are neither symmetrized nor independent). Entries below 1e-14 after scaling are set to exact 0.
 * Instances are immutable.
 */
public final class SymmetricPowerBasis {
    private final Irreps channel;
    private final Irrep target;
    private final int order;
    private final int dim;
    private final List<double[]> tensors;

    private SymmetricPowerBasis(Irreps channel, Irrep target, int order, int dim, List<double[]> tensors) {
        this.channel = channel;
        this.target = target;
        this.order = order;
        this.dim = dim;
        this.tensors = tensors;
    }

    /**
     * The basis for the symmetric {@code order}-th power of {@code channel} onto {@code target}.
     *
     * @param channel the irreps of one channel, e.g. {@code 0e+1o+2e} (a block {@code mx l} counts as m copies)
     * @param target the output irrep L
     * @param order   the correlation order, 1 to 3
     * @return the basis, possibly with no path
     * @throws IllegalArgumentException for an order outside 1..3 or an empty channel
     */
    public static SymmetricPowerBasis of(Irreps channel, Irrep target, int order) {
        if (order < 1 || order > 3) {
            throw new IllegalArgumentException("SymmetricPowerBasis: order must be in 1..3, got " + order);
        }
        if (channel == null || target == null || channel.dim() == 0) {
            throw new IllegalArgumentException("SymmetricPowerBasis: channel irreps must be non-empty and target"
                    + " non-null, got " + channel + " -> " + target);
        }
        List<Irrep> copies = new ArrayList<>();
        List<Integer> starts = new ArrayList<>();
        int at = 0;
        for (MulIrrep block : channel) {
            for (int c = 0; c < block.mul(); c++) {
                copies.add(block.irrep());
                starts.add(at);
                at += block.irrep().dim();
            }
        }
        int[] offsets = starts.stream().mapToInt(Integer::intValue).toArray();
        CouplingTrees trees = new CouplingTrees(copies.toArray(new Irrep[0]), offsets, at, target);
        List<double[]> basis = Orthonormalizer.basis(trees.symmetrized(order), target.dim());
        return new SymmetricPowerBasis(channel, target, order, at, Collections.unmodifiableList(basis));
    }

    /**
     * The irreps of one channel.
     *
     * @return the irreps
     */
    public Irreps channel() {
        return channel;
    }

    /**
     * The target irrep {@code L}.
     *
     * @return L
     */
    public Irrep target() {
        return target;
    }

    /**
     * The correlation order {@code n}.
     *
     * @return n
     */
    public int order() {
        return order;
    }

    /**
     * The channel dimension {@code D}.
     *
     * @return D
     */
    public int channelDim() {
        return dim;
    }

    /**
     * Number of independent paths (basis tensors); 0 when the power does not contain {@code L}.
     *
     * @return the count, ≥ 0
     */
    public int pathCount() {
        return tensors.size();
    }

    /**
     * Length of one tensor, {@code D^n · (2L+1)}.
     *
     * @return the length
     */
    public int tensorLength() {
        int n = target.dim();
        for (int i = 0; i < order; i++) {
            n *= dim;
        }
        return n;
    }

    /**
     * A copy of tensor {@code k}, row-major {@code [D]^n × [2L+1]}.
     *
     * @param k the path, 0 ≤ k &lt; {@link #pathCount()}
     * @return a new array of {@link #tensorLength()} values
     * @throws IndexOutOfBoundsException for another k
     */
    public double[] toArray(int k) {
        if (k < 0 || k >= tensors.size()) {
            throw new IndexOutOfBoundsException("path " + k + " outside [0, " + tensors.size() + ")");
        }
        return tensors.get(k).clone();
    }

    /**
     * Appends the non-zero monomial coefficients to {@code table}: the contraction of {@code U_k}
     * with {@code n} copies of {@code x} is {@code Σ_t mult(t) · U_k[t, M] · Π x[t]} over sorted
     * index tuples {@code t}, {@code mult(t)} being the number of distinct orderings of {@code t}.
     */
    void appendTo(ContractionTable.Builder table, int outputOffset, int pathOffset) {
        int dl = target.dim();
        int[] t = new int[order];
        for (int k = 0; k < tensors.size(); k++) {
            double[] u = tensors.get(k);
            for (int flat = 0; flat < u.length; flat += dl) {
                if (!sorted(flat / dl, t)) {
                    continue;
                }
                double mult = orderings(t);
                for (int m = 0; m < dl; m++) {
                    if (u[flat + m] != 0) {
                        table.add(t, outputOffset + m, pathOffset + k, mult * u[flat + m]);
                    }
                }
            }
        }
    }

    /** Decodes the input tuple of a flat index into {@code t}; whether it is non-decreasing. */
    private boolean sorted(int flat, int[] t) {
        for (int i = order - 1; i >= 0; i--) {
            t[i] = flat % dim;
            flat /= dim;
        }
        for (int i = 1; i < order; i++) {
            if (t[i] < t[i - 1]) {
                return false;
            }
        }
        return true;
    }

    /** Distinct orderings of a sorted tuple of length 1 to 3. */
    private static int orderings(int[] t) {
        if (t.length == 1) {
            return 1;
        }
        if (t.length == 2) {
            return t[0] == t[1] ? 1 : 2;
        }
        if (t[0] == t[2]) {
            return 1;
        }
        return t[0] == t[1] || t[1] == t[2] ? 3 : 6;
    }

    @Override
    public String toString() {
        return "SymmetricPowerBasis(Sym^" + order + "(" + channel + ") -> " + target + " | " + tensors.size()
                + " paths)";
    }
}
