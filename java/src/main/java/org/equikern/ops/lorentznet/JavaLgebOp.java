package org.equikern.ops.lorentznet;

import org.equikern.device.DType;
import org.equikern.device.DeviceBuffer;
import org.equikern.device.java.DoubleViews;
import org.equikern.device.java.JavaBuffer;
import org.equikern.device.java.JavaDevice;

/**
 * The Java device's {@link LgebOp}: {@link LgebPrimitives} in double, each output rounded once for
 * FLOAT32; the host class checks every count.
 */
final class JavaLgebOp extends LgebOp {
    JavaLgebOp(JavaDevice device, DType dtype, int hidden, double coefficient) {
        super(device, dtype, hidden, coefficient);
    }

    @Override
    protected void runEdgeFeatures(DeviceBuffer x, DeviceBuffer counts, DeviceBuffer norms, DeviceBuffer dots,
            int batch, int particles) {
        double[] n = DoubleViews.target(norms);
        double[] d = DoubleViews.target(dots);
        LgebPrimitives.edgeFeatures(DoubleViews.read(x), ints(counts), batch, particles, n, d);
        DoubleViews.commit(n, norms);
        DoubleViews.commit(d, dots);
    }

    @Override
    protected void runEdgeFeaturesBackward(DeviceBuffer x, DeviceBuffer counts, DeviceBuffer gradNorms,
            DeviceBuffer gradDots, DeviceBuffer gradX, int batch, int particles) {
        double[] g = DoubleViews.target(gradX);
        LgebPrimitives.edgeFeaturesBackward(DoubleViews.read(x), ints(counts), batch, particles,
                DoubleViews.read(gradNorms), DoubleViews.read(gradDots), g);
        DoubleViews.commit(g, gradX);
    }

    @Override
    protected void runPositionUpdate(DeviceBuffer x, DeviceBuffer phi, DeviceBuffer counts, DeviceBuffer out,
            int batch, int particles) {
        double[] o = DoubleViews.target(out);
        LgebPrimitives.positionUpdate(DoubleViews.read(x), DoubleViews.read(phi), coefficient(), ints(counts), batch,
                particles, o);
        DoubleViews.commit(o, out);
    }

    @Override
    protected void runPositionUpdateBackward(DeviceBuffer x, DeviceBuffer phi, DeviceBuffer counts,
            DeviceBuffer gradOut, DeviceBuffer gradX, DeviceBuffer gradPhi, int batch, int particles) {
        double[] gx = DoubleViews.target(gradX);
        double[] gp = DoubleViews.target(gradPhi);
        LgebPrimitives.positionUpdateBackward(DoubleViews.read(x), DoubleViews.read(phi), coefficient(), ints(counts),
                batch, particles, DoubleViews.read(gradOut), gx, gp);
        DoubleViews.commit(gx, gradX);
        DoubleViews.commit(gp, gradPhi);
    }

    @Override
    protected void runMessageSum(DeviceBuffer m, DeviceBuffer counts, DeviceBuffer sums, int batch, int particles) {
        double[] s = DoubleViews.target(sums);
        LgebPrimitives.messageSum(DoubleViews.read(m), hidden(), ints(counts), batch, particles, s);
        DoubleViews.commit(s, sums);
    }

    @Override
    protected void runMessageSumBackward(DeviceBuffer gradSums, DeviceBuffer counts, DeviceBuffer gradM, int batch,
            int particles) {
        double[] g = DoubleViews.target(gradM);
        LgebPrimitives.messageSumBackward(DoubleViews.read(gradSums), hidden(), ints(counts), batch, particles, g);
        DoubleViews.commit(g, gradM);
    }

    private static int[] ints(DeviceBuffer counts) {
        return ((JavaBuffer) counts).ints();
    }
}
