package org.equikern.ops.gatherscatter;

import org.equikern.device.DType;
import org.equikern.device.Device;
import org.equikern.device.DeviceBuffer;
import org.equikern.device.kernel.KernelLauncher;

/** Row gather and scatter with the kernels of {@code kernels/common/gather_scatter.h}, on OpenCL or CUDA. */
final class KernelGatherScatter extends GatherScatter {
    private static final String PROGRAM = "gather_scatter";

    private final KernelLauncher launcher;

    KernelGatherScatter(Device device, KernelLauncher launcher) {
        super(device);
        this.launcher = launcher;
    }

    @Override
    protected void runGather(DeviceBuffer x, DeviceBuffer index, DeviceBuffer out, int rows, int edges, int width) {
        launcher.launch(PROGRAM, x.dtype(), "gather_rows", (long) edges * width, edges, width, rows, index, x, out);
    }

    @Override
    protected void runScatterAdd(DeviceBuffer x, DeviceBuffer index, DeviceBuffer out, int rows, int edges,
            int width) {
        if (x.dtype() == DType.FLOAT64 && !launcher.supportsFloat64Atomics()) {
            throw new UnsupportedOperationException("scatterAddRows in FLOAT64 needs 64-bit atomics, which "
                    + device().describe() + " lacks; use segmentSumRows");
        }
        launcher.launch(PROGRAM, x.dtype(), "scatter_add_rows", (long) edges * width, edges, width, rows, index, x,
                out);
    }

    @Override
    protected void runSegmentSum(DeviceBuffer x, DeviceBuffer order, DeviceBuffer offsets, DeviceBuffer out,
            int rows, int edges, int width) {
        launcher.launch(PROGRAM, x.dtype(), "segment_sum_rows", (long) rows * width, rows, width, edges, offsets,
                order, x, out);
    }
}
