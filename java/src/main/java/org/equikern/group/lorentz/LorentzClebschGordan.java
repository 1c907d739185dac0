package org.equikern.group.lorentz;

import java.util.concurrent.ConcurrentHashMap;
import org.equikern.group.ClebschGordan;
import org.equikern.group.Surd;
import org.equikern.group.SurdSum;

/**
 * The Clebsch–Gordan tensor H of SL(2,C) coupling (k1,n1) ⊗ (k2,n2) → (k,n), shape [d1, d2, d],
 * in the canonical basis of {@link LorentzIrrep}, as LGN ({@code lgn.cg_lib.cg_dict.clebschmat})
 * builds it: each input is changed from its SU(2) blocks to the product basis (m_left, m_right),
 * the left spins k1/2 ⊗ k2/2 → k/2 and the right spins n1/2 ⊗ n2/2 → n/2 are coupled separately,
 * and the result is changed back to the blocks of (k,n). For a fixed input pair the tensors of all
 * (k,n) concatenated along the last axis form an orthogonal matrix, and H intertwines:
 * Σ H[i1][i2][i]·D1[i1][j1]·D2[i2][j2] = Σ D[i][j]·H[j1][j2][j] for D = {@link LorentzD}.
 *
 * <p>Computed exactly: every entry is a sum of products of five SU(2) coefficients
 * ({@link ClebschGordan}, exact surds), summed exactly and rounded once to double, so exact zeros
 * are 0.0. Real. Instances are immutable, cached and safe to share between threads.
 */
public final class LorentzClebschGordan {
    private static final ConcurrentHashMap<String, LorentzClebschGordan> CACHE = new ConcurrentHashMap<>();

    private final LorentzIrrep in1;
    private final LorentzIrrep in2;
    private final LorentzIrrep out;
    private final double[] values;

    private LorentzClebschGordan(LorentzIrrep in1, LorentzIrrep in2, LorentzIrrep out, double[] values) {
        this.in1 = in1;
        this.in2 = in2;
        this.out = out;
        this.values = values;
    }

    /**
     * The coupling tensor of in1 ⊗ in2 → out.
     *
     * @param in1 the first factor's irrep
     * @param in2 the second factor's irrep
     * @param out the coupled irrep
     * @return the coupling, shape [in1.dim()][in2.dim()][out.dim()]
     * @throws IllegalArgumentException when out is not in in1 ⊗ in2 ({@link LorentzIrrep#couplesTo}) or
     *     the tensor would exceed the array limit
     */
    public static LorentzClebschGordan of(LorentzIrrep in1, LorentzIrrep in2, LorentzIrrep out) {
        if (!in1.couplesTo(in2, out)) {
            throw new IllegalArgumentException(out + " is not in " + in1 + " x " + in2 + "; allowed: "
                    + in1.times(in2));
        }
        String key = in1 + "x" + in2 + "->" + out;
        LorentzClebschGordan cached = CACHE.get(key);
        if (cached != null) return cached;
        // Computed outside the map so long computations do not block other keys.
        LorentzClebschGordan computed = new LorentzClebschGordan(in1, in2, out, compute(in1, in2, out));
        LorentzClebschGordan raced = CACHE.putIfAbsent(key, computed);
        return raced != null ? raced : computed;
    }

    /**
     * Shorthand for {@code of(LorentzIrrep.of(k1, n1), LorentzIrrep.of(k2, n2), LorentzIrrep.of(k, n))}.
     *
     * @param k1 twice the left spin of the first factor
     * @param n1 twice the right spin of the first factor
     * @param k2 twice the left spin of the second factor
     * @param n2 twice the right spin of the second factor
     * @param k twice the left spin of the output
     * @param n twice the right spin of the output
     * @return the coupling
     * @throws IllegalArgumentException for a label outside 0..{@link LorentzIrrep#MAX_LABEL} or a forbidden
     *     coupling
     */
    public static LorentzClebschGordan of(int k1, int n1, int k2, int n2, int k, int n) {
        return of(LorentzIrrep.of(k1, n1), LorentzIrrep.of(k2, n2), LorentzIrrep.of(k, n));
    }

