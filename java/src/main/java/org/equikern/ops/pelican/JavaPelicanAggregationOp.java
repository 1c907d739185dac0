package org.equikern.ops.pelican;

import org.equikern.device.DType;
import org.equikern.device.DeviceBuffer;
import org.equikern.device.java.DoubleViews;
import org.equikern.device.java.JavaBuffer;
import org.equikern.device.java.JavaDevice;

/**
 * The Java device's PELICAN aggregation: {@link PelicanAggregation} itself, in double, rounded
 * once for FLOAT32; the host class checks every count.
 */
final class JavaPelicanAggregationOp extends PelicanAggregationOp {
    JavaPelicanAggregationOp(JavaDevice device, DType dtype, PelicanAggregation aggregation) {
        super(device, dtype, aggregation);
    }

    @Override
    protected void runForward(DeviceBuffer in, DeviceBuffer counts, DeviceBuffer alpha, DeviceBuffer out, int batch,
            int particles) {
        double[] y = DoubleViews.target(out);
        aggregation().forward(DoubleViews.read(in), ints(counts), batch, particles, DoubleViews.read(alpha), y);
        DoubleViews.commit(y, out);
    }

    @Override
    protected void runBackward(DeviceBuffer in, DeviceBuffer counts, DeviceBuffer alpha, DeviceBuffer gradOut,
            DeviceBuffer gradIn, DeviceBuffer gradAlpha, int batch, int particles) {
        double[] dIn = DoubleViews.target(gradIn);
        double[] dAlpha = DoubleViews.target(gradAlpha);
        aggregation().backward(DoubleViews.read(in), ints(counts), batch, particles, DoubleViews.read(alpha),
                DoubleViews.read(gradOut), dIn, dAlpha);
        DoubleViews.commit(dIn, gradIn);
        DoubleViews.commit(dAlpha, gradAlpha);
    }

    private static int[] ints(DeviceBuffer counts) {
        return ((JavaBuffer) counts).ints();
    }
}
