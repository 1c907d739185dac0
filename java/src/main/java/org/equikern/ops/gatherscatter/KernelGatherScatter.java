package org.equikern.ops.gatherscatter;

import static org.equikern.device.kernel.KernelSignature.Param.INT;
import static org.equikern.device.kernel.KernelSignature.Param.INT_BUFFER;
import static org.equikern.device.kernel.KernelSignature.Param.REAL_BUFFER;

import org.equikern.device.DType;
import org.equikern.device.Device;
import org.equikern.device.DeviceBuffer;
import org.equikern.device.kernel.KernelLauncher;
import org.equikern.device.kernel.KernelSignature;

/** Row gather and scatter with the kernels of {@code kernels/common/gather_scatter.h}, on OpenCL or CUDA. */
final class KernelGatherScatter extends GatherScatter {
    private static final String PROGRAM = "gather_scatter";
    private static final KernelSignature GATHER_ROWS = KernelSignature.of(PROGRAM, "gather_rows",
            INT, INT, INT, INT_BUFFER, REAL_BUFFER, REAL_BUFFER);
    private static final KernelSignature SCATTER_ADD_ROWS = KernelSignature.of(PROGRAM, "scatter_add_rows",
            INT, INT, INT, INT_BUFFER, REAL_BUFFER, REAL_BUFFER);
    private static final KernelSignature SEGMENT_SUM_ROWS = KernelSignature.of(PROGRAM, "segment_sum_rows",
            INT, INT, INT, INT_BUFFER, INT_BUFFER, REAL_BUFFER, REAL_BUFFER);

    private final KernelLauncher launcher;

    KernelGatherScatter(Device device, KernelLauncher launcher) {
        super(device);
        this.launcher = launcher;
    }

    @Override
    protected void runGather(DeviceBuffer x, DeviceBuffer index, DeviceBuffer out, int rows, int edges, int width) {
        launcher.launch(GATHER_ROWS, x.dtype(), (long) edges * width, edges, width, rows, index, x, out);
    }

    @Override
    protected void runScatterAdd(DeviceBuffer x, DeviceBuffer index, DeviceBuffer out, int rows, int edges,
            int width) {
        if (x.dtype() == DType.FLOAT64 && !launcher.supportsFloat64Atomics()) {
            throw new UnsupportedOperationException("scatterAddRows in FLOAT64 needs 64-bit atomics, which "
                    + device().describe() + " lacks; use segmentSumRows");
        }
        launcher.launch(SCATTER_ADD_ROWS, x.dtype(), (long) edges * width, edges, width, rows, index, x,
                out);
    }

    @Override
    protected void runSegmentSum(DeviceBuffer x, DeviceBuffer order, DeviceBuffer offsets, DeviceBuffer out,
            int rows, int edges, int width) {
        launcher.launch(SEGMENT_SUM_ROWS, x.dtype(), (long) rows * width, rows, width, edges, offsets,
                order, x, out);
    }
}
