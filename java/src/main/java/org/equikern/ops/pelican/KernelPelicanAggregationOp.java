package org.equikern.ops.pelican;

import static org.equikern.device.kernel.KernelSignature.Param.INT;
import static org.equikern.device.kernel.KernelSignature.Param.INT_BUFFER;
import static org.equikern.device.kernel.KernelSignature.Param.REAL;
import static org.equikern.device.kernel.KernelSignature.Param.REAL_BUFFER;

import org.equikern.device.DType;
import org.equikern.device.Device;
import org.equikern.device.DeviceBuffer;
import org.equikern.device.kernel.KernelLauncher;
import org.equikern.device.kernel.KernelSignature;

/**
 * PELICAN's 2→2 aggregation with the kernels of {@code kernels/common/pelican.h}, on OpenCL or
 * CUDA: one work item per (jet, channel, particle) for the row and column sums, written to a
 * scratch buffer that lives for the call, then one per output position for the 15 ops.
 */
final class KernelPelicanAggregationOp extends PelicanAggregationOp {
    private static final String PROGRAM = "pelican";
    private static final KernelSignature PELICAN_VECTORS = KernelSignature.of(PROGRAM, "pelican_vectors",
            INT, INT, INT, INT_BUFFER, REAL_BUFFER, REAL_BUFFER);
    private static final KernelSignature PELICAN_2TO2_FORWARD = KernelSignature.of(PROGRAM, "pelican_2to2_forward",
            INT, INT, INT, INT, REAL, INT_BUFFER, REAL_BUFFER, REAL_BUFFER, REAL_BUFFER, REAL_BUFFER);

    private final KernelLauncher launcher;

    KernelPelicanAggregationOp(Device device, KernelLauncher launcher, DType dtype, PelicanAggregation aggregation) {
        super(device, dtype, aggregation);
        this.launcher = launcher;
    }

    @Override
    protected void runForward(DeviceBuffer in, DeviceBuffer counts, DeviceBuffer alpha, DeviceBuffer out, int batch,
            int particles) {
        int channels = aggregation().channels();
        long vectorItems = Math.multiplyExact(Math.multiplyExact((long) batch, channels), particles);
        long positions = Math.multiplyExact(vectorItems, particles);
        int mean = aggregation().aggregation() == Aggregation.MEAN ? 1 : 0;
        // A REAL scalar travels as the op's precision.
        Object average = dtype() == DType.FLOAT64 ? (Object) aggregation().averageCount()
                : (Object) (float) aggregation().averageCount();
        try (DeviceBuffer sums = device().allocate(dtype(), Math.multiplyExact(vectorItems, 2))) {
            launcher.launch(PELICAN_VECTORS, dtype(), vectorItems, batch, particles, channels, counts, in, sums);
            launcher.launch(PELICAN_2TO2_FORWARD, dtype(), positions, batch, particles, channels, mean, average,
                    counts, in, sums, alpha, out);
        }
    }
}
