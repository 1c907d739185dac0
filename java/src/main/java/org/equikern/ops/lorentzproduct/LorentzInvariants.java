package org.equikern.ops.lorentzproduct;

import org.equikern.group.lorentz.LorentzIrrep;

/**
 * The invariant of every channel of SL(2,C) features: the bilinear form B(x) = xᵀ·G·x of its irrep
 * ({@link LorentzIrrep#bilinearForm()}, complex, no conjugation), unchanged by x ↦ D(g)·x. On a (1,1)
 * channel holding the canonical components of a 4-vector p ({@link FourVectors}) it is the
 * Minkowski square ⟨p, p⟩ = t² − x² − y² − z²; on (0,0) it is x².
 *
 * <p>Layouts: x {@code [batch][irreps.dim]}; out {@code [batch][Σ mul]}, channels segment after
 * segment. Outputs are overwritten. Immutable and thread-safe.
 */
public final class LorentzInvariants {
    private final LorentzIrreps irreps;
    private final int channels;
    /** Per segment: for each component i, the component G pairs it with and the sign. */
    private final int[][] partner;
    private final double[][] sign;

    /**
     * The invariants of features of {@code irreps}.
     *
     * @param irreps the irreps of each sample
     */
    public LorentzInvariants(LorentzIrreps irreps) {
        this.irreps = irreps;
        int c = 0;
        partner = new int[irreps.size()][];
        sign = new double[irreps.size()][];
        for (int s = 0; s < irreps.size(); s++) {
            c += irreps.mul(s);
            int d = irreps.irrep(s).dim();
            double[] g = irreps.irrep(s).bilinearForm();
            partner[s] = new int[d];
            sign[s] = new double[d];
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    if (g[i * d + j] != 0) {
                        partner[s][i] = j;
                        sign[s][i] = g[i * d + j];
                    }
                }
            }
        }
        channels = c;
    }

    /**
     * Invariants per sample: Σ mul.
     *
     * @return the channel count
     */
    public int channels() {
        return channels;
    }

    /**
     * out[b][channel] = xᵀ·G·x.
     *
     * @param x {@code [batch][irreps.dim]}
     * @param out receives {@code [batch][channels]}
     * @param batch the number of samples, ≥ 0
     * @throws IllegalArgumentException for a negative batch, or a null or wrongly sized required tensor
     */
    public void forward(ComplexTensor x, ComplexTensor out, int batch) {
        String op = "LorentzInvariants.forward";
        ComplexChecks.batch(op, batch);
        ComplexChecks.required(op, "x", x, ComplexChecks.rows(batch, irreps.dim()));
        ComplexChecks.required(op, "out", out, ComplexChecks.rows(batch, channels));
        double[] r = x.re(), m = x.im();
        for (int b = 0; b < batch; b++) {
            int channel = b * channels;
            for (int s = 0; s < irreps.size(); s++) {
                int d = irreps.irrep(s).dim();
                for (int u = 0; u < irreps.mul(s); u++, channel++) {
                    int base = b * irreps.dim() + irreps.offset(s) + u * d;
                    double sr = 0, si = 0;
                    for (int i = 0; i < d; i++) {
                        int j = base + partner[s][i];
                        sr += sign[s][i] * (r[base + i] * r[j] - m[base + i] * m[j]);
                        si += sign[s][i] * (r[base + i] * m[j] + m[base + i] * r[j]);
                    }
                    out.re()[channel] = sr;
                    out.im()[channel] = si;
                }
            }
        }
    }

    /**
     * ∂L/∂x = g·conj((G + Gᵀ)·x) per channel, overwritten.
     *
     * @param x {@code [batch][irreps.dim]}
     * @param gradOut ∂L/∂out, {@code [batch][channels]}
     * @param gradX receives ∂L/∂x, {@code [batch][irreps.dim]}
     * @param batch the number of samples, ≥ 0
     * @throws IllegalArgumentException for a negative batch, or a null or wrongly sized required tensor
     */
    public void backward(ComplexTensor x, ComplexTensor gradOut, ComplexTensor gradX, int batch) {
        String op = "LorentzInvariants.backward";
        ComplexChecks.batch(op, batch);
        ComplexChecks.required(op, "x", x, ComplexChecks.rows(batch, irreps.dim()));
        ComplexChecks.required(op, "gradOut", gradOut, ComplexChecks.rows(batch, channels));
        ComplexChecks.required(op, "gradX", gradX, x.length());
        gradX.clear();
        for (int b = 0; b < batch; b++) {
            int channel = b * channels;
            for (int s = 0; s < irreps.size(); s++) {
                int d = irreps.irrep(s).dim();
                for (int u = 0; u < irreps.mul(s); u++, channel++) {
                    int base = b * irreps.dim() + irreps.offset(s) + u * d;
                    double gr = gradOut.re()[channel], gi = gradOut.im()[channel];
                    for (int i = 0; i < d; i++) {
                        // B = Σ_i sign_i x_i x_{p(i)}, p an involution: x_i appears in terms i and p(i).
                        int j = partner[s][i];
                        double factor = sign[s][i] + sign[s][j];
                        double cr = factor * x.re()[base + j];
                        double ci = factor * x.im()[base + j];
                        gradX.re()[base + i] += gr * cr + gi * ci;
                        gradX.im()[base + i] += gi * cr - gr * ci;
                    }
                }
            }
        }
    }

    @Override
    public String toString() {
        return "LorentzInvariants(" + irreps + ")";
    }
}
