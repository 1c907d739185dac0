package org.equikern.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import org.equikern.data.AtomicBatch;
import org.equikern.group.Irreps;
import org.equikern.nn.BesselBasis;
import org.equikern.nn.PolynomialCutoff;
import org.equikern.nn.RadialEmbedding;
import org.equikern.train.Parameters;
import org.equikern.train.PotentialEvaluation;

/**
 * A MACE interatomic potential on the host, in float64 (Batatia et al., 2022; the {@code mace} package's
 * {@code ScaleShiftMACE} with {@code RealAgnosticInteractionBlock} first and
 * {@code RealAgnosticResidualInteractionBlock} after). Per atom, the one-hot species pass through a
 * linear {@code node_embedding} to the scalars of {@code hidden_irreps}; each edge gets its spherical
 * harmonics (degrees ≤ {@code max_ell}, component normalization) and {@code num_radial_basis} Bessel
 * functions times the polynomial envelope of exponent {@code num_cutoff_basis}; {@code num_interactions}
 * {@link MaceLayer layers} (interaction, then the symmetric contraction of order {@code correlation} with
 * species-dependent weights) follow, the last keeping only scalars. After every layer a readout gives one
 * scalar per atom: linear after all but the last, a SiLU MLP through {@code MLP_irreps} after the last.
 * An atom's energy is {@code atomic_inter_scale} times the sum of its readouts plus its species'
 * {@code per_species_shifts} value; a structure's is the sum over its atoms.
 *
 * <p>Forces are −∂E/∂positions by a reverse pass through every block; {@link PotentialEvaluation#backward}
 * gives the exact gradient of {@code gradE·E + gradF·F} by differentiating that reverse pass along the
 * positions' direction {@code −gradF}, as {@link NequipModel} does.
 *
 * <p>Parameters ({@link #parameters()}, in this order): {@code node_embedding.linear.weight}; per layer
 * {@code i} those of {@link MaceLayer} under {@code interactions.i} and {@code products.i}, then the
 * readout's, {@code readouts.i.linear.weight} or, for the last, {@code readouts.i.layer{l}.weight}.
 */
public final class MaceModel extends AtomCentredModel {
    private final MaceConfig config;
    private final List<MaceLayer> layers;
    private final List<NodeLayer> readouts;

    private MaceModel(MaceConfig config, SplittableRandom random) {
        super(config.chemicalSymbols(), config.rMax(), config.maxEll(),
                RadialEmbedding.of(BesselBasis.of(config.rMax(), config.numRadialBasis()),
                        PolynomialCutoff.of(config.rMax(), config.numCutoffBasis())),
                "node_embedding.linear", config.lastHiddenIrreps(), random);
        this.config = config;
        Parameters parameters = parameters();
        Irreps features = config.lastHiddenIrreps();
        List<MaceLayer> builtLayers = new ArrayList<>();
        List<NodeLayer> builtReadouts = new ArrayList<>();
        Irreps energy = Irreps.parse("1x0e");
        for (int i = 0; i < config.numInteractions(); i++) {
            boolean last = i == config.numInteractions() - 1;
            Irreps out = last ? config.lastHiddenIrreps() : config.hiddenIrreps();
            builtLayers.add(new MaceLayer("interactions." + i, "products." + i, features, edgeEmbedding().shIrreps(),
                    out, i > 0, config, parameters, random));
            String readout = "readouts." + i;
            builtReadouts.add(last
                    ? new RadialMlp(readout, new int[] {out.dim(), config.mlpIrreps().dim(), 1}, parameters, random)
                    : new LinearLayer(readout + ".linear", out, energy, parameters, random));
            features = out;
        }
        this.layers = Collections.unmodifiableList(builtLayers);
        this.readouts = Collections.unmodifiableList(builtReadouts);
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
    public static MaceModel create(MaceConfig config, long seed) {
        if (config == null) {
            throw new IllegalArgumentException("config must not be null");
        }
        return new MaceModel(config, new SplittableRandom(seed));
    }

    /**
     * The configuration the model was built from.
     *
     * @return the configuration
     */
    public MaceConfig config() {
        return config;
    }

    @Override
    PotentialEvaluation newEvaluation(AtomicBatch batch) {
        return new MaceEvaluation(this, batch);
    }

    @Override
    DeviceLayer onDevice(DeviceResources resources) {
        DeviceLayer embedded = embedding().onDevice(resources);
        List<DeviceLayer> blocks = new ArrayList<>();
        List<DeviceLayer> outputs = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            blocks.add(layers.get(i).onDevice(resources));
            outputs.add(readouts.get(i).onDevice(resources));
        }
        return new DeviceMace(embedded, blocks, outputs);
    }

    @Override
    double energyScale() {
        return config.atomicInterScale();
    }

    @Override
    List<Double> energyShifts() {
        return config.perSpeciesShifts();
    }

    List<MaceLayer> layers() {
        return layers;
    }

    List<NodeLayer> readouts() {
        return readouts;
    }

    @Override
    public String toString() {
        return "MaceModel(" + config + ", " + parameters().elementCount() + " weights)";
    }
}
