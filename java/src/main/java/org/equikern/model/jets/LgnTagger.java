package org.equikern.model.jets;

import java.util.Random;
import java.util.SplittableRandom;
import org.equikern.data.jets.JetBatch;
import org.equikern.model.lgn.LgnGradients;
import org.equikern.model.lgn.LgnInputs;
import org.equikern.model.lgn.LgnLayer;
import org.equikern.model.lgn.LgnOutput;
import org.equikern.model.lgn.LgnWeights;
import org.equikern.model.lgn.Precision;
import org.equikern.nn.Activation;
import org.equikern.ops.lorentzproduct.ComplexTensor;
import org.equikern.ops.lorentzproduct.LorentzInvariants;
import org.equikern.ops.lorentzproduct.LorentzIrreps;
import org.equikern.train.Parameter;
import org.equikern.train.Parameters;

/**
 * An LGN-style tagger (fizisist/LorentzGroupNetwork): SL(2,C)-equivariant {@link LgnLayer}s on
 * complex features, the first reading each particle's 4-momentum as a (1,1) feature and ψ(κ z_i), its
 * energy fraction in the jet's rest frame ({@link JetInvariants}), as a (0,0) scalar; the last layer's
 * invariant scalars, averaged over the jet, feed an MLP. Features are equivariant and the scalars
 * invariant, so the logit is Lorentz invariant. Momenta enter in units of the jet mass M (an invariant),
 * times a constant λ = {@value #MOMENTUM_SCALE}, so that every jet's products of 4-vectors are on the
 * same scale. Complex weights are real and imaginary parameters ({@code NAME.re}, {@code NAME.im})
 * times a per-layer gain that {@link #calibrate} sets.
 */
public final class LgnTagger extends TaggerBase {
    /**
     * The architecture.
     *
     * @param channels channels of each of (0,0) and (1,1) in the hidden features
     * @param layers   LGN layers
     * @param radial   radial functions per edge level
     * @param hidden   width of each layer's scalar MLP and of the readout's hidden layer
     * @param scalars  invariant scalars per particle from each layer
     */
    public record Config(int channels, int layers, int radial, int hidden, int scalars) {
        /**
         * Checks the sizes.
         *
         * @param channels ≥ 1
         * @param layers ≥ 1
         * @param radial ≥ 1
         * @param hidden ≥ 1
         * @param scalars ≥ 1
         * @throws IllegalArgumentException for a size below 1
         */
        public Config {
            if (channels < 1 || layers < 1 || radial < 1 || hidden < 1 || scalars < 1) {
                throw new IllegalArgumentException("LGN tagger: channels = " + channels + ", layers = " + layers
                        + ", radial = " + radial + ", hidden = " + hidden + ", scalars = " + scalars
                        + "; each must be >= 1");
            }
        }
    }

    /** Standard deviation of the initial complex weights. */
    private static final double WEIGHT_SCALE = 0.3;
    /**
     * λ: the layers read the momenta as λ·p / M, so that the edges' radial function ψ(s) of
     * s = λ²‖p_i − p_j‖² / M² resolves pair masses down to about M / λ (with λ = 1 it was nearly 0 for
     * every pair within a prong). One-batch losses after 300 steps (2 channels, MLPs of 4): 0.29 at
     * λ = 1, 0.13 at 10, 0.36 at 31.6.
     */
    private static final double MOMENTUM_SCALE = 10;

    private final LgnLayer[] layers;
    private final LayerParameters[] weights;
    private final Mlp readout;
    private final int scalars;

    /**
     * A tagger of {@code config} with weights drawn from {@code seed}.
     *
     * @param config the sizes
     * @param seed the seed of the initial weights
     */
    public LgnTagger(Config config, long seed) {
        super("LGN", true);
        Random random = new Random(seed);
        LorentzIrreps hiddenIrreps = LorentzIrreps.parse(config.channels() + "x(0,0)+" + config.channels() + "x(1,1)");
        layers = new LgnLayer[config.layers()];
        weights = new LayerParameters[config.layers()];
        for (int l = 0; l < layers.length; l++) {
            layers[l] = new LgnLayer(l == 0 ? LgnInputs.IRREPS : hiddenIrreps, hiddenIrreps, 1, config.radial(),
                    new int[] {config.hidden()}, config.scalars());
            weights[l] = new LayerParameters(parameters, "lgn." + l, layers[l], random);
        }
        scalars = config.scalars();
        readout = mlp("readout", new int[] {scalars, config.hidden(), 1}, Activation.SILU, false,
                new SplittableRandom(seed));
    }

