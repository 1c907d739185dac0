package org.equikern.model;

import java.util.SplittableRandom;
import org.equikern.group.Irreps;
import org.equikern.runtime.TensorProduct;
import org.equikern.tp.TensorProductSpec;
import org.equikern.train.Parameter;
import org.equikern.train.Parameters;

/**
 * NequIP's self-connection: e3nn's {@code FullyConnectedTensorProduct(features, species one-hot,
 * irreps_out)}, a species-dependent linear map of each atom's features. Weight {@code NAME.weight},
 * N(0, 1). For a given batch the one-hot rows are fixed, so the product is bilinear in (features, weight).
 */
final class SelfConnection {
    private final TensorProduct tp;
    private final Parameter weight;

    SelfConnection(String name, Irreps irrepsIn, int species, Irreps irrepsOut, Parameters parameters,
            SplittableRandom random) {
        this.tp = new TensorProduct(TensorProductSpec.fullyConnected(irrepsIn, Irreps.parse(species + "x0e"),
                irrepsOut));
        this.weight = parameters.add(name + ".weight", new int[] {tp.weightNumel()},
                Initialization.normal(tp.weightNumel(), random));
    }

    /** The self-connection on a device, its weight uploaded now. */
    DeviceLayer onDevice(DeviceResources resources) {
        return new DeviceSelfConnection(resources, tp.plan(), weight);
    }

    /** Applies the self-connection to {@code atoms} rows of features with their one-hot rows. */
    BilinearStep forward(double[] features, double[] oneHot, int atoms) {
        return new BilinearStep(new WithSpecies(oneHot), weight, features, atoms);
    }

    /** The product with the one-hot operand bound. */
    private final class WithSpecies implements BilinearOp {
        private final double[] oneHot;

        WithSpecies(double[] oneHot) {
            this.oneHot = oneHot;
        }

        @Override
        public double[] apply(double[] x, double[] w, int rows) {
            return tp.forward(x, oneHot, w, rows);
        }

        @Override
        public void backward(double[] x, double[] w, double[] gradOut, double[] gradX, double[] gradW, int rows) {
            tp.backward(x, oneHot, w, gradOut, gradX, null, gradW, rows);
        }
    }
}
