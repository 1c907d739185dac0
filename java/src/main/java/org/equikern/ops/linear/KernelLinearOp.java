package org.equikern.ops.linear;

import static org.equikern.device.kernel.KernelSignature.Param.INT;
import static org.equikern.device.kernel.KernelSignature.Param.INT_BUFFER;
import static org.equikern.device.kernel.KernelSignature.Param.REAL;
import static org.equikern.device.kernel.KernelSignature.Param.REAL_BUFFER;

import org.equikern.device.DType;
import org.equikern.device.Device;
import org.equikern.device.DeviceBuffer;
import org.equikern.device.kernel.BatchReduction;
import org.equikern.device.kernel.DeviceTables;
import org.equikern.device.kernel.GemmKernels;
import org.equikern.device.kernel.KernelLauncher;
import org.equikern.device.kernel.KernelSignature;
import org.equikern.device.kernel.TiledWeightGradient;
import org.equikern.nn.Linear;
import org.equikern.nn.LinearLayout;

/**
 * A linear layer with the kernels of {@code kernels/common/linear.h}, on OpenCL or CUDA. The
 * forward, the input gradient and the weight gradient run as GEMMs per irreps block or
 * instruction, in register-blocked tiles staged through local memory ({@link LinearTiles}), or
 * with one work item per result element or weight, as {@link GemmKernels#choose} says (tiles on
 * GPUs and, measured faster there, on CPU devices); the bias gradient takes one work item per bias. The layer's tables ({@link LinearTables}) are uploaded once, when
 * the op is made.
 */
final class KernelLinearOp extends LinearOp {
    private static final String PROGRAM = "linear";
    private static final KernelSignature LINEAR_FORWARD = KernelSignature.of(PROGRAM, "linear_forward",
            INT, INT, INT, INT, INT, INT_BUFFER, INT_BUFFER, REAL_BUFFER, REAL_BUFFER, REAL_BUFFER, REAL_BUFFER,
            REAL_BUFFER);
    private static final KernelSignature LINEAR_GRAD_X = KernelSignature.of(PROGRAM, "linear_grad_x",
            INT, INT, INT, INT, INT_BUFFER, REAL_BUFFER, REAL_BUFFER, REAL_BUFFER, REAL_BUFFER);
    private static final KernelSignature LINEAR_GRAD_W = KernelSignature.of(PROGRAM, "linear_grad_w",
            INT, INT, INT, INT, INT, INT, INT, INT_BUFFER, REAL_BUFFER, REAL_BUFFER, REAL_BUFFER, REAL_BUFFER);
    private static final KernelSignature LINEAR_GRAD_BIAS = KernelSignature.of(PROGRAM, "linear_grad_bias",
            INT, INT, INT, INT, INT, INT, INT_BUFFER, REAL_BUFFER, REAL_BUFFER);

    private static final KernelSignature LINEAR_FORWARD_TILED = KernelSignature.of(PROGRAM,
            "linear_forward_tiled", INT, INT, INT, INT, INT, INT, INT, REAL, INT, INT, INT_BUFFER, INT_BUFFER,
            REAL_BUFFER, REAL_BUFFER, REAL_BUFFER, REAL_BUFFER);
    private static final KernelSignature LINEAR_GRAD_X_TILED = KernelSignature.of(PROGRAM, "linear_grad_x_tiled",
            INT, INT, INT, INT, INT, INT, INT, INT, INT_BUFFER, INT_BUFFER, REAL_BUFFER, REAL_BUFFER, REAL_BUFFER,
            REAL_BUFFER);
    private static final KernelSignature GT_WEIGHT_GRADIENT = TiledWeightGradient.signature(PROGRAM);
    /**
     * On CPU devices the tiles too: forward + backward took 0.5-0.7x the element kernels' time on
     * PoCL (bench/results/GEMM-POCL.md), whose weight gradient re-reads the batch per weight.
     */
    private static final GemmKernels CPU_GEMM_KERNELS = GemmKernels.TILED;

    private final KernelLauncher launcher;
    private final GemmKernels gemm;
    private final LinearTiles tiles;
    private final DeviceTables tables;
    private final DeviceBuffer instructions;
    private final DeviceBuffer pathWeight;
    private final DeviceBuffer blocks;
    private final DeviceBuffer blockScale;
    private final DeviceBuffer tileOrder;
    private final int instructionCount;
    private final int blockCount;