    /**
     * First scales each LGN layer's complex weights, layer after layer, so that the invariants of its
     * output features average 1 in magnitude on the batch's particles, then standardizes the MLPs as
     * {@link JetTagger#calibrate} says. The outputs are linear in those weights and the invariants
     * quadratic, and unscaled they grow from about 1e2 after the first layer to 1e5 after the second
     * (products of 4-momenta up to 40 M, summed over up to 50 neighbours): each layer's tanh MLP then
     * saturates and the Clebsch–Gordan weights get gradients of about 1e-8.
     */
    @Override
    public void calibrate(JetBatch batch) {
        int[] counts = batch.counts();
        JetInvariants invariants = JetInvariants.of(batch);
        double[] momenta = scaledMomenta(invariants);
        ComplexTensor features = inputFeatures(invariants, momenta, batch.batch() * batch.particles());
        for (int l = 0; l < layers.length; l++) {
            ComplexTensor out = layers[l].forward(momenta, features, counts, batch.batch(), batch.particles(),
                    weights[l].weights(), Precision.FLOAT64).features();
            double scale = 1 / Math.sqrt(meanInvariantMagnitude(layers[l].irrepsOut(), out));
            weights[l].scaleGain(scale);
            scaleInPlace(out, scale);
            features = out;
        }
        super.calibrate(batch);
    }

    @Override
    public TaggerPass forward(JetBatch jets) {
        int[] counts = jets.counts();
        int batch = jets.batch();
        int particles = jets.particles();
        JetInvariants invariants = JetInvariants.of(jets);
        double[] momenta = scaledMomenta(invariants);
        ComplexTensor[] inputs = new ComplexTensor[layers.length];
        inputs[0] = inputFeatures(invariants, momenta, batch * particles);
        LgnWeights[] current = new LgnWeights[layers.length];
        LgnOutput last = null;
        for (int l = 0; l < layers.length; l++) {
            current[l] = weights[l].weights();
            last = layers[l].forward(momenta, inputs[l], counts, batch, particles, current[l], Precision.FLOAT64);
            if (l + 1 < layers.length) inputs[l + 1] = last.features();
        }
        Mlp.Trace trace = readout.forward(MaskedMean.forward(last.scalars(), counts, particles, scalars), batch);
        return new TaggerPass() {
            @Override
            public double[] logits() {
                return trace.output();
            }

            @Override
            public void backward(double[] gradLogits) {
                JetTagger.checkGradient(gradLogits, batch);
                double[] gradScalars = MaskedMean.backward(readout.backward(trace, gradLogits), counts, particles,
                        scalars);
                ComplexTensor gradFeatures = ComplexTensor.zeros(batch * particles * layers[layers.length - 1]
                        .irrepsOut().dim());
                for (int l = layers.length - 1; l >= 0; l--) {
                    LgnGradients g = layers[l].backward(momenta, inputs[l], counts, batch, particles,
                            current[l], gradFeatures, gradScalars);
                    weights[l].accumulate(g);
                    gradFeatures = g.features();
                    gradScalars = new double[gradScalars.length];
                }
            }
        };
    }

    /** λ·p / M, {@code [batch][particles][4]}. */
    private static double[] scaledMomenta(JetInvariants invariants) {
        double[] momenta = invariants.momentaOverMass();
        for (int k = 0; k < momenta.length; k++) momenta[k] *= MOMENTUM_SCALE;
        return momenta;
    }

    /** The first layer's features: the scaled momenta as (1,1) and ψ(κ z_i) as (0,0), {@code [rows][5]}. */
    private static ComplexTensor inputFeatures(JetInvariants invariants, double[] momenta, int rows) {
        double[] fractions = invariants.energyFractions();
        for (int r = 0; r < fractions.length; r++) fractions[r] = JetInvariants.compress(fractions[r]);
        return LgnInputs.of(momenta, fractions, rows);
    }

