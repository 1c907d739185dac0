package org.equikern.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.equikern.group.Irrep;
import org.equikern.group.Irreps;
import org.equikern.group.MulIrrep;
import org.equikern.group.Representation;
import org.equikern.group.Rotation;
import org.equikern.group.Wigner3j;
import org.junit.jupiter.api.Test;

/**
 * The coupling tensors: symmetric, equivariant, orthonormal, as many as character theory says
 * the symmetric power contains the target, and spanning the plainly coded symmetrized couplings.
 */
class SymmetricPowerBasisTest {
    private static final String[] CHANNELS = {"0e+1o", "0e+1o+2e", "0e+1o+2e+3o", "1o+1e+0o"};
    private static final String[] TARGETS = {"0e", "0o", "1o", "1e", "2e", "2o", "3o"};

    @Test
    void pathCountsAreTheMultiplicitiesInTheSymmetricPower() {
        for (String ch : new String[] {"0e+1o", "0e+1o+2e", "1o+1e+0o"}) {
            Irreps channel = Irreps.parse(ch);
            for (String target : TARGETS) {
                for (int n = 1; n <= 3; n++) {
                    SymmetricPowerBasis basis = SymmetricPowerBasis.of(channel, Irrep.parse(target), n);
                    assertEquals(multiplicity(channel, Irrep.parse(target), n), basis.pathCount(), basis.toString());
                }
            }
        }
        Irreps mace = Irreps.parse("0e+1o+2e+3o");
        for (String target : new String[] {"0e", "1o", "2e"}) {
            SymmetricPowerBasis basis = SymmetricPowerBasis.of(mace, Irrep.parse(target), 3);
            assertEquals(multiplicity(mace, Irrep.parse(target), 3), basis.pathCount(), basis.toString());
        }
    }

    @Test
    void smallCasesByHand() {
        // Sym²(0e+1o) -> 0e: x0², |x1|²; Sym²(1o) has no 1e (the cross product is antisymmetric).
        assertEquals(2, SymmetricPowerBasis.of(Irreps.parse("0e+1o"), Irrep.parse("0e"), 2).pathCount());
        assertEquals(0, SymmetricPowerBasis.of(Irreps.parse("1o"), Irrep.parse("1e"), 2).pathCount());
        assertEquals(0, SymmetricPowerBasis.of(Irreps.parse("1o"), Irrep.parse("0e"), 3).pathCount());
        // Order 1 onto a copy of the target is the identity on that copy.
        SymmetricPowerBasis one = SymmetricPowerBasis.of(Irreps.parse("0e+1o+2x1o"), Irrep.parse("1o"), 1);
        assertEquals(3, one.pathCount());
        double[] u = one.toArray(1);
        assertEquals(10 * 3, u.length);
        for (int i = 0; i < 10; i++) {
            for (int m = 0; m < 3; m++) {
                assertEquals(i == 4 + m ? 1.0 : 0.0, u[i * 3 + m], 1e-15);
            }
        }
        // x³ of one scalar has coefficient exactly 1.
        SymmetricPowerBasis cube = SymmetricPowerBasis.of(Irreps.parse("0e"), Irrep.parse("0e"), 3);
        assertArrayEquals(new double[] {1}, cube.toArray(0));
    }