    private static double[] compute(LorentzIrrep in1, LorentzIrrep in2, LorentzIrrep out) {
        int d1 = in1.dim();
        int d2 = in2.dim();
        int d = out.dim();
        double[] values = new double[ArraySizes.length("the coupling " + in1 + " x " + in2 + " -> " + out, d1, d2, d)];
        BlockChange change1 = new BlockChange(in1);
        BlockChange change2 = new BlockChange(in2);
        BlockChange changeOut = new BlockChange(out);
        Surd[][] left = ClebschGordan.table(in1.k(), in2.k(), out.k());
        Surd[][] right = ClebschGordan.table(in1.n(), in2.n(), out.n());
        SurdSum sum = new SurdSum();
        for (int i1 = 0; i1 < d1; i1++) {
            int twoM1 = in1.twoM(i1);
            for (int i2 = 0; i2 < d2; i2++) {
                int twoM = twoM1 + in2.twoM(i2);
                for (int twoL = out.minTwoL(); twoL <= out.maxTwoL(); twoL += 2) {
                    if (Math.abs(twoM) > twoL) continue;
                    int i = out.index(twoL, twoM);
                    sum.clear();
                    accumulate(sum, in1, i1, in2, i2, out, i, change1, change2, changeOut, left, right);
                    if (!sum.isZero()) values[(i1 * d2 + i2) * d + i] = sum.toDouble();
                }
            }
        }
        return values;
    }

    /**
     * Adds Σ B1[a1,b1,i1]·B2[a2,b2,i2]·⟨a1 a2|a⟩·⟨b1 b2|b⟩·B[a,b,i] over the left projections a1, a2
     * (the right ones follow from m = m_left + m_right), with B the block changes.
     */
    private static void accumulate(SurdSum sum, LorentzIrrep in1, int i1, LorentzIrrep in2, int i2, LorentzIrrep out,
            int i, BlockChange change1, BlockChange change2, BlockChange changeOut, Surd[][] left, Surd[][] right) {
        int twoM1 = in1.twoM(i1);
        int twoM2 = in2.twoM(i2);
        for (int a1 = -in1.k(); a1 <= in1.k(); a1 += 2) {
            Surd first = change1.coefficient(a1, twoM1 - a1, i1);
            if (first == null) continue;
            for (int a2 = -in2.k(); a2 <= in2.k(); a2 += 2) {
                int a = a1 + a2;
                int b = twoM1 + twoM2 - a;
                if (Math.abs(a) > out.k() || Math.abs(b) > out.n()) continue;
                Surd second = change2.coefficient(a2, twoM2 - a2, i2);
                if (second == null) continue;
                Surd leftCoupling = left[(a1 + in1.k()) / 2][(a2 + in2.k()) / 2];
                if (leftCoupling == null) continue;
                Surd rightCoupling = right[(twoM1 - a1 + in1.n()) / 2][(twoM2 - a2 + in2.n()) / 2];
                if (rightCoupling == null) continue;
                Surd last = changeOut.coefficient(a, b, i);
                if (last == null) continue;
                sum.add(first.times(second).times(leftCoupling).times(rightCoupling).times(last));
            }
        }
    }

    /**
     * First input irrep.
     *
     * @return (k1, n1)
     */
    public LorentzIrrep in1() {
        return in1;
    }

    /**
     * Second input irrep.
     *
     * @return (k2, n2)
     */
    public LorentzIrrep in2() {
        return in2;
    }

    /**
     * Output irrep.
     *
     * @return (k, n)
     */
    public LorentzIrrep out() {
        return out;
    }

