package org.equikern.ops.layout;

import org.equikern.device.DType;
import org.equikern.device.DeviceBuffer;
import org.equikern.device.java.DoubleViews;
import org.equikern.device.java.JavaDevice;
import org.equikern.group.Irreps;
import org.equikern.group.IrrepsLayout;

/** The Java device's {@link LayoutOp}: the gather of {@link IrrepsLayout#gatherTo}, exact in both precisions. */
final class JavaLayoutOp extends LayoutOp {
    JavaLayoutOp(JavaDevice device, DType dtype, Irreps irreps) {
        super(device, dtype, irreps);
    }

    @Override
    protected void runConvert(DeviceBuffer src, IrrepsLayout from, DeviceBuffer dst, IrrepsLayout to, int rows) {
        int dim = irreps().dim();
        int[] gather = from.gatherTo(irreps(), to);
        double[] in = DoubleViews.read(src);
        double[] out = DoubleViews.target(dst);
        for (int base = 0; base < rows * dim; base += dim) {
            for (int k = 0; k < dim; k++) out[base + k] = in[base + gather[k]];
        }
        DoubleViews.commit(out, dst);
    }
}
