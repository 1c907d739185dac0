package org.equikern.model.jets;

import java.util.SplittableRandom;
import org.equikern.data.jets.JetBatch;
import org.equikern.nn.Activation;
import org.equikern.ops.pelican.Aggregation;
import org.equikern.ops.pelican.PelicanAggregation;
import org.equikern.ops.pelican.PelicanMap;
import org.equikern.train.Parameter;

/**
 * A PELICAN-style tagger in PELICAN's fully invariant setting: it reads only invariants of the
 * constituents' 4-momenta and of their sum P ({@link JetInvariants}), so its logit is exactly Lorentz
 * invariant (and permutation invariant).
 * <pre>
 *   g_ij = ⟨p_i, p_j⟩ / M², z_i = ⟨p_i, P⟩ / M²      (M² = ⟨P, P⟩)
 *   h⁰_ij = act(W_in·[ψ(κ g_ij), g_ij/(z_i z_j), ψ(κ z_i), ψ(κ z_j)] + b)
 *                                                    (ψ(a) = sgn a·log(1 + |a|), κ = JetInvariants.SCALE)
 *   hˡ⁺¹_ij = act(Wˡ·Eq2to2(hˡ)_ij + bˡ)             (15 ops per channel, (n/N_avg)^α each)
 *   logit = MLP(Eq2to0(hᴸ))                          (2 ops per channel)
 * </pre>
 * Aggregations are masked means ({@link Aggregation#MEAN}); padding never reaches the logit.
 */
public final class PelicanTagger extends TaggerBase {
    /**
     * The architecture.
     *
     * @param channels     channels per particle pair
     * @param layers       Eq2to2 layers
     * @param hidden       width of the output MLP's hidden layer
     * @param averageCount N_avg of the (n/N_avg)^α factors
     */
    public record Config(int channels, int layers, int hidden, double averageCount) {
        /**
         * Checks the sizes.
         *
         * @param channels ≥ 1
         * @param layers ≥ 0
         * @param hidden ≥ 1
         * @param averageCount N_avg, positive and finite (checked when the tagger is built)
         * @throws IllegalArgumentException for a size out of range
         */
        public Config {
            if (channels < 1 || layers < 0 || hidden < 1) {
                throw new IllegalArgumentException("PELICAN tagger: channels = " + channels + ", layers = " + layers
                        + ", hidden = " + hidden + "; need channels >= 1, layers >= 0, hidden >= 1");
            }
        }
    }

    private static final Activation ACTIVATION = Activation.SILU;
    /** Channels per pair fed to the input layer: ψ(κ g_ij), g_ij/(z_i z_j), ψ(κ z_i) and ψ(κ z_j). */
    private static final int INPUT_CHANNELS = 4;

    private final int channels;
    private final Mlp input;
    private final PelicanAggregation twoToTwo;
    private final Parameter[] alphas;
    private final Mlp[] mixers;
    private final PelicanAggregation twoToZero;
    private final Parameter outAlpha;
    private final Mlp output;

    /**
     * A tagger of {@code config} with weights drawn from {@code seed}.
     *
     * @param config the sizes
     * @param seed the seed of the initial weights
     */
    public PelicanTagger(Config config, long seed) {
        super("PELICAN", true);
        SplittableRandom random = new SplittableRandom(seed);
        channels = config.channels();
        input = mlp("input", new int[] {INPUT_CHANNELS, channels}, ACTIVATION, true, random);
        twoToTwo = new PelicanAggregation(PelicanMap.TWO_TO_TWO, channels, Aggregation.MEAN, config.averageCount());
        alphas = new Parameter[config.layers()];
        mixers = new Mlp[config.layers()];
        for (int l = 0; l < config.layers(); l++) {
            alphas[l] = parameters.add("eq2to2." + l + ".alpha", new int[] {twoToTwo.alphaLength()},
                    new double[twoToTwo.alphaLength()]);
            mixers[l] = mlp("eq2to2." + l + ".mix",
                    new int[] {channels * PelicanMap.TWO_TO_TWO.opCount(), channels}, ACTIVATION, true, random);
        }
        twoToZero = new PelicanAggregation(PelicanMap.TWO_TO_ZERO, channels, Aggregation.MEAN, config.averageCount());
        outAlpha = parameters.add("eq2to0.alpha", new int[] {twoToZero.alphaLength()},
                new double[twoToZero.alphaLength()]);
        output = mlp("output",
                new int[] {channels * PelicanMap.TWO_TO_ZERO.opCount(), config.hidden(), 1}, ACTIVATION, false, random);
    }

