package org.equikern.ops.tensorproduct;

import java.util.Locale;
import org.equikern.device.kernel.KernelLauncher;
import org.equikern.group.IrrepsLayout;

/**
 * Which kernels a {@link KernelTensorProductOp} runs its forward and backward with: the kernels
 * generated per plan ({@code ops.tensorproduct.generated}) or the table-driven packaged ones.
 * System property {@code equikern.kernels} ({@code generated} or {@code tables}) forces one, read
 * when an op is made; otherwise each device takes the one measured faster on its kind, and ops on
 * {@code ir_mul} buffers the generated kernels wherever they compile.
 */
enum KernelPath {
    /** Per-plan kernels with literal coefficients, compiled at run time. */
    GENERATED,
    /** The packaged kernels of {@code tensor_product.h}, driven by the plan's tables. */
    TABLES;

    /** The system property that forces a path. */
    static final String PROPERTY = "equikern.kernels";

    /**
     * The path for an op on {@code launcher}: the forced one, else {@code GENERATED} where the
     * launcher compiles generated programs and is not a CPU device, else {@code TABLES}.
     *
     * @throws IllegalArgumentException when the property names no path
     * @throws IllegalStateException when it forces {@code generated} on a launcher that cannot
     *     compile generated programs (naming why)
     */
    static KernelPath choose(KernelLauncher launcher, String deviceName) {
        String forced = System.getProperty(PROPERTY);
        String unavailable = launcher.generatedProgramsUnavailable();
        if (forced == null) {
            return unavailable == null && !launcher.hostCpu() ? GENERATED : TABLES;
        }
        KernelPath path = parse(forced);
        if (path == GENERATED && unavailable != null) {
            throw new IllegalStateException(PROPERTY + "=generated, but device " + deviceName
                    + " cannot compile generated kernels: " + unavailable);
        }
        return path;
    }

    /**
     * The path for an op whose irreps buffers are in {@code layout}: as {@link #choose}, except
     * that without a forced path an op in another layout than {@code mul_ir} takes the generated
     * kernels wherever they compile, CPU devices included: they index its rows themselves, where
     * the table kernels need a conversion pass over every irreps buffer around each call.
     *
     * @throws IllegalArgumentException when the property names no path
     * @throws IllegalStateException when it forces {@code generated} on a launcher that cannot
     *     compile generated programs (naming why)
     */
    static KernelPath choose(KernelLauncher launcher, String deviceName, IrrepsLayout layout) {
        boolean generatedIndexesLayout = layout != IrrepsLayout.MUL_IR && System.getProperty(PROPERTY) == null
                && launcher.generatedProgramsUnavailable() == null;
        return generatedIndexesLayout ? GENERATED : choose(launcher, deviceName);
    }

    private static KernelPath parse(String value) {
        for (KernelPath path : values()) {
            if (path.name().toLowerCase(Locale.ROOT).equals(value.trim())) return path;
        }
        throw new IllegalArgumentException("unknown " + PROPERTY + " '" + value + "'; known: generated, tables");
    }
}