    @Test
    void tensorsAreSymmetricOrthonormalAndEquivariant() {
        Random random = new Random(7);
        for (String ch : CHANNELS) {
            Irreps channel = Irreps.parse(ch);
            for (String t : new String[] {"0e", "1o", "2e", "1e"}) {
                Irrep target = Irrep.parse(t);
                Irreps targetIrreps = Irreps.of(List.of(new MulIrrep(1, target)));
                for (int n = 1; n <= 3; n++) {
                    SymmetricPowerBasis basis = SymmetricPowerBasis.of(channel, target, n);
                    int d = channel.dim();
                    int dl = target.dim();
                    for (int k = 0; k < basis.pathCount(); k++) {
                        double[] u = basis.toArray(k);
                        assertSymmetric(u, d, dl, n, basis + " path " + k);
                        for (int j = 0; j < basis.pathCount(); j++) {
                            double expected = j == k ? 1 : 0;
                            assertEquals(expected, dot(u, basis.toArray(j)) / dl, 1e-12,
                                    basis + " paths " + k + ", " + j);
                        }
                        for (int m = 0; m < dl; m++) {
                            double s = 0;
                            for (int i = m; i < u.length; i += dl) {
                                s += u[i] * u[i];
                            }
                            assertEquals(1.0, s, 1e-12, basis + " path " + k + " component " + m);
                        }
                        for (int trial = 0; trial < 2; trial++) {
                            Rotation r = Rotation.random(random);
                            boolean inversion = trial == 1;
                            double[] x = Arrays64.random(d, random.nextLong());
                            double[] rx = Representation.apply(channel, r, inversion, x, 1);
                            double[] fRotated = contract(u, rx, d, dl, n);
                            double[] f = contract(u, x, d, dl, n);
                            double[] rotatedF = Representation.apply(targetIrreps, r, inversion, f, 1);
                            for (int m = 0; m < dl; m++) {
                                assertEquals(rotatedF[m], fRotated[m], 1e-11, basis + " path " + k);
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void spansEverySymmetrizedCouplingOfPlainWigner3j() {
        Irreps channel = Irreps.parse("0e+1o+2e");
        int[] l = {0, 1, 2};
        int[] p = {1, -1, 1};
        int[] off = {0, 1, 4};
        int d = 9;
        for (String t : new String[] {"0e", "1o", "2e", "1e"}) {
            Irrep target = Irrep.parse(t);
            int dl = target.dim();
            int big = target.l();
            List<double[]> plain = new ArrayList<>();
            for (int a = 0; a < 3; a++) {
                for (int b = 0; b < 3; b++) {
                    if (p[a] * p[b] == target.parity().sign() && Math.abs(l[a] - l[b]) <= big && big <= l[a] + l[b]) {
                        double[] u = new double[d * d * dl];
                        Wigner3j c = Wigner3j.of(l[a], l[b], big);
                        for (int i = 0; i < 2 * l[a] + 1; i++) {
                            for (int j = 0; j < 2 * l[b] + 1; j++) {
                                for (int m = 0; m < dl; m++) {
                                    u[((off[a] + i) * d + off[b] + j) * dl + m] += c.get(i, j, m) / 2;
                                    u[((off[b] + j) * d + off[a] + i) * dl + m] += c.get(i, j, m) / 2;
                                }
                            }
                        }
                        plain.add(u);
                    }
                    for (int c3 = 0; c3 < 3; c3++) {
                        plain.addAll(plainTriples(l, p, off, d, target, a, b, c3));
                    }
                }
            }
            SymmetricPowerBasis two = SymmetricPowerBasis.of(channel, target, 2);
            SymmetricPowerBasis three = SymmetricPowerBasis.of(channel, target, 3);
            for (double[] u : plain) {
                SymmetricPowerBasis basis = u.length == d * d * dl ? two : three;
                double[] r = u.clone();
                for (int k = 0; k < basis.pathCount(); k++) {
                    double[] q = basis.toArray(k);
                    double c = dot(q, r) / dl;
                    for (int i = 0; i < r.length; i++) {
                        r[i] -= c * q[i];
                    }
                }
                assertTrue(Math.sqrt(dot(r, r)) < 1e-12, basis + ": residual " + Math.sqrt(dot(r, r)));
            }
        }
    }

    @Test
    void rejectsBadArguments() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SymmetricPowerBasis.of(Irreps.parse("0e"), Irrep.parse("0e"), 4));
        assertEquals("SymmetricPowerBasis: order must be in 1..3, got 4", e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> SymmetricPowerBasis.of(Irreps.parse("0e"), Irrep.parse("0e"), 0));
        assertThrows(IndexOutOfBoundsException.class,
                () -> SymmetricPowerBasis.of(Irreps.parse("1o"), Irrep.parse("1e"), 2).toArray(0));
    }

    /** Σ_{i1..in} U[i.., M] x[i1]..x[in], plainly. */
    static double[] contract(double[] u, double[] x, int d, int dl, int n) {
        double[] out = new double[dl];
        int tuples = u.length / dl;
        for (int t = 0; t < tuples; t++) {
            double prod = 1;
            int rest = t;
            for (int i = 0; i < n; i++) {
                prod *= x[rest % d];
                rest /= d;
            }
            for (int m = 0; m < dl; m++) {
                out[m] += u[t * dl + m] * prod;
            }
        }
        return out;
    }

    private static List<double[]> plainTriples(int[] l, int[] p, int[] off, int d, Irrep target, int a, int b, int c) {
        List<double[]> out = new ArrayList<>();
        int dl = target.dim();
        for (int mid = Math.abs(l[a] - l[b]); mid <= l[a] + l[b]; mid++) {
            if (p[a] * p[b] * p[c] != target.parity().sign() || target.l() < Math.abs(mid - l[c])
                    || target.l() > mid + l[c]) {
                continue;
            }
            Wigner3j c1 = Wigner3j.of(l[a], l[b], mid);
            Wigner3j c2 = Wigner3j.of(mid, l[c], target.l());
            double[] u = new double[d * d * d * dl];
            int[][] perms = {{0, 1, 2}, {0, 2, 1}, {1, 0, 2}, {1, 2, 0}, {2, 0, 1}, {2, 1, 0}};
            for (int i = 0; i < 2 * l[a] + 1; i++) {
                for (int j = 0; j < 2 * l[b] + 1; j++) {
                    for (int k = 0; k < 2 * l[c] + 1; k++) {
                        int[] idx = {off[a] + i, off[b] + j, off[c] + k};
                        for (int m = 0; m < dl; m++) {
                            double v = 0;
                            for (int mu = 0; mu < 2 * mid + 1; mu++) {
                                v += c1.get(i, j, mu) * c2.get(mu, k, m);
                            }
                            for (int[] s : perms) {
                                u[((idx[s[0]] * d + idx[s[1]]) * d + idx[s[2]]) * dl + m] += v / 6;
                            }
                        }
                    }
                }
            }
            out.add(u);
        }
        return out;
    }

    private static void assertSymmetric(double[] u, int d, int dl, int n, String what) {
        if (n == 1) {
            return;
        }
        int tuples = u.length / dl;
        for (int t = 0; t < tuples; t++) {
            int[] idx = new int[n];
            int rest = t;
            for (int i = n - 1; i >= 0; i--) {
                idx[i] = rest % d;
                rest /= d;
            }
            int swapped01 = n == 2 ? idx[1] * d + idx[0] : (idx[1] * d + idx[0]) * d + idx[2];
            int swapped12 = n == 2 ? swapped01 : (idx[0] * d + idx[2]) * d + idx[1];
            for (int m = 0; m < dl; m++) {
                assertEquals(u[t * dl + m], u[swapped01 * dl + m], 1e-15, what);
                assertEquals(u[t * dl + m], u[swapped12 * dl + m], 1e-15, what);
            }
        }
    }

    private static double dot(double[] a, double[] b) {
        return Arrays64.dot(a, b);
    }

    /**
     * Multiplicity of {@code target} in the n-th symmetric power of the channel, by integrating
     * characters over O(3): Sym² = (χ(g)² + χ(g²))/2, Sym³ = (χ(g)³ + 3χ(g)χ(g²) + 2χ(g³))/6, with
     * the rotation-angle density (1 − cos θ)/(2π) on [0, 2π), exact on a uniform grid.
     */
    static int multiplicity(Irreps channel, Irrep target, int n) {
        int steps = 512;
        double sum = 0;
        for (int s = 0; s < steps; s++) {
            double theta = 2 * Math.PI * s / steps;
            double density = (1 - Math.cos(theta)) / steps;
            for (int inv = 0; inv < 2; inv++) {
                boolean odd = inv == 1;
                double c1 = character(channel, theta, odd);
                double c2 = character(channel, 2 * theta, false);
                double c3 = character(channel, 3 * theta, odd);
                double sym = n == 1 ? c1 : n == 2 ? (c1 * c1 + c2) / 2 : (c1 * c1 * c1 + 3 * c1 * c2 + 2 * c3) / 6;
                double chiTarget = chi(target.l(), theta) * (odd ? target.parity().sign() : 1);
                sum += 0.5 * density * sym * chiTarget;
            }
        }
        long rounded = Math.round(sum);
        assertEquals(rounded, sum, 1e-9, "character integral");
        return (int) rounded;
    }

    private static double character(Irreps irreps, double theta, boolean inversion) {
        double c = 0;
        for (MulIrrep b : irreps) {
            c += b.mul() * chi(b.irrep().l(), theta) * (inversion ? b.irrep().parity().sign() : 1);
        }
        return c;
    }

    private static double chi(int l, double theta) {
        double c = 1;
        for (int m = 1; m <= l; m++) {
            c += 2 * Math.cos(m * theta);
        }
        return c;
    }
}
