package org.equikern.device.kernel;

import java.util.Locale;

/**
 * Which kernels the GEMM-shaped layer ops (Linear's forward and input gradient) run: tiles
 * through local memory, register-blocked per work item ({@code kernels/common/gemm_tile.h}), or
 * one work item per result element. System property {@code equikern.gemm} ({@code tiled} or
 * {@code elements}) forces one, read when an op is made; otherwise GPUs take the tiles and CPU
 * devices (PoCL), where local memory is ordinary memory and barriers cost, the element kernels.
 */
public enum GemmKernels {
    /** Register-blocked tiles staged through local memory (GPU-shaped). */
    TILED,
    /** One work item per result element. */
    ELEMENTS;

    /** The system property that forces a choice. */
    public static final String PROPERTY = "equikern.gemm.kernels";

    /**
     * The kernels for an op on {@code launcher}: the forced ones, else {@link #TILED} unless the
     * launcher is a CPU device.
     *
     * @param launcher the launcher the op runs on
     * @return the choice
     * @throws IllegalArgumentException when the property names no choice
     */
    public static GemmKernels choose(KernelLauncher launcher) {
        String forced = System.getProperty(PROPERTY);
        if (forced == null) return launcher.hostCpu() ? ELEMENTS : TILED;
        for (GemmKernels kernels : values()) {
            if (kernels.name().toLowerCase(Locale.ROOT).equals(forced.trim())) return kernels;
        }
        throw new IllegalArgumentException("unknown " + PROPERTY + " '" + forced + "'; known: tiled, elements");
    }
}
