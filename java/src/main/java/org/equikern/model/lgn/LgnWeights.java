package org.equikern.model.lgn;

import java.util.Random;
import org.equikern.ops.lorentzproduct.ComplexTensor;

/**
 * The learnable parameters of one {@link LgnLayer}: complex weights of the aggregation product, of
 * the self product and of the mixing, and the real weights of the scalar MLP. The arrays are the
 * caller's (an optimizer updates them in place).
 */
public final class LgnWeights {
    private final ComplexTensor aggregation;
    private final ComplexTensor self;
    private final ComplexTensor mixing;
    private final double[] mlp;

    /**
     * The weights of one layer.
     *
     * @param layer the layer whose lengths the weights must have
     * @param aggregation {@link LgnLayer#aggregationWeightLength()} complex weights
     * @param self {@link LgnLayer#selfWeightLength()} complex weights
     * @param mixing {@link LgnLayer#mixingWeightLength()} complex weights
     * @param mlp {@link LgnLayer#mlpWeightLength()} real weights
     * @throws IllegalArgumentException when a length does not match the layer's
     */
    public LgnWeights(LgnLayer layer, ComplexTensor aggregation, ComplexTensor self, ComplexTensor mixing,
            double[] mlp) {
        require("aggregation", aggregation.length(), layer.aggregationWeightLength());
        require("self", self.length(), layer.selfWeightLength());
        require("mixing", mixing.length(), layer.mixingWeightLength());
        require("mlp", mlp.length, layer.mlpWeightLength());
        this.aggregation = aggregation;
        this.self = self;
        this.mixing = mixing;
        this.mlp = mlp;
    }

    /**
     * Seeded Gaussian weights, complex ones scaled by {@code complexScale}.
     *
     * @param layer the layer the weights are for
     * @param random the source of the Gaussian draws
     * @param complexScale the factor applied to each complex weight
     * @return the weights
     */
    public static LgnWeights random(LgnLayer layer, Random random, double complexScale) {
        return new LgnWeights(layer, gaussian(random, layer.aggregationWeightLength(), complexScale),
                gaussian(random, layer.selfWeightLength(), complexScale),
                gaussian(random, layer.mixingWeightLength(), complexScale),
                gaussian(random, layer.mlpWeightLength(), 1).re());
    }

    private static ComplexTensor gaussian(Random random, int n, double scale) {
        ComplexTensor t = ComplexTensor.zeros(n);
        for (int i = 0; i < n; i++) {
            t.re()[i] = scale * random.nextGaussian();
            t.im()[i] = scale * random.nextGaussian();
        }
        return t;
    }

    private static void require(String name, int length, int expected) {
        if (length != expected) {
            throw new IllegalArgumentException("LgnWeights: " + name + " has " + length + " values, the layer needs "
                    + expected);
        }
    }

    /**
     * Weights of the aggregation product Σ_j H(edge_ij, rep_j).
     *
     * @return the weights
     */
    public ComplexTensor aggregation() {
        return aggregation;
    }

    /**
     * Weights of the self product H(rep_i, rep_i).
     *
     * @return the weights
     */
    public ComplexTensor self() {
        return self;
    }

    /**
     * Weights of the mixing of rep_i.
     *
     * @return the weights
     */
    public ComplexTensor mixing() {
        return mixing;
    }

    /**
     * Weights of the scalar MLP.
     *
     * @return the weights (not a copy)
     */
    public double[] mlp() {
        return mlp;
    }
}
