package org.equikern.device.kernel;

import static org.equikern.device.kernel.KernelSignature.Param.INT;
import static org.equikern.device.kernel.KernelSignature.Param.REAL;
import static org.equikern.device.kernel.KernelSignature.Param.REAL_BUFFER;

import java.util.List;
import org.equikern.device.DType;
import org.equikern.device.Device;
import org.equikern.device.DeviceBuffer;

/**
 * The host side of {@code gt_weight_gradient} ({@code kernels/common/gemm_tile.h}): a shared
 * weight gradient made of {@link Block} products, each a GEMM {@code Aᵀ·B} over the batch's
 * (sample, component) rows, tiled through local memory and reduced over slices of the batch
 * ({@link BatchReduction}: fixed order, no atomics).
 */
public final class TiledWeightGradient {
    private static final String KERNEL = "gt_weight_gradient";

    /**
     * One block of weights {@code grad[weightOffset + u·mulB + v] = scale · Σ over samples s and
     * components i < irrepDim of a[s·strideA + offsetA + u·irrepDim + i] · b[s·strideB + offsetB + v·irrepDim + i]}.
     *
     * @param irrepDim the components per copy, ≥ 1
     * @param mulA the copies u of operand a
     * @param strideA operand a's reals per sample
     * @param offsetA where the block starts in a sample of a
     * @param mulB the copies v of operand b
     * @param strideB operand b's reals per sample
     * @param offsetB where the block starts in a sample of b
     * @param scale the factor on the sum
     * @param weightOffset the block's first weight
     */
    public record Block(int irrepDim, int mulA, int strideA, int offsetA, int mulB, int strideB, int offsetB,
            double scale, int weightOffset) {
        /** Groups of one slice: the tiles of the mulA × mulB result. */
        long tiles() {
            return Math.multiplyExact(((long) mulA + GemmKernels.TILE_ROWS - 1) / GemmKernels.TILE_ROWS,
                    ((long) mulB + GemmKernels.TILE_COLS - 1) / GemmKernels.TILE_COLS);
        }
    }

    private TiledWeightGradient() {}

    /**
     * The signature of {@code gt_weight_gradient} in {@code program}, which includes {@code gemm_tile.h}.
     *
     * @param program the program
     * @return the signature
     */
    public static KernelSignature signature(String program) {
        return KernelSignature.of(program, KERNEL, INT, INT, INT, INT, INT, INT, INT, INT, INT, REAL, INT, INT,
                REAL_BUFFER, REAL_BUFFER, REAL_BUFFER);
    }

    /**
     * Enqueues the weight gradient {@code out} ({@code numel} weights, every one in exactly one of
     * {@code blocks}) of {@code batch} samples of {@code a} and {@code b}.
     *
     * @param device the device the launches run on
     * @param launcher launches the kernels
     * @param kernel {@link #signature} of the program holding it (and {@code sum_slices})
     * @param dtype the precision
     * @param batch the samples, ≥ 0
     * @param numel the weights
     * @param blocks the products covering the weights
     * @param a operand a, {@code batch} rows
     * @param b operand b, {@code batch} rows
     * @param out receives the gradient
     */
    public static void run(Device device, KernelLauncher launcher, KernelSignature kernel, DType dtype, int batch,
            int numel, List<Block> blocks, DeviceBuffer a, DeviceBuffer b, DeviceBuffer out) {
        BatchReduction.run(device, launcher, kernel.program(), dtype, batch, numel, out,
                (items, slices, chunk, partial) -> {
                    for (Block k : blocks) {
                        if (k.mulA() == 0 || k.mulB() == 0) continue;
                        long groups = Math.multiplyExact(k.tiles(), slices);
                        launcher.launch(kernel, dtype, Math.multiplyExact(groups, GemmKernels.GROUP_ITEMS), batch,
                                chunk, k.irrepDim(), k.mulA(), k.strideA(), k.offsetA(), k.mulB(), k.strideB(),
                                k.offsetB(), dtype == DType.FLOAT64 ? (Object) k.scale() : (Object) (float) k.scale(),
                                numel, k.weightOffset(), a, b, partial);
                    }
                });
    }
}
