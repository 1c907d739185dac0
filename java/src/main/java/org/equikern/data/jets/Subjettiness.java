package org.equikern.data.jets;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * N-subjettiness for jets in any direction: τ_N = Σ_i E_i·min_k θ(p_i, a_k) / Σ_i E_i, the
 * energy-weighted angle of each constituent to the nearest of N axes a_k, which are the directions of
 * the N subjets left by exclusive clustering with the e⁺e⁻ k_T (Durham) distance
 * d_ij = min(E_i, E_j)²·(1 − cos θ_ij), merging by adding 4-momenta. Angles and energies on the
 * sphere (not rapidity and azimuth) because the generated jets point anywhere. A jet of N prongs has
 * τ_N ≪ τ_(N−1), so τ3/τ2 is small for top-like jets. Lab-frame quantities: not Lorentz invariant.
 */
public final class Subjettiness {
    private Subjettiness() {
    }

    /**
     * τ_N of the jet; 0 when it has at most N constituents.
     *
     * @param jet the jet
     * @param axes N, ≥ 1
     * @return τ_N in radians
     * @throws IllegalArgumentException for N &lt; 1
     */
    public static double tau(Jet jet, int axes) {
        double[] p = jet.momenta();
        List<double[]> subjets = subjets(jet, axes);
        double weighted = 0;
        double energy = 0;
        for (int i = 0; i < jet.count(); i++) {
            double[] particle = Arrays.copyOfRange(p, 4 * i, 4 * i + 4);
            double nearest = Double.POSITIVE_INFINITY;
            for (double[] axis : subjets) nearest = Math.min(nearest, angle(particle, axis));
            weighted += particle[0] * nearest;
            energy += particle[0];
        }
        return weighted / energy;
    }

    /**
     * τ3/τ2, the three-prong discriminant (1 when τ2 is 0).
     *
     * @param jet the jet
     * @return the ratio, ≥ 0
     */
    public static double ratio32(Jet jet) {
        double tau2 = tau(jet, 2);
        return tau2 == 0 ? 1 : tau(jet, 3) / tau2;
    }

    /**
     * The 4-momenta of the N exclusive Durham subjets, by decreasing energy (all constituents when there
     * are at most N).
     *
     * @param jet the jet
     * @param count N, ≥ 1
     * @return N or fewer new arrays (E, p_x, p_y, p_z)
     * @throws IllegalArgumentException for N &lt; 1
     */
    public static List<double[]> subjets(Jet jet, int count) {
        if (count < 1) throw new IllegalArgumentException("subjet count = " + count + ": must be >= 1");
        double[] p = jet.momenta();
        List<double[]> subjets = new ArrayList<>();
        for (int i = 0; i < jet.count(); i++) subjets.add(Arrays.copyOfRange(p, 4 * i, 4 * i + 4));
        while (subjets.size() > count) {
            int bestI = 0;
            int bestJ = 1;
            double best = Double.POSITIVE_INFINITY;
            for (int i = 0; i < subjets.size(); i++) {
                for (int j = i + 1; j < subjets.size(); j++) {
                    double d = durham(subjets.get(i), subjets.get(j));
                    if (d < best) {
                        best = d;
                        bestI = i;
                        bestJ = j;
                    }
                }
            }
            double[] a = subjets.get(bestI);
            double[] b = subjets.remove(bestJ);
            for (int mu = 0; mu < 4; mu++) a[mu] += b[mu];
        }
        subjets.sort((a, b) -> Double.compare(b[0], a[0]));
        return subjets;
    }

    private static double durham(double[] a, double[] b) {
        double e = Math.min(a[0], b[0]);
        return e * e * (1 - cosine(a, b));
    }

    private static double angle(double[] a, double[] b) {
        return Math.acos(Math.max(-1, Math.min(1, cosine(a, b))));
    }

    private static double cosine(double[] a, double[] b) {
        double dot = a[1] * b[1] + a[2] * b[2] + a[3] * b[3];
        double norms = Math.sqrt((a[1] * a[1] + a[2] * a[2] + a[3] * a[3]) * (b[1] * b[1] + b[2] * b[2] + b[3] * b[3]));
        return dot / norms;
    }
}
