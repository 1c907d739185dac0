package org.equikern.bench.lorentz;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import org.equikern.group.lorentz.ComplexMatrix;
import org.equikern.group.lorentz.LorentzD;
import org.equikern.group.lorentz.SL2C;
import org.equikern.model.lgn.LgnLayer;
import org.equikern.model.lgn.LgnOutput;
import org.equikern.model.lgn.LgnWeights;
import org.equikern.model.lgn.Precision;
import org.equikern.ops.lorentzproduct.ComplexTensor;
import org.equikern.ops.lorentzproduct.ComplexTensor32;
import org.equikern.ops.lorentzproduct.LorentzIrreps;
import org.equikern.ops.lorentzproduct.LorentzProduct;

/**
 * Writes the README's table of equivariance error against rapidity (0 … 9) in float64 and float32:
 * for the CG product, max |out(D·x1, D·x2) − D·out(x1, x2)| / max |D·out| over seeded random
 * features and elements g = U1·B(η)·U2 of rapidity exactly η; for an LGN layer, the relative
 * change of its invariant scalars when the jet's momenta are boosted by g and its features moved by
 * D(g). The worst of {@value #TRIALS} trials per rapidity. Seeded: the same numbers every run.
 *
 * <pre>java -cp benchmarks.jar org.equikern.bench.lorentz.RapidityErrorTable [csv] [markdown]</pre>
 */
public final class RapidityErrorTable {
    static final int TRIALS = 8;
    static final int MAX_RAPIDITY = 9;
    private static final LorentzIrreps IN = LorentzIrreps.parse("2x(0,0)+2x(1,1)");
    private static final LorentzIrreps OUT = LorentzIrreps.parse("2x(0,0)+2x(1,1)+2x(2,2)");
    private static final int PARTICLES = 5;

    private RapidityErrorTable() {
    }

    /** Writes the CSV and markdown tables (default paths under bench/results/). */
    public static void main(String[] args) throws IOException {
        Path csv = Path.of(args.length > 0 ? args[0] : "bench/results/lorentz-rapidity.csv");
        Path markdown = Path.of(args.length > 1 ? args[1] : "bench/results/lorentz-rapidity.md");
        double[][] rows = compute();
        Files.createDirectories(csv.toAbsolutePath().getParent());
        Files.writeString(csv, csv(rows), StandardCharsets.UTF_8);
        Files.writeString(markdown, markdown(rows), StandardCharsets.UTF_8);
        System.out.print(markdown(rows));
    }

    /** Rows {rapidity, CG f64, CG f32, LGN scalars f64, LGN scalars f32}. */
    static double[][] compute() {
        LorentzProduct product = new LorentzProduct(IN, IN, OUT, LorentzProduct.Mode.FULLY_CONNECTED);
        LgnLayer layer = new LgnLayer(IN, OUT, 2, 2, new int[] {8}, 2);
        Random random = new Random(2026);
        ComplexTensor w = gaussian(random, product.weightLength(), 1);
        LgnWeights lgnWeights = LgnWeights.random(layer, random, 0.3);
        double[][] rows = new double[MAX_RAPIDITY + 1][];
        for (int eta = 0; eta <= MAX_RAPIDITY; eta++) {
            double[] worst = new double[4];
            for (int trial = 0; trial < TRIALS; trial++) {
                SL2C g = SL2C.random(random, 0).times(SL2C.boost(eta, 0, 0, 1)).times(SL2C.random(random, 0));
                ComplexTensor x1 = gaussian(random, IN.dim(), 1);
                ComplexTensor x2 = gaussian(random, IN.dim(), 1);
                worst[0] = Math.max(worst[0], productError(product, g, x1, x2, w, false));
                worst[1] = Math.max(worst[1], productError(product, g, x1, x2, w, true));
                double[] momenta = jet(random);
                ComplexTensor features = gaussian(random, PARTICLES * IN.dim(), 1);
                worst[2] = Math.max(worst[2], layerError(layer, lgnWeights, g, momenta, features, Precision.FLOAT64));
                worst[3] = Math.max(worst[3], layerError(layer, lgnWeights, g, momenta, features, Precision.FLOAT32));
            }
            rows[eta] = new double[] {eta, worst[0], worst[1], worst[2], worst[3]};
        }
        return rows;
    }

