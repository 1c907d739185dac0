package org.equikern.model.jets;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.equikern.data.jets.JetBatch;
import org.equikern.nn.Activation;

/**
 * The plainest baseline: an MLP on the raw (E, p_x, p_y, p_z) / 100 GeV of the K most energetic
 * constituents (zeros for a jet with fewer), concatenated in energy order. Neither Lorentz nor
 * permutation invariant.
 */
public final class LeadingParticlesMlpTagger extends TaggerBase {
    /**
     * The architecture.
     *
     * @param leading K, the constituents read
     * @param hidden  widths of the hidden layers
     */
    public record Config(int leading, int[] hidden) {
        /**
         * Checks the sizes and copies the widths.
         *
         * @param leading ≥ 1
         * @param hidden widths each ≥ 1; copied
         * @throws IllegalArgumentException for a size below 1
         */
        public Config {
            if (leading < 1 || hidden == null || Arrays.stream(hidden).anyMatch(w -> w < 1)) {
                throw new IllegalArgumentException("leading-particles MLP: leading = " + leading + ", hidden = "
                        + Arrays.toString(hidden) + "; need leading >= 1 and widths >= 1");
            }
            hidden = hidden.clone();
        }

        /**
         * The hidden widths (a copy).
         *
         * @return a new array
         */
        @Override
        public int[] hidden() {
            return hidden.clone();
        }
    }

    private static final Activation ACTIVATION = Activation.SILU;

    private final int leading;
    private final Mlp mlp;

    /**
     * A tagger of {@code config} with weights drawn from {@code seed}.
     *
     * @param config the sizes
     * @param seed the seed of the initial weights
     */
    public LeadingParticlesMlpTagger(Config config, long seed) {
        super("MLP (leading " + config.leading() + ")", false);
        leading = config.leading();
        int[] hidden = config.hidden();
        int[] widths = new int[hidden.length + 2];
        widths[0] = Math.multiplyExact(4, leading);
        System.arraycopy(hidden, 0, widths, 1, hidden.length);
        widths[widths.length - 1] = 1;
        mlp = mlp("mlp", widths, ACTIVATION, false, new SplittableRandom(seed));
    }

    @Override
    public TaggerPass forward(JetBatch jets) {
        int batch = jets.batch();
        int particles = jets.particles();
        int[] counts = jets.counts();
        double[] p = JetTagger.scaledMomenta(jets);
        double[] x = new double[batch * 4 * leading];
        for (int b = 0; b < batch; b++) {
            int n = Math.min(counts[b], leading);
            System.arraycopy(p, b * particles * 4, x, b * 4 * leading, 4 * n);
        }
        Mlp.Trace trace = mlp.forward(x, batch);
        return new TaggerPass() {
            @Override
            public double[] logits() {
                return trace.output();
            }

            @Override
            public void backward(double[] gradLogits) {
                JetTagger.checkGradient(gradLogits, batch);
                mlp.backward(trace, gradLogits);
            }
        };
    }
}