    @Override
    public TaggerPass forward(JetBatch batch) {
        return new Pass(batch);
    }

    private final class Pass implements TaggerPass {
        private final int[] counts;
        private final int batch;
        private final int particles;
        private final int pairs;
        private final Mlp.Trace inputTrace;
        private final double[][] features;
        private final double[][] aggregated;
        private final Mlp.Trace[] mixerTraces;
        private final Mlp.Trace outputTrace;

        Pass(JetBatch jets) {
            counts = jets.counts();
            batch = jets.batch();
            particles = jets.particles();
            pairs = batch * particles * particles;
            boolean[] real = PaddingMasks.pairs(counts, particles, false);
            inputTrace = input.forward(pairInputs(JetInvariants.of(jets)), pairs, real);
            features = new double[mixers.length + 1][];
            aggregated = new double[mixers.length][];
            mixerTraces = new Mlp.Trace[mixers.length];
            features[0] = inputTrace.output();
            for (int l = 0; l < mixers.length; l++) {
                aggregated[l] = new double[twoToTwo.outputLength(batch, particles)];
                twoToTwo.forward(features[l], counts, batch, particles, alphas[l].values(), aggregated[l]);
                mixerTraces[l] = mixers[l].forward(aggregated[l], pairs, real);
                features[l + 1] = mixerTraces[l].output();
            }
            double[] invariants = new double[twoToZero.outputLength(batch, particles)];
            twoToZero.forward(features[mixers.length], counts, batch, particles, outAlpha.values(), invariants);
            outputTrace = output.forward(invariants, batch);
        }

        /**
         * Rows [ψ(κ g_ij), g_ij/(z_i z_j), ψ(κ z_i), ψ(κ z_j)] per pair. For massless constituents
         * g_ij/(z_i z_j) = 1 − cos θ*_ij, their angle in the jet's rest frame, where a top's three
         * prongs fly apart and a QCD jet's core stays together; with both energy fractions beside it
         * the first layer can single out hard pairs at wide angles.
         */
        private double[] pairInputs(JetInvariants invariants) {
            double[] gram = invariants.gram();
            double[] z = invariants.energyFractions();
            double[] rows = new double[pairs * INPUT_CHANNELS];
            for (int b = 0; b < batch; b++) {
                for (int i = 0; i < counts[b]; i++) {
                    int r = b * particles + i;
                    for (int j = 0; j < counts[b]; j++) {
                        int k = r * particles + j;
                        rows[k * INPUT_CHANNELS] = JetInvariants.compress(gram[k]);
                        rows[k * INPUT_CHANNELS + 1] = gram[k] / (z[r] * z[b * particles + j]);
                        rows[k * INPUT_CHANNELS + 2] = JetInvariants.compress(z[r]);
                        rows[k * INPUT_CHANNELS + 3] = JetInvariants.compress(z[b * particles + j]);
                    }
                }
            }
            return rows;
        }

        @Override
        public double[] logits() {
            return outputTrace.output();
        }

        @Override
        public void backward(double[] gradLogits) {
            JetTagger.checkGradient(gradLogits, batch);
            double[] gradInvariants = output.backward(outputTrace, gradLogits);
            double[] gradFeatures = new double[features[mixers.length].length];
            aggregationBackward(twoToZero, features[mixers.length], outAlpha, gradInvariants, gradFeatures);
            for (int l = mixers.length - 1; l >= 0; l--) {
                double[] gradAggregated = mixers[l].backward(mixerTraces[l], gradFeatures);
                gradFeatures = new double[features[l].length];
                aggregationBackward(twoToTwo, features[l], alphas[l], gradAggregated, gradFeatures);
            }
            input.backward(inputTrace, gradFeatures);
        }

        /** Runs an aggregation's backward, writing dL/din and adding dL/dα to α's gradient. */
        private void aggregationBackward(PelicanAggregation aggregation, double[] in, Parameter alpha, double[] gradOut,
                double[] gradIn) {
            double[] gradAlpha = new double[alpha.size()];
            aggregation.backward(in, counts, batch, particles, alpha.values(), gradOut, gradIn, gradAlpha);
            double[] g = alpha.grad();
            for (int k = 0; k < g.length; k++) g[k] += gradAlpha[k];
        }
    }
}
