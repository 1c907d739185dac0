package org.equikern.ops.tensorproduct;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.List;
import org.equikern.data.EdgeIndex;
import org.equikern.device.DType;
import org.equikern.device.Device;
import org.equikern.device.DeviceBuffer;
import org.equikern.device.DeviceGraph;
import org.equikern.device.MemoryScope;
import org.equikern.device.Summation;
import org.equikern.device.kernel.KernelDevice;
import org.equikern.group.Irreps;
import org.equikern.group.IrrepsLayout;
import org.equikern.runtime.Devices;
import org.equikern.tp.Plan;
import org.equikern.tp.TensorProductSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The whole tensor-product contract on the first OpenCL device (PoCL in CI) in {@code ir_mul},
 * with the generated kernels forced: every mode, both precisions, the kernels indexing the
 * channel-contiguous rows themselves. Also checks that such an op launches its generated
 * kernels and nothing else (no layout conversion around them).
 */
@ExtendWith(ForceGeneratedKernels.class)
class OpenClGeneratedIrMulTensorProductOpTest extends TensorProductOpContract {
    private static final String GENERATED = "tp_generated/";

    @Override
    protected Device openDevice() {
        return Devices.open("opencl:0");
    }

    @Override
    protected IrrepsLayout layout() {
        return IrrepsLayout.IR_MUL;
    }

    @Test
    void anIrMulOpLaunchesOnlyItsGeneratedKernels() {
        Plan plan = Plan.of(TensorProductSpec.channelWise(Irreps.parse("3x0e+2x1o+2x2e"), Irreps.parse("0e+1o+2e"),
                Irreps.parse("3x0e+2x1o+2x2e")));
        int batch = 4;
        RecordingLauncher launcher = new RecordingLauncher((KernelDevice) device);
        try (TensorProductOp op = KernelTensorProductOp.inLayout(device, launcher, plan, IrrepsLayout.IR_MUL);
                MemoryScope scope = device.openScope();
                DeviceGraph ring = DeviceGraph.upload(device, EdgeIndex.of(batch, new int[] {0, 1, 2, 3},
                        new int[] {1, 2, 3, 0}))) {
            assertInstanceOf(KernelTensorProductOp.class, op);
            assertEquals(IrrepsLayout.IR_MUL, op.layout());
            DeviceBuffer x1 = scope.allocate(DType.FLOAT32, (long) batch * plan.dim1());
            DeviceBuffer x2 = scope.allocate(DType.FLOAT32, (long) batch * plan.dim2());
            DeviceBuffer w = scope.allocate(DType.FLOAT32, (long) batch * plan.weightNumel());
            DeviceBuffer gout = scope.allocate(DType.FLOAT32, (long) batch * plan.dimOut());
            DeviceBuffer out = scope.allocate(DType.FLOAT32, (long) batch * plan.dimOut());
            DeviceBuffer g1 = scope.allocate(DType.FLOAT32, x1.length());
            DeviceBuffer g2 = scope.allocate(DType.FLOAT32, x2.length());
            DeviceBuffer gw = scope.allocate(DType.FLOAT32, w.length());
            op.forward(x1, x2, w, out, batch);
            assertEquals(List.of(GENERATED + "tp_gen_forward"), launcher.drain());
            op.backward(x1, x2, w, gout, g1, g2, gw, batch);
            assertEquals(List.of(GENERATED + "tp_gen_grad_x1", GENERATED + "tp_gen_grad_x2",
                    GENERATED + "tp_gen_grad_weights"), launcher.drain());
            op.convolve(x1, x2, w, ring, out, Summation.DETERMINISTIC);
            assertEquals(List.of(GENERATED + "tp_gen_conv_forward"), launcher.drain());
            op.convolveBackward(x1, x2, w, ring, gout, g1, g2, gw);
            assertEquals(List.of(GENERATED + "tp_gen_conv_backward"), launcher.drain());
            op.convolveDoubleBackward(x1, x2, w, ring, gout, x1, x2, w, g1, g2, gw, out);
            assertEquals(List.of(GENERATED + "tp_gen_conv_double_backward", GENERATED
                    + "tp_gen_conv_double_backward_out"), launcher.drain());
        }
    }

    @Test
    void onTheTablePathAnIrMulOpConvertsAroundAMulIrOp() {
        Plan plan = Plan.of(TensorProductSpec.channelWise(Irreps.parse("2x1o"), Irreps.parse("1o"),
                Irreps.parse("2x1o")));
        System.setProperty(KernelPath.PROPERTY, "tables");
        try (TensorProductOp op = KernelTensorProductOp.inLayout(device, (KernelDevice) device, plan,
                IrrepsLayout.IR_MUL)) {
            assertInstanceOf(LayoutConvertingTensorProductOp.class, op);
            assertEquals(IrrepsLayout.IR_MUL, op.layout());
        } finally {
            System.setProperty(KernelPath.PROPERTY, "generated");
        }
    }
}
