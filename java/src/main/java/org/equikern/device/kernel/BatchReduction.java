package org.equikern.device.kernel;

import org.equikern.device.DType;
import org.equikern.device.Device;
import org.equikern.device.DeviceBuffer;

/**
 * The host side of the two-level batch reductions of {@code kernels/common/reduction.h}: how the
 * batch is cut into slices, and the two launches. The cut depends on the batch size and the
 * number of sums alone, so a result repeats bit for bit from run to run.
 */
public final class BatchReduction {
    /** Samples one first-pass item sums: bounds an item's serial work, whatever the batch. */
    static final int CHUNK = 1024;
    /** The parameters of {@code sum_slices} ({@code reduction.h}), which every reducing program includes. */
    static final KernelSignature.Param[] SUM_SLICES = {KernelSignature.Param.INT, KernelSignature.Param.INT,
            KernelSignature.Param.REAL_BUFFER, KernelSignature.Param.REAL_BUFFER};

    /** Most partial sums held at once; past it chunks grow beyond {@link #CHUNK} instead. */
    static final long MAX_PARTIALS = 1L << 24;

    /** {@code count} slices of {@code chunk} consecutive samples covering the batch. */
    public record Slices(int count, int chunk) {}

    /** The first pass: {@code items} = slices × sums work items, writing partial[slice, sum]. */
    @FunctionalInterface
    public interface FirstPass {
        /**
         * Enqueues the first pass.
         *
         * @param items the work items, slices × sums
         * @param slices the number of slices
         * @param chunk the samples per slice
         * @param partial receives {@code [slices, sums]} partial sums, or {@code out} itself for one slice
         */
        void launch(long items, int slices, int chunk, DeviceBuffer partial);
    }

    private BatchReduction() {}

    /**
     * The slices for {@code sums} sums over {@code batch} samples.
     *
     * @param batch the number of samples, ≥ 0
     * @param sums the number of sums, ≥ 1
     * @return the slices, at least one
     */
    public static Slices slices(int batch, int sums) {
        long maxSlices = Math.max(1, MAX_PARTIALS / Math.max(1, sums));
        int chunk = (int) Math.max(CHUNK, (batch + maxSlices - 1) / maxSlices);
        return new Slices((int) Math.max(1, ((long) batch + chunk - 1) / chunk), chunk);
    }

    /**
     * Runs {@code firstPass} and, with more than one slice, {@code sum_slices} of
     * {@code program} into {@code out} ({@code sums} elements). One slice writes {@code out}
     * directly. The partials live in a buffer released after both launches are enqueued: the
     * device's queue (or stream) runs them before any later use of that memory.
     *
     * @param device the device the launches run on
     * @param launcher launches the kernels
     * @param program the program holding {@code sum_slices}
     * @param dtype the precision, FLOAT32 or FLOAT64
     * @param batch the number of samples summed over, ≥ 0
     * @param sums the number of sums; 0 launches nothing
     * @param out receives the {@code sums} sums
     * @param firstPass launches the program's first-pass kernel
     */
    public static void run(Device device, KernelLauncher launcher, String program, DType dtype, int batch, int sums,
            DeviceBuffer out, FirstPass firstPass) {
        if (sums == 0) return;
        Slices s = slices(batch, sums);
        long items = (long) s.count() * sums;
        if (s.count() == 1) {
            firstPass.launch(items, 1, s.chunk(), out);
            return;
        }
        try (DeviceBuffer partial = device.allocate(dtype, items)) {
            firstPass.launch(items, s.count(), s.chunk(), partial);
            launcher.launch(KernelSignature.of(program, "sum_slices", SUM_SLICES), dtype, sums, sums, s.count(),
                    partial, out);
        }
    }
}
