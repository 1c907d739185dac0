package org.equikern.nn;

import java.util.ArrayList;
import java.util.List;
import org.equikern.group.Irrep;
import org.equikern.group.Wigner3j;

/**
 * The symmetrized coupling trees that span the symmetric {@code n}-th power of a channel's irreps
 * projected onto one target irrep, as dense tensors {@code [D]^n × [2L+1]} (row-major, the target
 * index last), where {@code D} is the channel dimension.
 *
 * <p>For every multiset of irrep copies {@code a1 ≤ … ≤ an} (positions in the channel) the trees
 * are, with {@code C} e3nn's real Wigner 3j symbols:
 * <ul>
 *   <li>{@code n = 1}: the identity on copy {@code a1} when its irrep is the target;</li>
 *   <li>{@code n = 2}: {@code C(l1, l2, L)[i, j, M]} when the parities multiply to the target's;</li>
 *   <li>{@code n = 3}: {@code Σ_μ C(l1, l2, λ)[i, j, μ] · C(λ, l3, L)[μ, k, M]} for every
 *       intermediate {@code λ} (parity {@code p1·p2}) that couples to the target.</li>
 * </ul>
 * Each tree is scaled to Frobenius norm 1 and then averaged over the {@code n!} permutations of
 * its input indices, so every result has norm at most 1 (and is 0, up to rounding, when the tree is
 * not symmetric at all, as for the cross product of a vector with itself). Trees over one
 * ordering of each multiset suffice: any equivariant map on that ordering's block extends to
 * exactly one symmetric tensor, and the trees of a fixed ordering span all equivariant maps
 * on its block, so the symmetrized trees span the symmetric-power projections (with repeats).
 */
final class CouplingTrees {
    private final Irrep[] copies;
    private final int[] offsets;
    private final int dim;
    private final Irrep target;
    private final int targetDim;

    /**
     * @param copies  the irrep of each copy in the channel, in feature order
     * @param offsets start of each copy in the channel vector
     * @param dim     the channel dimension {@code D}
     */
    CouplingTrees(Irrep[] copies, int[] offsets, int dim, Irrep target) {
        this.copies = copies;
        this.offsets = offsets;
        this.dim = dim;
        this.target = target;
        this.targetDim = target.dim();
    }

    /** Length of one dense tensor of the given order. */
    int tensorLength(int order) {
        int n = targetDim;
        for (int i = 0; i < order; i++) {
            n *= dim;
        }
        return n;
    }

    /** All symmetrized trees of the order (1 to 3), multisets in lexicographic order, then λ ascending. */
    List<double[]> symmetrized(int order) {
        List<double[]> out = new ArrayList<>();
        int c = copies.length;
        if (order == 1) {
            for (int a = 0; a < c; a++) {
                if (copies[a].equals(target)) {
                    out.add(unit(identity(a)));
                }
            }
        } else if (order == 2) {
            for (int a = 0; a < c; a++) {
                for (int b = a; b < c; b++) {
                    if (copies[a].couplesTo(copies[b], target)) {
                        out.add(symmetrize2(unit(pair(a, b))));
                    }
                }
            }
        } else {
            for (int a = 0; a < c; a++) {
                for (int b = a; b < c; b++) {
                    for (int d = b; d < c; d++) {
                        for (Irrep mid : copies[a].times(copies[b])) {
                            if (mid.couplesTo(copies[d], target)) {
                                out.add(symmetrize3(unit(triple(a, b, d, mid))));
                            }
                        }
                    }
                }
            }
        }
        return out;
    }

    /** Scales {@code t} in place to Frobenius norm 1 (a coupling tree is never zero). */
    private static double[] unit(double[] t) {
        double s = 0;
        for (double v : t) {
            s += v * v;
        }
        double scale = 1 / Math.sqrt(s);
        for (int i = 0; i < t.length; i++) {
            t[i] *= scale;
        }
        return t;
    }

    private double[] identity(int a) {
        double[] t = new double[tensorLength(1)];
        for (int m = 0; m < targetDim; m++) {
            t[(offsets[a] + m) * targetDim + m] = 1;
        }
        return t;
    }

    private double[] pair(int a, int b) {
        double[] t = new double[tensorLength(2)];
        Wigner3j c = Wigner3j.of(copies[a].l(), copies[b].l(), target.l());
        for (int e = 0; e < c.nonZeroCount(); e++) {
            int i = offsets[a] + c.nonZeroI(e);
            int j = offsets[b] + c.nonZeroJ(e);
            t[(i * dim + j) * targetDim + c.nonZeroK(e)] = c.nonZeroValue(e);
        }
        return t;
    }

    private double[] triple(int a, int b, int d, Irrep mid) {
        double[] t = new double[tensorLength(3)];
        Wigner3j first = Wigner3j.of(copies[a].l(), copies[b].l(), mid.l());
        Wigner3j second = Wigner3j.of(mid.l(), copies[d].l(), target.l());
        for (int e = 0; e < first.nonZeroCount(); e++) {
            int i = offsets[a] + first.nonZeroI(e);
            int j = offsets[b] + first.nonZeroJ(e);
            int mu = first.nonZeroK(e);
            double v = first.nonZeroValue(e);
            for (int f = 0; f < second.nonZeroCount(); f++) {
                if (second.nonZeroI(f) != mu) {
                    continue;
                }
                int k = offsets[d] + second.nonZeroJ(f);
                t[((i * dim + j) * dim + k) * targetDim + second.nonZeroK(f)] += v * second.nonZeroValue(f);
            }
        }
        return t;
    }

    private double[] symmetrize2(double[] t) {
        double[] s = new double[t.length];
        for (int i = 0; i < dim; i++) {
            for (int j = 0; j < dim; j++) {
                int ij = (i * dim + j) * targetDim;
                int ji = (j * dim + i) * targetDim;
                for (int m = 0; m < targetDim; m++) {
                    s[ij + m] = 0.5 * (t[ij + m] + t[ji + m]);
                }
            }
        }
        return s;
    }

    private double[] symmetrize3(double[] t) {
        double[] s = new double[t.length];
        for (int i = 0; i < dim; i++) {
            for (int j = 0; j < dim; j++) {
                for (int k = 0; k < dim; k++) {
                    int at = at3(i, j, k);
                    for (int m = 0; m < targetDim; m++) {
                        double sum = t[at3(i, j, k) + m] + t[at3(i, k, j) + m] + t[at3(j, i, k) + m]
                                + t[at3(j, k, i) + m] + t[at3(k, i, j) + m] + t[at3(k, j, i) + m];
                        s[at + m] = sum / 6;
                    }
                }
            }
        }
        return s;
    }

    private int at3(int i, int j, int k) {
        return ((i * dim + j) * dim + k) * targetDim;
    }
}
