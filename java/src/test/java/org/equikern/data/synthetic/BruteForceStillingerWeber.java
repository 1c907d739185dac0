package org.equikern.data.synthetic;

/**
 * Stillinger–Weber per-atom energies written straight from the 1985 paper's formulas, summing over
 * every atom and every periodic image within ±1 cell with no neighbour list: the reference the
 * production code is checked against.
 */
final class BruteForceStillingerWeber {
    private static final double EPS = 2.1683;
    private static final double SIG = 2.0951;
    private static final double A = 7.049556277;
    private static final double B = 0.6022245584;
    private static final double P = 4;
    private static final double Q = 0;
    private static final double CUT = 1.80;
    private static final double LAMBDA = 21.0;
    private static final double GAMMA = 1.20;

    private BruteForceStillingerWeber() {
    }

    /** f₂(r) in reduced units: A (B r^−p − r^−q) exp(1/(r − a)) for r < a. */
    private static double f2(double r) {
        return r < CUT ? A * (B * Math.pow(r, -P) - Math.pow(r, -Q)) * Math.exp(1 / (r - CUT)) : 0;
    }

    /** Half the pair terms and the three-body terms centred on each atom (cells of at least 2a·σ). */
    static double[] atomEnergies(PeriodicCell atoms) {
        double[] cell = atoms.cell();
        double[] x = atoms.positions();
        int n = atoms.atoms();
        double[][] bonds = new double[27 * n][];
        double[] energies = new double[n];
        for (int i = 0; i < n; i++) {
            int count = 0;
            for (int j = 0; j < n; j++) {
                for (int s = 0; s < 27; s++) {
                    int[] image = {s % 3 - 1, s / 3 % 3 - 1, s / 9 - 1};
                    double[] d = new double[3];
                    for (int a = 0; a < 3; a++) {
                        d[a] = x[3 * j + a] - x[3 * i + a] + image[0] * cell[a] + image[1] * cell[3 + a]
                                + image[2] * cell[6 + a];
                    }
                    double r = Math.sqrt(d[0] * d[0] + d[1] * d[1] + d[2] * d[2]) / SIG;
                    if (r > 0 && r < CUT) {
                        energies[i] += 0.5 * EPS * f2(r);
                        bonds[count++] = d;
                    }
                }
            }
            for (int j = 0; j < count; j++) {
                for (int k = j + 1; k < count; k++) {
                    energies[i] += EPS * h(bonds[j], bonds[k]);
                }
            }
        }
        return energies;
    }

    /** h(r_ij, r_ik, θ_jik) = λ exp(γ/(r_ij − a) + γ/(r_ik − a)) (cos θ + 1/3)². */
    private static double h(double[] u, double[] v) {
        double ru = Math.sqrt(u[0] * u[0] + u[1] * u[1] + u[2] * u[2]);
        double rv = Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
        double cos = (u[0] * v[0] + u[1] * v[1] + u[2] * v[2]) / (ru * rv);
        return LAMBDA * Math.exp(GAMMA / (ru / SIG - CUT) + GAMMA / (rv / SIG - CUT)) * (cos + 1.0 / 3) * (cos + 1.0 / 3);
    }
}
