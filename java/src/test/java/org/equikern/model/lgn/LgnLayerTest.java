package org.equikern.model.lgn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.equikern.group.lorentz.ComplexMatrix;
import org.equikern.group.lorentz.LorentzD;
import org.equikern.group.lorentz.SL2C;
import org.equikern.ops.lorentzproduct.ComplexTensor;
import org.equikern.ops.lorentzproduct.LorentzIrreps;
import org.junit.jupiter.api.Test;

/** The LGN layer: equivariant features, invariant scalars in both precisions, and padding. */
class LgnLayerTest {
    static final LorentzIrreps REPS = LorentzIrreps.parse("2x(0,0)+2x(1,1)");
    static final LorentzIrreps OUT = LorentzIrreps.parse("2x(0,0)+2x(1,1)+1x(2,2)+1x(2,0)");
    static final int PARTICLES = 4;
    static final int[] COUNTS = {4, 3};

    static LgnLayer layer() {
        return new LgnLayer(REPS, OUT, 2, 3, new int[] {8}, 3);
    }

    /** Jets of roughly collinear massive particles with random complex features. */
    static double[] momenta(Random random) {
        double[] p = new double[COUNTS.length * PARTICLES * 4];
        for (int k = 0; k < COUNTS.length * PARTICLES; k++) {
            double px = 0.5 * random.nextGaussian(), py = 0.5 * random.nextGaussian(), pz = 2 + random.nextDouble();
            p[4 * k] = Math.sqrt(0.3 + px * px + py * py + pz * pz);
            p[4 * k + 1] = px;
            p[4 * k + 2] = py;
            p[4 * k + 3] = pz;
        }
        return p;
    }

    static ComplexTensor features(Random random) {
        ComplexTensor t = ComplexTensor.zeros(COUNTS.length * PARTICLES * REPS.dim());
        for (int i = 0; i < t.length(); i++) {
            t.re()[i] = random.nextGaussian();
            t.im()[i] = random.nextGaussian();
        }
        return t;
    }

    /** D(g) on every channel of every (padded) particle row. */
    static ComplexTensor act(SL2C g, LorentzIrreps irreps, ComplexTensor x) {
        ComplexTensor out = ComplexTensor.zeros(x.length());
        int rows = x.length() / irreps.dim();
        for (int s = 0; s < irreps.size(); s++) {
            int d = irreps.irrep(s).dim();
            ComplexMatrix dg = LorentzD.of(irreps.irrep(s), g);
            for (int r = 0; r < rows; r++) {
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

    static double[] boost(SL2C g, double[] p) {
        double[] out = new double[p.length];
        for (int k = 0; k < p.length / 4; k++) {
            System.arraycopy(g.toLorentz().apply(Arrays.copyOfRange(p, 4 * k, 4 * k + 4)), 0, out, 4 * k, 4);
        }
        return out;
    }

    private static double relative(ComplexTensor a, ComplexTensor b) {
        double diff = 0, scale = 0;
        for (int i = 0; i < a.length(); i++) {
            diff = Math.max(diff, Math.hypot(a.re()[i] - b.re()[i], a.im()[i] - b.im()[i]));
            scale = Math.max(scale, Math.hypot(b.re()[i], b.im()[i]));
        }
        return diff / scale;
    }

    private static double relative(double[] a, double[] b) {
        double diff = 0, scale = 0;
        for (int i = 0; i < a.length; i++) {
            diff = Math.max(diff, Math.abs(a[i] - b[i]));
            scale = Math.max(scale, Math.abs(b[i]));
        }
        return diff / scale;
    }

    @Test
    void featuresAreEquivariantAndScalarsInvariantInFloat64() {
        LgnLayer layer = layer();
        Random random = new Random(1);
        LgnWeights weights = LgnWeights.random(layer, random, 0.3);
        for (int trial = 0; trial < 4; trial++) {
            SL2C g = SL2C.random(random, 3.0);
            double[] p = momenta(random);
            ComplexTensor x = features(random);
            LgnOutput before = layer.forward(p, x, COUNTS, 2, PARTICLES, weights, Precision.FLOAT64);
            LgnOutput after = layer.forward(boost(g, p), act(g, REPS, x), COUNTS, 2, PARTICLES, weights,
                    Precision.FLOAT64);
            double features = relative(after.features(), act(g, OUT, before.features()));
            double scalars = relative(after.scalars(), before.scalars());
            assertTrue(features <= 1e-10, "trial " + trial + " features " + features);
            assertTrue(scalars <= 1e-10, "trial " + trial + " scalars " + scalars);
        }
    }

    @Test
    void scalarsAreInvariantInFloat32() {
        LgnLayer layer = layer();
        Random random = new Random(2);
        LgnWeights weights = LgnWeights.random(layer, random, 0.3);
        for (int trial = 0; trial < 4; trial++) {
            SL2C g = SL2C.random(random, 1.0);
            double[] p = momenta(random);
            ComplexTensor x = features(random);
            LgnOutput before = layer.forward(p, x, COUNTS, 2, PARTICLES, weights, Precision.FLOAT32);
            LgnOutput after = layer.forward(boost(g, p), act(g, REPS, x), COUNTS, 2, PARTICLES, weights,
                    Precision.FLOAT32);
            double scalars = relative(after.scalars(), before.scalars());
            double features = relative(after.features(), act(g, OUT, before.features()));
            assertTrue(scalars <= 1e-4, "trial " + trial + " scalars " + scalars);
            assertTrue(features <= 1e-4, "trial " + trial + " features " + features);
        }
    }

    @Test
    void paddedParticlesChangeNothing() {
        LgnLayer layer = layer();
        Random random = new Random(3);
        LgnWeights weights = LgnWeights.random(layer, random, 0.3);
        double[] p = momenta(random); // particle 3 of jet 1 is padding with non-zero garbage
        ComplexTensor x = features(random);
        LgnOutput padded = layer.forward(p, x, COUNTS, 2, PARTICLES, weights, Precision.FLOAT64);
        int n = COUNTS[1];
        double[] p1 = Arrays.copyOfRange(p, PARTICLES * 4, PARTICLES * 4 + n * 4);
        ComplexTensor x1 = ComplexTensor.of(
                Arrays.copyOfRange(x.re(), PARTICLES * REPS.dim(), (PARTICLES + n) * REPS.dim()),
                Arrays.copyOfRange(x.im(), PARTICLES * REPS.dim(), (PARTICLES + n) * REPS.dim()));
        LgnOutput alone = layer.forward(p1, x1, new int[] {n}, 1, n, weights, Precision.FLOAT64);
        int d = OUT.dim();
        for (int k = 0; k < n * d; k++) {
            assertEquals(alone.features().re()[k], padded.features().re()[PARTICLES * d + k], 0.0);
            assertEquals(alone.features().im()[k], padded.features().im()[PARTICLES * d + k], 0.0);
        }
        for (int k = 0; k < d; k++) assertEquals(0, padded.features().re()[(PARTICLES + n) * d + k], 0.0);
        int s = layer.scalarCount();
        for (int k = 0; k < n * s; k++) assertEquals(alone.scalars()[k], padded.scalars()[PARTICLES * s + k], 0.0);
        for (int k = 0; k < s; k++) assertEquals(0, padded.scalars()[(PARTICLES + n) * s + k], 0.0);
    }
}