    KernelLinearOp(Device device, KernelLauncher launcher, DType dtype, Linear linear) {
        super(device, dtype, linear);
        this.launcher = launcher;
        this.gemm = GemmKernels.choose(launcher, CPU_GEMM_KERNELS);
        this.tiles = LinearTiles.of(linear);
        LinearLayout layout = linear.layout();
        this.instructionCount = layout.instructionCount();
        this.blockCount = layout.outputBlockOffset().length;
        this.tables = new DeviceTables(device, dtype);
        try {
            this.instructions = tables.ints(LinearTables.instructions(layout));
            this.pathWeight = tables.reals(layout.pathWeight());
            this.blocks = tables.ints(LinearTables.outputBlocks(layout));
            this.blockScale = tables.reals(layout.outputScale());
            // An empty table still needs a buffer for the kernel argument.
            int[] order = tiles.order();
            this.tileOrder = tables.ints(order.length == 0 ? new int[1] : order);
        } catch (RuntimeException | Error e) {
            tables.close();
            throw e;
        }
    }

    /** The kernels this op's forward and input gradient run. */
    GemmKernels gemmKernels() {
        return gemm;
    }

    @Override
    protected void runForward(DeviceBuffer x, DeviceBuffer weights, DeviceBuffer bias, DeviceBuffer out, int batch) {
        int dimOut = dimOut();
        // Without biases every block's bias offset is -1, so the kernel never reads its bias
        // argument; any buffer of the right dtype fills the slot.
        DeviceBuffer biasArg = bias != null ? bias : blockScale;
        if (gemm == GemmKernels.TILED) {
            for (LinearTiles.Block b : tiles.outputBlocks()) {
                launcher.launch(LINEAR_FORWARD_TILED, dtype(), b.workItems(batch), batch, dimIn(), dimOut, b.offset(),
                        b.irrepDim(), b.mul(), b.biasOffset(), real(b.scale()), b.first(), b.count(), instructions,
                        tileOrder, x, weights, biasArg, out);
            }
            return;
        }
        launcher.launch(LINEAR_FORWARD, dtype(), (long) batch * dimOut, batch, dimIn(), dimOut,
                instructionCount, blockCount, instructions, blocks, blockScale, x, weights, biasArg, out);
    }

    @Override
    protected void runBackward(DeviceBuffer x, DeviceBuffer weights, DeviceBuffer gradOut, DeviceBuffer gradX,
            DeviceBuffer gradWeights, DeviceBuffer gradBias, int batch) {
        if (gradX != null && gemm == GemmKernels.TILED) {
            for (LinearTiles.Block b : tiles.inputBlocks()) {
                launcher.launch(LINEAR_GRAD_X_TILED, dtype(), b.workItems(batch), batch, dimIn(), dimOut(), b.offset(),
                        b.irrepDim(), b.mul(), b.first(), b.count(), instructions, tileOrder, pathWeight, weights,
                        gradOut, gradX);
            }
        } else if (gradX != null) {
            launcher.launch(LINEAR_GRAD_X, dtype(), (long) batch * dimIn(), batch, dimIn(), dimOut(),
                    instructionCount, instructions, pathWeight, weights, gradOut, gradX);
        }
        if (gradWeights != null && gemm == GemmKernels.TILED) {
            TiledWeightGradient.run(device(), launcher, GT_WEIGHT_GRADIENT, dtype(), batch,
                    linear().weightNumel(), tiles.weightBlocks(), x, gradOut, gradWeights);
        } else if (gradWeights != null) {
            int numel = linear().weightNumel();
            BatchReduction.run(device(), launcher, PROGRAM, dtype(), batch, numel, gradWeights,
                    (items, slices, chunk, partial) -> launcher.launch(LINEAR_GRAD_W, dtype(), items, batch,
                            slices, chunk, dimIn(), dimOut(), instructionCount, numel, instructions, pathWeight, x,
                            gradOut, partial));
        }
        if (gradBias != null) {
            int numel = linear().biasNumel();
            BatchReduction.run(device(), launcher, PROGRAM, dtype(), batch, numel, gradBias,
                    (items, slices, chunk, partial) -> launcher.launch(LINEAR_GRAD_BIAS, dtype(), items,
                            batch, slices, chunk, dimOut(), blockCount, numel, blocks, gradOut, partial));
        }
    }

    /** A REAL scalar argument travels in the op's precision. */
    private Object real(double value) {
        return dtype() == DType.FLOAT64 ? (Object) value : (Object) (float) value;
    }

    private int dimIn() {
        return linear().irrepsIn().dim();
    }

    private int dimOut() {
        return linear().irrepsOut().dim();
    }

    @Override
    protected void release() {
        tables.close();
    }
}
