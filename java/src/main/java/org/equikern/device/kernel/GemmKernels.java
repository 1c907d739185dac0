package org.equikern.device.kernel;

import java.util.Locale;

/**
 * Which kernels the GEMM-shaped ops (Linear's forward, input and weight gradients; the forward and
 * backward of tensor products whose paths are all weighted {@code uvw} with shared weights; the
 * symmetric contraction's forward and backward, through its weights mixed per element) run: tiles
 * through local memory, register-blocked per work item ({@code kernels/common/gemm_tile.h}), or
 * one work item per result element. System property {@code equikern.gemm.kernels} ({@code tiled} or
 * {@code elements}) forces one, read when an op is made; otherwise GPUs take the tiles and CPU
 * devices (PoCL), where local memory is ordinary memory and barriers cost, whichever kind each op
 * measured faster there ({@code bench/results/GEMM-POCL.md}).
 */
public enum GemmKernels {
    /** Register-blocked tiles staged through local memory (GPU-shaped). */
    TILED,
    /** One work item per result element. */
    ELEMENTS;

    /** The system property that forces a choice. */
    public static final String PROPERTY = "equikern.gemm.kernels";
    /** Work items per group of a tiled kernel ({@code GT_ITEMS} of {@code gemm_tile.h}). */
    public static final int GROUP_ITEMS = 256;
    /** Rows of a group's tile ({@code GT_ROWS}). */
    public static final int TILE_ROWS = 64;
    /** Columns of a group's tile ({@code GT_COLS}). */
    public static final int TILE_COLS = 32;

    /**
     * The work items of a tiled launch over a {@code rows × cols} result: whole groups, one per tile.
     *
     * @param rows the result's rows, ≥ 0
     * @param cols the result's columns, ≥ 0
     * @return groups × {@link #GROUP_ITEMS}
     * @throws ArithmeticException when the count overflows a long
     */
    public static long tiledWorkItems(long rows, int cols) {
        long tiles = Math.multiplyExact((rows + TILE_ROWS - 1) / TILE_ROWS, ((long) cols + TILE_COLS - 1) / TILE_COLS);
        return Math.multiplyExact(tiles, GROUP_ITEMS);
    }

    /**
     * The kernels for an op on {@code launcher}: the forced ones, else {@link #TILED} on GPUs and
     * {@code onCpu} on CPU devices.
     *
     * @param launcher the launcher the op runs on
     * @param onCpu the kind the op runs faster on CPU devices
     * @return the choice
     * @throws IllegalArgumentException when the property names no choice
     */
    public static GemmKernels choose(KernelLauncher launcher, GemmKernels onCpu) {
        String forced = System.getProperty(PROPERTY);
        if (forced == null) return launcher.hostCpu() ? onCpu : TILED;
        for (GemmKernels kernels : values()) {
            if (kernels.name().toLowerCase(Locale.ROOT).equals(forced.trim())) return kernels;
        }
        throw new IllegalArgumentException("unknown " + PROPERTY + " '" + forced + "'; known: tiled, elements");
    }
}
