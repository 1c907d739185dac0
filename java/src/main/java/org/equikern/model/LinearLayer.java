package org.equikern.model;

import java.util.SplittableRandom;
import org.equikern.group.Irreps;
import org.equikern.nn.Linear;
import org.equikern.train.Parameter;
import org.equikern.train.Parameters;

/**
 * e3nn's {@code o3.Linear(irreps_in, irreps_out)} without biases, its flat weight registered as
 * {@code NAME.weight} and drawn from N(0, 1) (the path normalization is in {@link Linear}).
 */
final class LinearLayer implements BilinearOp, NodeLayer {
    private final Linear linear;
    private final Parameter weight;

    LinearLayer(String name, Irreps irrepsIn, Irreps irrepsOut, Parameters parameters, SplittableRandom random) {
        this.linear = Linear.of(irrepsIn, irrepsOut);
        this.weight = parameters.add(name + ".weight", new int[] {linear.weightNumel()},
                Initialization.normal(linear.weightNumel(), random));
    }

    @Override
    public BilinearStep forward(double[] x, int rows) {
        return new BilinearStep(this, weight, x, rows);
    }

    @Override
    public DeviceLinear onDevice(DeviceResources resources) {
        return onDevice(resources, 1);
    }

    /** The layer on a device with {@code factor} folded into its uploaded weights. */
    DeviceLinear onDevice(DeviceResources resources, double factor) {
        return new DeviceLinear(resources, linear, weight, factor);
    }

    @Override
    public double[] apply(double[] x, double[] w, int rows) {
        double[] out = new double[Math.multiplyExact(rows, linear.irrepsOut().dim())];
        linear.forward(x, w, null, out, rows);
        return out;
    }

    @Override
    public void backward(double[] x, double[] w, double[] gradOut, double[] gradX, double[] gradW, int rows) {
        linear.backward(x, w, gradOut, gradX, gradW, null, rows);
    }
}
