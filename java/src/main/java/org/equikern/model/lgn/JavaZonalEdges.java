package org.equikern.model.lgn;

import org.equikern.device.DType;
import org.equikern.device.DeviceBuffer;
import org.equikern.device.java.DoubleViews;
import org.equikern.device.java.JavaDevice;
import org.equikern.ops.lorentzproduct.ComplexTensor;

/** The Java device's {@link DeviceZonalEdges}: {@link ZonalEdges} itself in double, rounded once for FLOAT32. */
final class JavaZonalEdges extends DeviceZonalEdges {
    JavaZonalEdges(JavaDevice device, DType dtype, ZonalEdges zonal) {
        super(device, dtype, zonal);
    }

    @Override
    void runCompute(DeviceBuffer momenta, DeviceBuffer first, DeviceBuffer second, DeviceBuffer edges, int pairs) {
        double[] p = DoubleViews.read(momenta);
        int[] i = first.toIntArray();
        int[] j = second.toIntArray();
        ComplexTensor out = ComplexTensor.zeros(Math.multiplyExact(pairs, zonal().irreps().dim()));
        for (int q = 0; q < pairs; q++) zonal().compute(p, 4 * i[q], p, 4 * j[q], out, q);
        double[] target = DoubleViews.target(edges);
        System.arraycopy(out.planar(), 0, target, 0, target.length);
        DoubleViews.commit(target, edges);
    }
}
