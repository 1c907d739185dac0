package org.equikern.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import org.equikern.data.AtomicBatch;
import org.equikern.group.Irrep;
import org.equikern.group.Irreps;
import org.equikern.group.MulIrrep;
import org.equikern.group.Parity;
import org.equikern.nn.BesselBasis;
import org.equikern.nn.PolynomialCutoff;
import org.equikern.nn.RadialEmbedding;
import org.equikern.train.Parameters;
import org.equikern.train.PotentialEvaluation;

/**
 * A NequIP interatomic potential on the host, in float64. Per atom, the one-hot species pass through a
 * linear {@code embedding} to {@code num_features x 0e}; each edge gets its spherical harmonics
 * (degrees ≤ {@code l_max}, component normalization) and its Bessel basis times the polynomial
 * envelope; {@code num_layers} {@link InteractionLayer interaction blocks} follow; a linear
 * {@code readout} keeps one scalar per atom, which is multiplied by {@code global_scale}, shifted by
 * its species' {@code per_species_shifts} value and summed per structure.
 * With {@code l_max = 0} every feature and harmonic is a scalar and the gates have nothing to gate: the
 * model passes invariant messages, like SchNet, the baseline NequIP's learning curves are compared with.
 *
 * <p>Forces are −∂E/∂positions by a reverse pass through every block. {@link PotentialEvaluation#backward}
 * gives the exact gradient of {@code gradE·E + gradF·F}: with a forward-mode tangent
 * {@code −gradF} on the positions pushed through the forward and then through the reverse pass, the
 * tangent of each weight's energy gradient is the mixed second derivative the force term needs, and the
 * tangent of the reverse pass's seed, {@code gradE}, brings the energy term along in the same sweep.
 *
 * <p>Parameters ({@link #parameters()}, in this order, all N(0, 1) from the seed): {@code embedding.weight},
 * then per block {@code i}: {@code layers.i.linear_1.weight}, {@code layers.i.radial_mlp.layer{l}.weight},
 * {@code layers.i.linear_2.weight}, {@code layers.i.self_connection.weight}; last {@code readout.weight}.
 */
public final class NequipModel extends AtomCentredModel {
    private final NequipConfig config;
    private final List<InteractionLayer> layers;
    private final LinearLayer readout;

    private NequipModel(NequipConfig config, SplittableRandom random) {
        super(config.chemicalSymbols(), config.rMax(), config.lMax(),
                RadialEmbedding.of(BesselBasis.nequip(config.rMax(), config.numBasis()),
                        PolynomialCutoff.of(config.rMax(), config.polynomialCutoffP())),
                "embedding", Irreps.parse(config.numFeatures() + "x0e"), random);
        this.config = config;
        Parameters parameters = parameters();
        Irreps features = Irreps.parse(config.numFeatures() + "x0e");
        int[] mlpHidden = new int[config.invariantLayers() + 1];
        Arrays.fill(mlpHidden, config.invariantNeurons());
        mlpHidden[0] = config.numBasis();
        Irreps hidden = hiddenIrreps(config);
        List<InteractionLayer> built = new ArrayList<>();
        for (int i = 0; i < config.numLayers(); i++) {
            InteractionLayer layer = new InteractionLayer("layers." + i, features, edgeEmbedding().shIrreps(), hidden,
                    mlpHidden, config, parameters, random);
            built.add(layer);
            features = layer.irrepsOut();
        }
        this.layers = Collections.unmodifiableList(built);
        this.readout = new LinearLayer("readout", features, Irreps.parse("1x0e"), parameters, random);
    }

    /**
     * A model with weights drawn from {@code new SplittableRandom(seed)}: the same seed gives the same
     * weights.
     *
     * @param config the hyperparameters
     * @param seed the seed of the initial weights
     * @return the model
     * @throws IllegalArgumentException for a null config
     */
    public static NequipModel create(NequipConfig config, long seed) {
        if (config == null) {
            throw new IllegalArgumentException("config must not be null");
        }
        return new NequipModel(config, new SplittableRandom(seed));
    }

    /**
     * NequIP's hidden irreps: {@code num_features} channels of every {@code l ≤ l_max}, of both parities
     * when {@code parity} is set, else of the harmonics' parity (−1)^l.
     */
    static Irreps hiddenIrreps(NequipConfig config) {
        List<MulIrrep> blocks = new ArrayList<>();
        for (Parity p : new Parity[] {Parity.EVEN, Parity.ODD}) {
            for (int l = 0; l <= config.lMax(); l++) {
                if (config.parity() || p == Parity.ofSphericalHarmonic(l)) {
                    blocks.add(new MulIrrep(config.numFeatures(), Irrep.of(l, p)));
                }
            }
        }
        return Irreps.of(blocks);
    }

    /**
     * The configuration the model was built from.
     *
     * @return the configuration
     */
    public NequipConfig config() {
        return config;
    }

    @Override
    PotentialEvaluation newEvaluation(AtomicBatch batch) {
        return new NequipEvaluation(this, batch);
    }

    @Override
    DeviceLayer onDevice(DeviceResources resources) {
        List<DeviceLayer> chain = new ArrayList<>();
        chain.add(embedding().onDevice(resources));
        for (InteractionLayer layer : layers) chain.add(layer.onDevice(resources));
        chain.add(readout.onDevice(resources));
        return new DeviceSequence(chain);
    }

    @Override
    double energyScale() {
        return config.globalScale();
    }

    @Override
    List<Double> energyShifts() {
        return config.perSpeciesShifts();
    }

    List<InteractionLayer> layers() {
        return layers;
    }

    LinearLayer readout() {
        return readout;
    }

    @Override
    public String toString() {
        return "NequipModel(" + config + ", " + parameters().elementCount() + " weights)";
    }
}