    private static double productError(LorentzProduct product, SL2C g, ComplexTensor x1, ComplexTensor x2,
            ComplexTensor w, boolean float32) {
        ComplexTensor before = ComplexTensor.zeros(OUT.dim());
        ComplexTensor after = ComplexTensor.zeros(OUT.dim());
        if (float32) {
            ComplexTensor32 b = ComplexTensor32.zeros(OUT.dim());
            ComplexTensor32 a = ComplexTensor32.zeros(OUT.dim());
            product.forward(x1.toFloat(), x2.toFloat(), w.toFloat(), b, 1);
            product.forward(act(g, IN, x1.toFloat().widen()).toFloat(), act(g, IN, x2.toFloat().widen()).toFloat(),
                    w.toFloat(), a, 1);
            before = b.widen();
            after = a.widen();
        } else {
            product.forward(x1, x2, w, before, 1);
            product.forward(act(g, IN, x1), act(g, IN, x2), w, after, 1);
        }
        ComplexTensor expected = act(g, OUT, before);
        double diff = 0;
        double scale = 0;
        for (int i = 0; i < expected.length(); i++) {
            diff = Math.max(diff, Math.hypot(after.re()[i] - expected.re()[i], after.im()[i] - expected.im()[i]));
            scale = Math.max(scale, Math.hypot(expected.re()[i], expected.im()[i]));
        }
        return diff / scale;
    }

    private static double layerError(LgnLayer layer, LgnWeights weights, SL2C g, double[] momenta,
            ComplexTensor features, Precision precision) {
        int[] counts = {PARTICLES};
        LgnOutput before = layer.forward(momenta, features, counts, 1, PARTICLES, weights, precision);
        double[] boosted = new double[momenta.length];
        for (int k = 0; k < PARTICLES; k++) {
            System.arraycopy(g.toLorentz().apply(Arrays.copyOfRange(momenta, 4 * k, 4 * k + 4)), 0, boosted, 4 * k, 4);
        }
        LgnOutput after = layer.forward(boosted, act(g, IN, features), counts, 1, PARTICLES, weights, precision);
        double diff = 0;
        double scale = 0;
        for (int i = 0; i < before.scalars().length; i++) {
            diff = Math.max(diff, Math.abs(after.scalars()[i] - before.scalars()[i]));
            scale = Math.max(scale, Math.abs(before.scalars()[i]));
        }
        return diff / scale;
    }

    /** A jet of massive particles moving roughly along z. */
    private static double[] jet(Random random) {
        double[] p = new double[4 * PARTICLES];
        for (int k = 0; k < PARTICLES; k++) {
            double px = 0.5 * random.nextGaussian(), py = 0.5 * random.nextGaussian(), pz = 2 + random.nextDouble();
            p[4 * k] = Math.sqrt(0.3 + px * px + py * py + pz * pz);
            p[4 * k + 1] = px;
            p[4 * k + 2] = py;
            p[4 * k + 3] = pz;
        }
        return p;
    }

    /** D(g) on every channel of every row. */
    private static ComplexTensor act(SL2C g, LorentzIrreps irreps, ComplexTensor x) {
        ComplexTensor out = ComplexTensor.zeros(x.length());
        for (int s = 0; s < irreps.size(); s++) {
            int d = irreps.irrep(s).dim();
            ComplexMatrix dg = LorentzD.of(irreps.irrep(s), g);
            for (int r = 0; r < x.length() / irreps.dim(); r++) {
                for (int u = 0; u < irreps.mul(s); u++) {
                    int base = r * irreps.dim() + irreps.offset(s) + u * d;
                    ComplexMatrix moved = dg.times(ComplexMatrix.of(d, 1, Arrays.copyOfRange(x.re(), base, base + d),
                            Arrays.copyOfRange(x.im(), base, base + d)));
                    for (int i = 0; i < d; i++) {
                        out.re()[base + i] = moved.re(i, 0);
                        out.im()[base + i] = moved.im(i, 0);
                    }
                }
            }
        }
        return out;
    }

    private static ComplexTensor gaussian(Random random, int n, double scale) {
        ComplexTensor t = ComplexTensor.zeros(n);
        for (int i = 0; i < n; i++) {
            t.re()[i] = scale * random.nextGaussian();
            t.im()[i] = scale * random.nextGaussian();
        }
        return t;
    }

    static String csv(double[][] rows) {
        StringBuilder b = new StringBuilder("rapidity,cg_product_f64,cg_product_f32,lgn_scalars_f64,lgn_scalars_f32\n");
        for (double[] r : rows) {
            b.append(String.format(Locale.ROOT, "%d,%.3e,%.3e,%.3e,%.3e%n", (int) r[0], r[1], r[2], r[3], r[4]));
        }
        return b.toString();
    }

    static String markdown(double[][] rows) {
        StringBuilder b = new StringBuilder(
                "| rapidity | CG product f64 | CG product f32 | LGN scalars f64 | LGN scalars f32 |\n"
                        + "|---:|---:|---:|---:|---:|\n");
        for (double[] r : rows) {
            b.append(String.format(Locale.ROOT, "| %d | %.1e | %.1e | %.1e | %.1e |%n", (int) r[0], r[1], r[2], r[3],
                    r[4]));
        }
        return b.toString();
    }
}
