package org.equikern.model.lgn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.equikern.ops.lorentzproduct.ComplexTensor;
import org.junit.jupiter.api.Test;

/**
 * {@link LgnLayer#backward} against central finite differences of L = Σ Re(conj(a)·features) + Σ b·scalars
 * for random a, b: every weight (real and imaginary parts), the MLP and the input features of real
 * particles; padded input rows get no gradient.
 */
class LgnLayerBackwardTest {
    private static final double STEP = 1e-6;

    private final LgnLayer layer = LgnLayerTest.layer();
    private final Random random = new Random(11);
    private final LgnWeights weights = LgnWeights.random(layer, random, 0.3);
    private final double[] momenta = LgnLayerTest.momenta(random);
    private final ComplexTensor features = LgnLayerTest.features(random);
    private final int batch = LgnLayerTest.COUNTS.length;
    private final ComplexTensor gradFeatures = randomComplex(batch * LgnLayerTest.PARTICLES
            * LgnLayerTest.OUT.dim());
    private final double[] gradScalars = randomComplex(batch * LgnLayerTest.PARTICLES * layer.scalarCount()).re();

    @Test
    void everyGradientMatchesCentralDifferences() {
        LgnGradients g = layer.backward(momenta, features, LgnLayerTest.COUNTS, batch, LgnLayerTest.PARTICLES,
                weights, gradFeatures, gradScalars);
        check("aggregation", weights.aggregation(), g.aggregation());
        check("self", weights.self(), g.self());
        check("mixing", weights.mixing(), g.mixing());
        check("mlp", weights.mlp(), g.mlp());
        check("features", features, g.features());
    }

    @Test
    void paddedInputRowsGetNoGradient() {
        LgnGradients g = layer.backward(momenta, features, LgnLayerTest.COUNTS, batch, LgnLayerTest.PARTICLES,
                weights, gradFeatures, gradScalars);
        int dim = LgnLayerTest.REPS.dim();
        for (int b = 0; b < batch; b++) {
            for (int i = LgnLayerTest.COUNTS[b]; i < LgnLayerTest.PARTICLES; i++) {
                for (int k = 0; k < dim; k++) {
                    int at = (b * LgnLayerTest.PARTICLES + i) * dim + k;
                    assertEquals(0, g.features().re()[at]);
                    assertEquals(0, g.features().im()[at]);
                }
            }
        }
    }

    /** Compares the re and im parts of a complex gradient (∂L/∂Re + i·∂L/∂Im) with central differences. */
    private void check(String name, ComplexTensor values, ComplexTensor gradient) {
        check(name + " re", values.re(), gradient.re());
        check(name + " im", values.im(), gradient.im());
    }

    /** Compares each entry's gradient with central differences of the loss in that entry (changed in place). */
    private void check(String name, double[] values, double[] gradient) {
        for (int k = 0; k < values.length; k++) {
            double original = values[k];
            values[k] = original + STEP;
            double plus = loss();
            values[k] = original - STEP;
            double minus = loss();
            values[k] = original;
            double numeric = (plus - minus) / (2 * STEP);
            assertEquals(numeric, gradient[k], 1e-6 * Math.max(1, Math.abs(numeric)), name + "[" + k + "]");
        }
    }

    private double loss() {
        LgnOutput out = layer.forward(momenta, features, LgnLayerTest.COUNTS, batch, LgnLayerTest.PARTICLES, weights,
                Precision.FLOAT64);
        double sum = 0;
        for (int k = 0; k < gradFeatures.length(); k++) {
            sum += gradFeatures.re()[k] * out.features().re()[k] + gradFeatures.im()[k] * out.features().im()[k];
        }
        for (int k = 0; k < gradScalars.length; k++) sum += gradScalars[k] * out.scalars()[k];
        return sum;
    }

    private ComplexTensor randomComplex(int length) {
        ComplexTensor t = ComplexTensor.zeros(length);
        for (int k = 0; k < length; k++) {
            t.re()[k] = random.nextGaussian();
            t.im()[k] = random.nextGaussian();
        }
        return t;
    }
}
