package org.equikern.model;

import java.util.List;
import java.util.SplittableRandom;
import org.equikern.data.AtomicBatch;
import org.equikern.group.Irreps;
import org.equikern.group.ShNormalization;
import org.equikern.nn.EdgeEmbedding;
import org.equikern.nn.RadialEmbedding;
import org.equikern.train.Parameters;
import org.equikern.train.Potential;
import org.equikern.train.PotentialEvaluation;

/**
 * What NequIP and MACE share before their layers: the species encoding, the edge embedding (spherical
 * harmonics in component normalization times a radial embedding), and the linear embedding of the
 * one-hot species, whose weight is the first parameter drawn. A subclass adds its layers to
 * {@link #parameters()} in its constructor and says how a batch is evaluated.
 */
abstract class AtomCentredModel implements Potential {
    private final Parameters parameters = new Parameters();
    private final double cutoff;
    private final SpeciesEncoding species;
    private final EdgeEmbedding edgeEmbedding;
    private final LinearLayer embedding;

    /**
     * @param chemicalSymbols the species, in one-hot order
     * @param cutoff          the neighbour-list cutoff {@code r_max}
     * @param lMax            the harmonics' highest degree
     * @param radial          the radial basis times its envelope
     * @param embeddingName   the embedding weight's name prefix
     * @param features        the irreps the species embed into
     * @param random          the weights' source, first drawn here
     */
    AtomCentredModel(List<String> chemicalSymbols, double cutoff, int lMax, RadialEmbedding radial,
            String embeddingName, Irreps features, SplittableRandom random) {
        this.cutoff = cutoff;
        this.species = new SpeciesEncoding(chemicalSymbols);
        this.edgeEmbedding = EdgeEmbedding.of(lMax, ShNormalization.COMPONENT, radial);
        this.embedding = new LinearLayer(embeddingName, Irreps.parse(species.count() + "x0e"), features,
                parameters, random);
    }

    @Override
    public final Parameters parameters() {
        return parameters;
    }

    /** {@code r_max}. */
    @Override
    public final double cutoff() {
        return cutoff;
    }

    /**
     * Energies and forces of {@code batch}, whose neighbour list must have been built at {@link #cutoff()}.
     *
     * @throws IllegalArgumentException for an atom whose element is not in {@code chemical_symbols}
     */
    @Override
    public final PotentialEvaluation evaluate(AtomicBatch batch) {
        if (batch == null) {
            throw new IllegalArgumentException("batch must not be null");
        }
        return newEvaluation(batch);
    }

    /** The forward pass (and forces) of the model on a batch already checked. */
    abstract PotentialEvaluation newEvaluation(AtomicBatch batch);

    /**
     * The network on a device, its weights bound to the flat parameters: a layer from the one-hot species (and
     * the call's edge features) to one output per atom.
     */
    abstract DeviceLayer onDevice(DeviceResources resources);

    /** The factor on each atom's network output in its energy. */
    abstract double energyScale();

    /** Each species' energy shift (E0), added to its atoms' scaled outputs. */
    abstract List<Double> energyShifts();

    final SpeciesEncoding species() {
        return species;
    }

    final EdgeEmbedding edgeEmbedding() {
        return edgeEmbedding;
    }

    final LinearLayer embedding() {
        return embedding;
    }
}
