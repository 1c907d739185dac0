package org.equikern.model.jets;

import org.equikern.data.jets.JetBatch;
import org.equikern.ops.lorentznet.LgebPrimitives;
import org.equikern.ops.minkowski.MinkowskiGram;

/**
 * The Lorentz-invariant inputs the invariant taggers share, all in units of the jet's own mass: the
 * jet momentum P = Σ_i p_i is covariant, so M² = ⟨P, P⟩, the jet-mass-normalised Gram matrix
 * g_ij = ⟨p_i, p_j⟩ / M² and the rest-frame energy fractions z_i = ⟨p_i, P⟩ / M² = Σ_j g_ij are
 * invariant. They span many decades (g_ij from 1e-9 to 0.2 on the generated jets), so the taggers read
 * them as {@link #compress ψ(κ·a)} with κ = {@value #SCALE}, LorentzNet's logarithm ψ(a) =
 * sgn a·log(1 + |a|) made to resolve pairs down to g ≈ 1/κ. A larger κ resolves smaller pairs but
 * amplifies the round-off of the smallest g_ij (computed from lab-frame momenta up to 6 M): at κ = 1e4
 * LorentzNet's logits moved by 3e-10 under random boosts, above the 1e-10 the invariance checks allow.
 */
final class JetInvariants {
    /** κ: invariants in units of M² are multiplied by this before ψ. */
    static final double SCALE = 1e3;

    private final int batch;
    private final int particles;
    private final int[] counts;
    private final double[] momenta;
    private final double[] masses;

    private JetInvariants(JetBatch jets) {
        batch = jets.batch();
        particles = jets.particles();
        counts = jets.counts();
        momenta = jets.momenta();
        masses = new double[batch];
        for (int b = 0; b < batch; b++) {
            double[] total = total(b);
            double m2 = minkowski(total, 0, total, 0);
            if (!(m2 > 0)) {
                throw new IllegalArgumentException("jet " + b + " of the batch has squared mass " + m2
                        + ": the invariant inputs need a timelike jet momentum (M² > 0)");
            }
            masses[b] = Math.sqrt(m2);
        }
    }

    /**
     * The invariants of a batch.
     *
     * @throws IllegalArgumentException when a jet's total momentum is not timelike
     */
    static JetInvariants of(JetBatch jets) {
        return new JetInvariants(jets);
    }

    /** ψ(κ·a): the compressed form in which the taggers read an invariant a in units of M². */
    static double compress(double a) {
        return LgebPrimitives.psi(SCALE * a);
    }

    /**
     * The momenta in units of the jet mass, {@code [batch][particles][4]}: ⟨x_i, x_j⟩ = g_ij, and
     * Lorentz transformations act on them as on p.
     */
    double[] momentaOverMass() {
        double[] x = momenta.clone();
        for (int b = 0; b < batch; b++) {
            for (int k = b * particles * 4; k < (b + 1) * particles * 4; k++) x[k] /= masses[b];
        }
        return x;
    }

    /** g_ij = ⟨p_i, p_j⟩ / M², {@code [batch][particles][particles]}, 0 where i or j is padding. */
    double[] gram() {
        double[] g = new double[batch * particles * particles];
        MinkowskiGram.forward(momentaOverMass(), counts, batch, particles, g);
        return g;
    }

    /** z_i = ⟨p_i, P⟩ / M², the energy fraction in the jet's rest frame, {@code [batch][particles]}; 0 on padding. */
    double[] energyFractions() {
        double[] z = new double[batch * particles];
        for (int b = 0; b < batch; b++) {
            double[] total = total(b);
            double m2 = masses[b] * masses[b];
            for (int i = 0; i < counts[b]; i++) {
                z[b * particles + i] = minkowski(momenta, (b * particles + i) * 4, total, 0) / m2;
            }
        }
        return z;
    }

    private double[] total(int b) {
        double[] total = new double[4];
        for (int i = 0; i < counts[b]; i++) {
            for (int mu = 0; mu < 4; mu++) total[mu] += momenta[(b * particles + i) * 4 + mu];
        }
        return total;
    }

    private static double minkowski(double[] a, int i, double[] b, int j) {
        return a[i] * b[j] - a[i + 1] * b[j + 1] - a[i + 2] * b[j + 2] - a[i + 3] * b[j + 3];
    }
}