    /**
     * The mean of |B(x)| over the channels of the non-zero rows of {@code features} (padded particles
     * are zero rows, and a real particle's output is zero only by accident).
     */
    private static double meanInvariantMagnitude(LorentzIrreps irreps, ComplexTensor features) {
        LorentzInvariants invariants = new LorentzInvariants(irreps);
        int rows = features.length() / irreps.dim();
        ComplexTensor values = ComplexTensor.zeros(Math.multiplyExact(rows, invariants.channels()));
        invariants.forward(features, values, rows);
        double sum = 0;
        long used = 0;
        for (int r = 0; r < rows; r++) {
            double row = 0;
            for (int c = r * invariants.channels(); c < (r + 1) * invariants.channels(); c++) {
                row += Math.hypot(values.re()[c], values.im()[c]);
            }
            if (row > 0) {
                sum += row;
                used += invariants.channels();
            }
        }
        if (!(sum > 0)) throw new IllegalArgumentException("LGN calibration: the batch gives no non-zero features");
        return sum / used;
    }

    private static void scaleInPlace(ComplexTensor t, double factor) {
        for (int k = 0; k < t.length(); k++) {
            t.re()[k] *= factor;
            t.im()[k] *= factor;
        }
    }

    /**
     * One layer's weights as real parameters: the complex weights are a per-layer gain (set by
     * {@link #calibrate}, 1 before) times parameters of scale {@value #WEIGHT_SCALE}, so that Adam's
     * steps, of about the learning rate in each parameter, change them by a few percent as they do the
     * MLPs' weights; stored at the calibrated scale (about 0.05), a step of 1e-2 changed them by 20%, and
     * one-batch training drifted back to chance after 1,000 steps.
     */
    private static final class LayerParameters {
        private static final String[] PARTS = {"aggregation", "self", "mixing"};

        private final LgnLayer layer;
        private final Parameter[] re = new Parameter[PARTS.length];
        private final Parameter[] im = new Parameter[PARTS.length];
        private final Parameter mlp;
        private double gain = 1;

        LayerParameters(Parameters parameters, String name, LgnLayer layer, Random random) {
            this.layer = layer;
            LgnWeights initial = LgnWeights.random(layer, random, WEIGHT_SCALE);
            ComplexTensor[] values = {initial.aggregation(), initial.self(), initial.mixing()};
            for (int k = 0; k < PARTS.length; k++) {
                int n = values[k].length();
                re[k] = parameters.add(name + "." + PARTS[k] + ".re", new int[] {n}, values[k].re());
                im[k] = parameters.add(name + "." + PARTS[k] + ".im", new int[] {n}, values[k].im());
            }
            mlp = parameters.add(name + ".mlp", new int[] {initial.mlp().length}, initial.mlp());
        }

        /** The layer's weights now: the complex parameters times the gain, the MLP's as they are. */
        LgnWeights weights() {
            ComplexTensor[] scaled = new ComplexTensor[PARTS.length];
            for (int k = 0; k < PARTS.length; k++) {
                scaled[k] = ComplexTensor.of(times(gain, re[k].values()), times(gain, im[k].values()));
            }
            return new LgnWeights(layer, scaled[0], scaled[1], scaled[2], mlp.values());
        }

        /** Multiplies the gain by {@code factor}, which multiplies the layer's output features by it. */
        void scaleGain(double factor) {
            gain *= factor;
        }

        /** Adds a backward pass's weight gradients (∂L/∂Re + i·∂L/∂Im) times the gain to the parameters' gradients. */
        void accumulate(LgnGradients g) {
            ComplexTensor[] grads = {g.aggregation(), g.self(), g.mixing()};
            for (int k = 0; k < PARTS.length; k++) {
                add(re[k].grad(), times(gain, grads[k].re()));
                add(im[k].grad(), times(gain, grads[k].im()));
            }
            add(mlp.grad(), g.mlp());
        }

        private static double[] times(double factor, double[] values) {
            double[] out = new double[values.length];
            for (int i = 0; i < values.length; i++) out[i] = factor * values[i];
            return out;
        }

        private static void add(double[] target, double[] increment) {
            for (int i = 0; i < target.length; i++) target[i] += increment[i];
        }
    }
}