    /**
     * The entry H[i1][i2][i].
     *
     * @param i1 the first factor's component, 0 ≤ i1 &lt; in1.dim()
     * @param i2 the second factor's component, 0 ≤ i2 &lt; in2.dim()
     * @param i the output component, 0 ≤ i &lt; out.dim()
     * @return the real coefficient
     * @throws IndexOutOfBoundsException for an index outside the shape
     */
    public double get(int i1, int i2, int i) {
        if (i1 < 0 || i1 >= in1.dim() || i2 < 0 || i2 >= in2.dim() || i < 0 || i >= out.dim()) {
            throw new IndexOutOfBoundsException("index [" + i1 + ", " + i2 + ", " + i + "] outside shape ["
                    + in1.dim() + ", " + in2.dim() + ", " + out.dim() + "]");
        }
        return values[(i1 * in2.dim() + i2) * out.dim() + i];
    }

    /**
     * The coupled vector out_i = Σ H[i1][i2][i]·x1_{i1}·x2_{i2} of two complex column vectors: the
     * product of one (k1,n1) and one (k2,n2) feature. Equivariant: couple(D1·x1, D2·x2) = D·couple(x1, x2).
     *
     * @param x1 a d1×1 column in the canonical basis of in1
     * @param x2 a d2×1 column in the canonical basis of in2
     * @return a new d×1 column in the canonical basis of out
     * @throws IllegalArgumentException unless x1 is d1×1 and x2 is d2×1
     */
    public ComplexMatrix couple(ComplexMatrix x1, ComplexMatrix x2) {
        requireColumn("x1", x1, in1);
        requireColumn("x2", x2, in2);
        int d2 = in2.dim();
        int d = out.dim();
        double[] re = new double[d];
        double[] im = new double[d];
        for (int i1 = 0; i1 < in1.dim(); i1++) {
            for (int i2 = 0; i2 < d2; i2++) {
                double pRe = x1.re(i1, 0) * x2.re(i2, 0) - x1.im(i1, 0) * x2.im(i2, 0);
                double pIm = x1.re(i1, 0) * x2.im(i2, 0) + x1.im(i1, 0) * x2.re(i2, 0);
                int base = (i1 * d2 + i2) * d;
                for (int i = 0; i < d; i++) {
                    re[i] += values[base + i] * pRe;
                    im[i] += values[base + i] * pIm;
                }
            }
        }
        return ComplexMatrix.wrap(d, 1, re, im);
    }

    private static void requireColumn(String name, ComplexMatrix x, LorentzIrrep irrep) {
        if (x.rows() != irrep.dim() || x.cols() != 1) {
            throw new IllegalArgumentException(name + " is " + x.rows() + " x " + x.cols() + " but a " + irrep
                    + " vector is " + irrep.dim() + " x 1");
        }
    }

    /**
     * A copy of the whole tensor, row-major [d1][d2][d] (LGN's layout).
     *
     * @return a new array of d1·d2·d values
     */
    public double[] toArray() {
        return values.clone();
    }

    @Override
    public String toString() {
        return "LorentzClebschGordan" + in1 + "x" + in2 + "->" + out;
    }

    /**
     * The change of basis of one irrep (k,n) between the product basis (m_left, m_right) and its
     * SU(2) blocks: B[a, b, (l, m)] = ⟨k/2 a; n/2 b | l m⟩, exact.
     */
    static final class BlockChange {
        private final LorentzIrrep irrep;
        private final Surd[][][] tables;

        BlockChange(LorentzIrrep irrep) {
            this.irrep = irrep;
            tables = new Surd[irrep.maxTwoL() + 1][][];
            for (int twoL = irrep.minTwoL(); twoL <= irrep.maxTwoL(); twoL += 2) {
                tables[twoL] = ClebschGordan.table(irrep.k(), irrep.n(), twoL);
            }
        }

        /** ⟨k/2 a/2; n/2 b/2 | l m⟩ for component {@code index} = (l, m); null when zero. */
        Surd coefficient(int twoA, int twoB, int index) {
            if (Math.abs(twoB) > irrep.n() || twoA + twoB != irrep.twoM(index)) return null;
            return tables[irrep.twoL(index)][(twoA + irrep.k()) / 2][(twoB + irrep.n()) / 2];
        }
    }
}
