package org.equikern.group.lorentz;

/**
 * Complex representation matrices D^(k,n)(g) of SL(2,C) in the canonical basis of
 * {@link LorentzIrrep}: D(g1·g2) = D(g1)·D(g2), the couplings of {@link LorentzClebschGordan}
 * intertwine them, and on (1,1) D(g) acts on canonical 4-vector components as
 * {@code g.toLorentz()} acts on (t, x, y, z) ({@link Minkowski#toCanonical}).
 *
 * <p>D^(k,n)(A) = C·[D^{k/2}(Ā) ⊗ D^{n/2}((Aᵀ)⁻¹)]·Cᵀ, with C the change from the product basis
 * (m_left, m_right) to the SU(2) blocks (the coupling (k,0) ⊗ (0,n) → (k,n)) and D^j(X) the spin-j
 * representation of a 2×2 matrix X in the standard basis (m ascending, Condon–Shortley), its
 * action on the symmetric tensor power Sym^{2j}(C²). On rotations both factors are the usual SU(2)
 * matrices; LGN writes the same representation with complex Euler angles,
 * D^{k/2}(α,β,γ) ⊗ conj(D^{n/2}(−α,β,−γ)).
 *
 * <p>Why from the matrix and not from complex Euler angles: each entry of D^j(X) is a polynomial in
 * the four entries of X whose terms are bounded by (binomials times) ‖X‖^{2j} = e^{ηj}, the size of
 * D^j itself, so the error stays at round-off relative to ‖D(g)‖ for any rapidity η (checked to
 * rapidity 9). Euler angles multiply three factors whose norms e^{|Im α| j}, e^{|Im β| j},
 * e^{|Im γ| j} can each exceed ‖D(g)‖ by far — the decomposition is singular near β = 0 — and the
 * cancellation between them loses that ratio in accuracy.
 */
public final class LorentzD {
    private LorentzD() {
    }

    /**
     * D^(k,n)(g), (k+1)(n+1) square.
     *
     * @param irrep the irrep (k, n)
     * @param g the group element
     * @return a new complex matrix in the canonical basis of the irrep
     * @throws IllegalArgumentException when the matrix would exceed the array limit
     * @throws ArithmeticException when an entry overflows double (spins and rapidity far too large)
     */
    public static ComplexMatrix of(LorentzIrrep irrep, SL2C g) {
        int k = irrep.k();
        int n = irrep.n();
        int d = irrep.dim();
        int size = ArraySizes.length("D" + irrep, d, d);
        ComplexMatrix left = spin(k, g.conjugate());
        ComplexMatrix right = spin(n, g.transpose().inverse());
        LorentzClebschGordan change = LorentzClebschGordan.of(LorentzIrrep.of(k, 0), LorentzIrrep.of(0, n), irrep);
        double[] re = new double[size];
        double[] im = new double[size];
        for (int i = 0; i < d; i++) {
            int twoMi = irrep.twoM(i);
            for (int j = 0; j < d; j++) {
                int twoMj = irrep.twoM(j);
                double sumRe = 0;
                double sumIm = 0;
                // C[i][(a, b)] is non-zero only for m_a + m_b = m_i: one b per a.
                for (int a = 0; a <= k; a++) {
                    int b = (twoMi - (2 * a - k) + n) / 2;
                    if (b < 0 || b > n) continue;
                    double ci = change.get(a, b, i);
                    if (ci == 0) continue;
                    for (int a2 = 0; a2 <= k; a2++) {
                        int b2 = (twoMj - (2 * a2 - k) + n) / 2;
                        if (b2 < 0 || b2 > n) continue;
                        double c = ci * change.get(a2, b2, j);
                        if (c == 0) continue;
                        double lr = left.re(a, a2);
                        double li = left.im(a, a2);
                        double rr = right.re(b, b2);
                        double ri = right.im(b, b2);
                        sumRe += c * (lr * rr - li * ri);
                        sumIm += c * (lr * ri + li * rr);
                    }
                }
                if (!Double.isFinite(sumRe) || !Double.isFinite(sumIm)) {
                    throw new ArithmeticException("D" + irrep + " of " + g + " overflows double at (" + i + ", " + j
                            + ")");
                }
                re[i * d + j] = sumRe;
                im[i * d + j] = sumIm;
            }
        }
        return ComplexMatrix.wrap(d, d, re, im);
    }

    /**
     * D^j(X) for 2j = {@code twoJ}, m ascending: X acts on u = |+½⟩, v = |−½⟩ by its columns,
     * u ↦ x00·u + x10·v, v ↦ x01·u + x11·v, and |j m⟩ = u^{j+m} v^{j−m} / √((j+m)!(j−m)!).
     */
    static ComplexMatrix spin(int twoJ, SL2C x) {
        double[] e = x.entries();
        double[][][] powers = new double[4][][];
        for (int entry = 0; entry < 4; entry++) powers[entry] = powers(e[2 * entry], e[2 * entry + 1], twoJ);
        double[][] a = powers[0];
        double[][] b = powers[1];
        double[][] c = powers[2];
        double[][] dd = powers[3];
        int size = twoJ + 1;
        double[] re = new double[size * size];
        double[] im = new double[size * size];
        for (int p = 0; p <= twoJ; p++) { // column: u^p v^q
            int q = twoJ - p;
            for (int s = 0; s <= p; s++) { // u's taken from the p factors (x00 u + x10 v)
                for (int r = 0; r <= q; r++) { // u's taken from the q factors (x01 u + x11 v)
                    int row = s + r;
                    double coefficient = binomial(p, s) * binomial(q, r)
                            * Math.sqrt(binomial(twoJ, p) / binomial(twoJ, row));
                    double[] t = multiply(multiply(a[s], c[p - s]), multiply(b[r], dd[q - r]));
                    re[row * size + p] += coefficient * t[0];
                    im[row * size + p] += coefficient * t[1];
                }
            }
        }
        return ComplexMatrix.wrap(size, size, re, im);
    }

    /** z^0 … z^max as (re, im) pairs. */
    private static double[][] powers(double re, double im, int max) {
        double[][] out = new double[max + 1][];
        out[0] = new double[] {1, 0};
        for (int i = 1; i <= max; i++) out[i] = multiply(out[i - 1], new double[] {re, im});
        return out;
    }

    private static double[] multiply(double[] x, double[] y) {
        return new double[] {x[0] * y[0] - x[1] * y[1], x[0] * y[1] + x[1] * y[0]};
    }

    private static double binomial(int n, int k) {
        double b = 1;
        for (int i = 1; i <= k; i++) b = b * (n - k + i) / i;
        return b;
    }
}
