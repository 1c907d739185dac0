package org.equikern.ops.minkowski;

import org.equikern.device.DType;
import org.equikern.device.DeviceBuffer;
import org.equikern.device.java.DoubleViews;
import org.equikern.device.java.JavaDevice;

/** The Java device's {@link MinkowskiGramOp}: {@link MinkowskiGram} in double, rounded once for FLOAT32. */
final class JavaMinkowskiGramOp extends MinkowskiGramOp {
    JavaMinkowskiGramOp(JavaDevice device, DType dtype) {
        super(device, dtype);
    }

    @Override
    protected void runForward(DeviceBuffer momenta, DeviceBuffer counts, DeviceBuffer gram, int batch,
            int particles) {
        double[] out = DoubleViews.target(gram);
        MinkowskiGram.forward(DoubleViews.read(momenta), clamped(counts, particles), batch, particles, out);
        DoubleViews.commit(out, gram);
    }

    @Override
    protected void runBackward(DeviceBuffer momenta, DeviceBuffer counts, DeviceBuffer gradGram,
            DeviceBuffer gradMomenta, int batch, int particles) {
        double[] out = DoubleViews.target(gradMomenta);
        MinkowskiGram.backward(DoubleViews.read(momenta), clamped(counts, particles), batch, particles,
                DoubleViews.read(gradGram), out);
        DoubleViews.commit(out, gradMomenta);
    }

    /** The counts clamped to 0..particles, as the kernels read them (the contract's rule). */
    private static int[] clamped(DeviceBuffer counts, int particles) {
        int[] n = counts.toIntArray();
        for (int b = 0; b < n.length; b++) n[b] = Math.max(0, Math.min(particles, n[b]));
        return n;
    }
}
