package org.equikern.ops.lorentzproduct;

import java.util.Random;
import java.util.function.ToDoubleFunction;
import org.equikern.device.DType;
import org.equikern.group.lorentz.ComplexMatrix;
import org.equikern.group.lorentz.LorentzD;
import org.equikern.group.lorentz.SL2C;

/** Test helpers: random complex features, the group action on them, errors and finite differences. */
public final class LorentzFeatures {
    private LorentzFeatures() {
    }

    /** n complex entries with standard-normal planes. */
    public static ComplexTensor random(Random random, int n) {
        ComplexTensor t = ComplexTensor.zeros(n);
        for (int i = 0; i < n; i++) {
            t.re()[i] = random.nextGaussian();
            t.im()[i] = random.nextGaussian();
        }
        return t;
    }

    /** D(g)·x for every channel of every sample, through {@link LorentzD} and {@link ComplexMatrix}. */
    public static ComplexTensor act(SL2C g, LorentzIrreps irreps, ComplexTensor x, int batch) {
        ComplexTensor out = ComplexTensor.zeros(x.length());
        for (int s = 0; s < irreps.size(); s++) {
            int d = irreps.irrep(s).dim();
            ComplexMatrix dg = LorentzD.of(irreps.irrep(s), g);
            for (int b = 0; b < batch; b++) {
                for (int u = 0; u < irreps.mul(s); u++) {
                    int base = b * irreps.dim() + irreps.offset(s) + u * d;
                    ComplexMatrix column = column(x, base, d);
                    ComplexMatrix moved = dg.times(column);
                    for (int i = 0; i < d; i++) {
                        out.re()[base + i] = moved.re(i, 0);
                        out.im()[base + i] = moved.im(i, 0);
                    }
                }
            }
        }
        return out;
    }

    /** Entries base..base+d of x as a d×1 matrix. */
    public static ComplexMatrix column(ComplexTensor x, int base, int d) {
        double[] re = new double[d];
        double[] im = new double[d];
        System.arraycopy(x.re(), base, re, 0, d);
        System.arraycopy(x.im(), base, im, 0, d);
        return ComplexMatrix.of(d, 1, re, im);
    }

    /** max |a − b| / max |b| (moduli). */
    public static double relativeError(ComplexTensor a, ComplexTensor b) {
        double diff = 0;
        double scale = 0;
        for (int i = 0; i < a.length(); i++) {
            diff = Math.max(diff, Math.hypot(a.re()[i] - b.re()[i], a.im()[i] - b.im()[i]));
            scale = Math.max(scale, Math.hypot(b.re()[i], b.im()[i]));
        }
        return diff / scale;
    }

    /** Re⟨a, b⟩ = Σ a_re b_re + a_im b_im: the real pairing of a gradient with a tangent. */
    public static double pairing(ComplexTensor a, ComplexTensor b) {
        double s = 0;
        for (int i = 0; i < a.length(); i++) s += a.re()[i] * b.re()[i] + a.im()[i] * b.im()[i];
        return s;
    }

    /** Central differences of f over both planes of x: the gradient ∂f/∂Re + i·∂f/∂Im. */
    public static ComplexTensor gradient(ComplexTensor x, double h, ToDoubleFunction<ComplexTensor> f) {
        ComplexTensor g = ComplexTensor.zeros(x.length());
        for (double[][] planes : new double[][][] {{x.re(), g.re()}, {x.im(), g.im()}}) {
            double[] p = planes[0];
            for (int i = 0; i < p.length; i++) {
                double keep = p[i];
                p[i] = keep + h;
                double plus = f.applyAsDouble(x);
                p[i] = keep - h;
                double minus = f.applyAsDouble(x);
                p[i] = keep;
                planes[1][i] = (plus - minus) / (2 * h);
            }
        }
        return g;
    }

    /** t as a device holds it in {@code dtype}: both planes rounded to float for FLOAT32. */
    public static ComplexTensor rounded(DType dtype, ComplexTensor t) {
        ComplexTensor out = t.copy();
        if (dtype == DType.FLOAT32) {
            for (int i = 0; i < out.length(); i++) {
                out.re()[i] = (float) out.re()[i];
                out.im()[i] = (float) out.im()[i];
            }
        }
        return out;
    }
}
