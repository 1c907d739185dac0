package org.equikern.model.jets;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.equikern.data.jets.JetBatch;
import org.equikern.nn.Activation;

/**
 * The non-invariant set baseline: a Deep Sets network on the raw components (E, p_x, p_y, p_z) /
 * 100 GeV of each constituent, logit = ρ(mean_i φ(p_i)), with φ and ρ MLPs. Permutation invariant,
 * not Lorentz invariant: it can learn invariance only from the data.
 */
public final class DeepSetsTagger extends TaggerBase {
    /**
     * The architecture.
     *
     * @param width  width of φ's layers and of ρ's hidden layer
     * @param layers layers of φ (each of {@code width})
     */
    public record Config(int width, int layers) {
        /**
         * Checks the sizes.
         *
         * @param width ≥ 1
         * @param layers ≥ 1
         * @throws IllegalArgumentException for a size below 1
         */
        public Config {
            if (width < 1 || layers < 1) {
                throw new IllegalArgumentException("Deep Sets tagger: width = " + width + ", layers = " + layers
                        + "; both must be >= 1");
            }
        }
    }

    private static final Activation ACTIVATION = Activation.SILU;

    private final Mlp phi;
    private final Mlp rho;

    /**
     * A tagger of {@code config} with weights drawn from {@code seed}.
     *
     * @param config the sizes
     * @param seed the seed of the initial weights
     */
    public DeepSetsTagger(Config config, long seed) {
        super("Deep Sets", false);
        SplittableRandom random = new SplittableRandom(seed);
        int[] widths = new int[config.layers() + 1];
        Arrays.fill(widths, config.width());
        widths[0] = 4;
        phi = mlp("phi", widths, ACTIVATION, true, random);
        rho = mlp("rho", new int[] {config.width(), config.width(), 1}, ACTIVATION, false, random);
    }

    @Override
    public TaggerPass forward(JetBatch jets) {
        int[] counts = jets.counts();
        int particles = jets.particles();
        Mlp.Trace perParticle = phi.forward(JetTagger.scaledMomenta(jets), jets.batch() * particles,
                PaddingMasks.particles(counts, particles));
        Mlp.Trace pooled = rho.forward(MaskedMean.forward(perParticle.output(), counts, particles, phi.out()),
                jets.batch());
        return new TaggerPass() {
            @Override
            public double[] logits() {
                return pooled.output();
            }

            @Override
            public void backward(double[] gradLogits) {
                JetTagger.checkGradient(gradLogits, counts.length);
                phi.backward(perParticle, MaskedMean.backward(rho.backward(pooled, gradLogits), counts, particles,
                        phi.out()));
            }
        };
    }
}
