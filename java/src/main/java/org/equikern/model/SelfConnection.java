package org.equikern.model;

import java.util.SplittableRandom;
import org.equikern.group.Irreps;
import org.equikern.tp.Plan;
import org.equikern.tp.TensorProductSpec;
import org.equikern.train.Parameter;
import org.equikern.train.Parameters;

/**
 * NequIP's self-connection: e3nn's {@code FullyConnectedTensorProduct(features, species one-hot,
 * irreps_out)}, a species-dependent linear map of each atom's features, computed on the host as one
 * ({@link SpeciesLinearMap}). Weight {@code NAME.weight}, N(0, 1). For a given batch the one-hot rows are
 * fixed, so the product is bilinear in (features, weight).
 */
final class SelfConnection {
    private final Plan plan;
    private final SpeciesLinearMap map;
    private final Parameter weight;

    SelfConnection(String name, Irreps irrepsIn, int species, Irreps irrepsOut, Parameters parameters,
            SplittableRandom random) {
        this.plan = Plan.of(TensorProductSpec.fullyConnected(irrepsIn, Irreps.parse(species + "x0e"), irrepsOut));
        this.map = new SpeciesLinearMap(plan);
        this.weight = parameters.add(name + ".weight", new int[] {plan.weightNumel()},
                Initialization.normal(plan.weightNumel(), random));
    }

    /** The self-connection on a device, its weight uploaded now. */
    DeviceLayer onDevice(DeviceResources resources) {
        return new DeviceSelfConnection(resources, plan, weight);
    }

    /** Applies the self-connection to {@code atoms} rows of features with their one-hot rows. */
    BilinearStep forward(double[] features, double[] oneHot, int atoms) {
        return new BilinearStep(new WithSpecies(map.speciesOf(oneHot, atoms)), weight, features, atoms);
    }

    /** The product with each row's species bound. */
    private final class WithSpecies implements BilinearOp {
        private final int[] species;

        WithSpecies(int[] species) {
            this.species = species;
        }

        @Override
        public double[] apply(double[] x, double[] w, int rows) {
            double[] out = new double[Math.multiplyExact(rows, plan.dimOut())];
            map.forward(x, species, w, out);
            return out;
        }

        @Override
        public void backward(double[] x, double[] w, double[] gradOut, double[] gradX, double[] gradW, int rows) {
            map.backward(x, species, w, gradOut, gradX, gradW);
        }
    }
}
