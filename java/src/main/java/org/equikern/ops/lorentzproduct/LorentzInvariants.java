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
    /** Channel c holds the components channelStart[c] .. channelStart[c + 1] of a sample. */
    private final int[] channelStart;
    /** Per component of a sample: the component G pairs it with (an involution within its channel), and the sign. */
    private final int[] partner;
    private final double[] sign;

    /**
     * The invariants of features of {@code irreps}.
     *
     * @param irreps the irreps of each sample
     */
    public LorentzInvariants(LorentzIrreps irreps) {
        this.irreps = irreps;
        int channels = 0;
        for (int s = 0; s < irreps.size(); s++) channels += irreps.mul(s);
        channelStart = new int[channels + 1];
        partner = new int[irreps.dim()];
        sign = new double[irreps.dim()];
        int channel = 0;
        for (int s = 0; s < irreps.size(); s++) {
            int d = irreps.irrep(s).dim();
            double[] g = irreps.irrep(s).bilinearForm();
            for (int u = 0; u < irreps.mul(s); u++, channel++) {
                int base = irreps.offset(s) + u * d;
                channelStart[channel + 1] = base + d;
                for (int i = 0; i < d; i++) {
                    for (int j = 0; j < d; j++) {
                        if (g[i * d + j] != 0) {
                            partner[base + i] = base + j;
                            sign[base + i] = g[i * d + j];
                        }
                    }
                }
            }
        }
    }

    /**
     * The irreps of each sample.
     *
     * @return the irreps
     */
    public LorentzIrreps irreps() {
        return irreps;
    }

    /**
     * Invariants per sample: Σ mul.
     *
     * @return the channel count
     */
    public int channels() {
        return channelStart.length - 1;
    }

    /** Channel c's components are channelStart()[c] .. channelStart()[c + 1]; the array itself (device tables). */
    int[] channelStart() {
        return channelStart;
    }

    /** Each component's partner under G; the array itself (device tables). */
    int[] partner() {
        return partner;
    }

    /** Each component's entry of G with its partner; the array itself (device tables). */
    double[] sign() {
        return sign;
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
        int channels = channels();
        ComplexChecks.batch(op, batch);
        ComplexChecks.required(op, "x", x, ComplexChecks.rows(batch, irreps.dim()));
        ComplexChecks.required(op, "out", out, ComplexChecks.rows(batch, channels));
        double[] r = x.re(), m = x.im();
        for (int b = 0; b < batch; b++) {
            int sample = b * irreps.dim();
            for (int c = 0; c < channels; c++) {
                double sr = 0, si = 0;
                for (int i = channelStart[c]; i < channelStart[c + 1]; i++) {
                    int p = sample + i, q = sample + partner[i];
                    sr += sign[i] * (r[p] * r[q] - m[p] * m[q]);
                    si += sign[i] * (r[p] * m[q] + m[p] * r[q]);
                }
                out.re()[b * channels + c] = sr;
                out.im()[b * channels + c] = si;
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
        ComplexChecks.required(op, "gradOut", gradOut, ComplexChecks.rows(batch, channels()));
        ComplexChecks.required(op, "gradX", gradX, x.length());
        gradient(x, gradOut, gradX, batch);
    }

    /**
     * Differentiates the backward: with gradX = {@link #backward}(x, gradOut) and a tangent v laid out
     * as x, writes the gradients of Q = Re⟨v, gradX⟩ with respect to x and gradOut. The backward is
     * g·conj(F·x_partner), so ∂Q/∂x is the backward at v, and ∂Q/∂gradOut = Σ F_i·v_i·x_partner(i)
     * per channel, the derivative of B at x along v (F_i = G_i,partner + G_partner,i).
     *
     * @param x {@code [batch][irreps.dim]}
     * @param gradOut ∂L/∂out, {@code [batch][channels]}
     * @param v the upstream gradient on gradX, {@code [batch][irreps.dim]}
     * @param gradX receives ∂Q/∂x, {@code [batch][irreps.dim]}
     * @param gradGradOut receives ∂Q/∂gradOut, {@code [batch][channels]}
     * @param batch the number of samples, ≥ 0
     * @throws IllegalArgumentException for a negative batch, or a null or wrongly sized tensor
     */
    public void doubleBackward(ComplexTensor x, ComplexTensor gradOut, ComplexTensor v, ComplexTensor gradX,
            ComplexTensor gradGradOut, int batch) {
        String op = "LorentzInvariants.doubleBackward";
        int channels = channels();
        ComplexChecks.batch(op, batch);
        ComplexChecks.required(op, "x", x, ComplexChecks.rows(batch, irreps.dim()));
        ComplexChecks.required(op, "gradOut", gradOut, ComplexChecks.rows(batch, channels));
        ComplexChecks.required(op, "v", v, x.length());
        ComplexChecks.required(op, "gradX", gradX, x.length());
        ComplexChecks.required(op, "gradGradOut", gradGradOut, gradOut.length());
        gradient(v, gradOut, gradX, batch);
        for (int b = 0; b < batch; b++) {
            int sample = b * irreps.dim();
            for (int c = 0; c < channels; c++) {
                double sr = 0, si = 0;
                for (int i = channelStart[c]; i < channelStart[c + 1]; i++) {
                    int p = sample + i, q = sample + partner[i];
                    double factor = sign[i] + sign[partner[i]];
                    sr += factor * (v.re()[p] * x.re()[q] - v.im()[p] * x.im()[q]);
                    si += factor * (v.re()[p] * x.im()[q] + v.im()[p] * x.re()[q]);
                }
                gradGradOut.re()[b * channels + c] = sr;
                gradGradOut.im()[b * channels + c] = si;
            }
        }
    }

    /** gradX = g·conj((G + Gᵀ)·x) per channel, overwritten; the arguments already checked. */
    private void gradient(ComplexTensor x, ComplexTensor gradOut, ComplexTensor gradX, int batch) {
        int channels = channels();
        for (int b = 0; b < batch; b++) {
            int sample = b * irreps.dim();
            for (int c = 0; c < channels; c++) {
                double gr = gradOut.re()[b * channels + c], gi = gradOut.im()[b * channels + c];
                for (int i = channelStart[c]; i < channelStart[c + 1]; i++) {
                    // B = Σ_i sign_i x_i x_{p(i)}, p an involution: x_i appears in terms i and p(i).
                    double factor = sign[i] + sign[partner[i]];
                    double cr = factor * x.re()[sample + partner[i]];
                    double ci = factor * x.im()[sample + partner[i]];
                    gradX.re()[sample + i] = gr * cr + gi * ci;
                    gradX.im()[sample + i] = gi * cr - gr * ci;
                }
            }
        }
    }

    @Override
    public String toString() {
        return "LorentzInvariants(" + irreps + ")";
    }
}
