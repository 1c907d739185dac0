package org.equikern.model.lgn;

import org.equikern.group.lorentz.ComplexMatrix;
import org.equikern.group.lorentz.LorentzClebschGordan;
import org.equikern.group.lorentz.LorentzIrrep;
import org.equikern.group.lorentz.Minkowski;
import org.equikern.ops.lorentznet.LgebPrimitives;
import org.equikern.ops.lorentzproduct.ComplexTensor;
import org.equikern.ops.lorentzproduct.LorentzIrreps;

/**
 * LGN's edge features of a pair of particles: radial functions of the invariant interval
 * s = ‖p_i − p_j‖² times zonal functions of Δ = p_i − p_j. The zonal function of level l lives in
 * (l,l): Z⁰ = 1, Z¹ = the canonical components of Δ, Zˡ = H(Zˡ⁻¹, Z¹) projected to (l,l) — the
 * symmetric traceless powers of Δ, equivariant since H intertwines. The radial functions are
 * φ_k(s) = ψ(s)^k, k = 0 … K−1, with ψ(s) = sgn(s)·log(|s| + 1) (LorentzNet's compression, bounded
 * growth for boosted jets). Edge irreps: {@code Kx(0,0)+Kx(1,1)+…+Kx(L,L)}, channel k of level l
 * holding φ_k(s)·Zˡ(Δ).
 */
final class ZonalEdges {
    private final int levels;
    private final int radial;
    private final LorentzIrreps irreps;

    ZonalEdges(int maxLevel, int radialFunctions) {
        if (maxLevel < 0 || maxLevel > 4) {
            throw new IllegalArgumentException("zonal maxLevel = " + maxLevel + " must be in 0..4");
        }
        if (radialFunctions < 1 || radialFunctions > 16) {
            throw new IllegalArgumentException("radialFunctions = " + radialFunctions + " must be in 1..16");
        }
        levels = maxLevel + 1;
        radial = radialFunctions;
        StringBuilder text = new StringBuilder();
        for (int l = 0; l < levels; l++) {
            if (l > 0) text.append('+');
            text.append(radial).append("x(").append(l).append(',').append(l).append(')');
        }
        irreps = LorentzIrreps.parse(text.toString());
    }

    LorentzIrreps irreps() {
        return irreps;
    }

    /** Zonal levels: maxLevel + 1. */
    int levels() {
        return levels;
    }

    /** Radial functions per level. */
    int radial() {
        return radial;
    }

    /** Writes the edge features of Δ = p − q into row {@code row} of {@code out}. */
    void compute(double[] p, int pAt, double[] q, int qAt, ComplexTensor out, int row) {
        double[] delta = {p[pAt] - q[qAt], p[pAt + 1] - q[qAt + 1], p[pAt + 2] - q[qAt + 2], p[pAt + 3] - q[qAt + 3]};
        double psi = LgebPrimitives.psi(Minkowski.squaredNorm(delta));
        ComplexMatrix first = Minkowski.toCanonical(delta);
        ComplexMatrix zonal = ComplexMatrix.ofReal(1, 1, new double[] {1});
        int base = row * irreps.dim();
        for (int l = 0; l < levels; l++) {
            if (l == 1) {
                zonal = first;
            } else if (l > 1) {
                zonal = LorentzClebschGordan.of(LorentzIrrep.of(l - 1, l - 1), LorentzIrrep.of(1, 1),
                        LorentzIrrep.of(l, l)).couple(zonal, first);
            }
            int d = zonal.rows();
            double radialValue = 1;
            for (int k = 0; k < radial; k++, radialValue *= psi) {
                int at = base + irreps.offset(l) + k * d;
                for (int i = 0; i < d; i++) {
                    out.re()[at + i] = radialValue * zonal.re(i, 0);
                    out.im()[at + i] = radialValue * zonal.im(i, 0);
                }
            }
        }
    }
}
