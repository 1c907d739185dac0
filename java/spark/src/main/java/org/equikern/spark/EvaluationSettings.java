package org.equikern.spark;

import java.io.Serializable;
import org.equikern.runtime.Devices;

/**
 * How {@link PotentialEvaluator} evaluates: the device each executor evaluates on, the structures per
 * batch, and whether per-atom energies are written. Immutable; the setters return changed copies.
 *
 * @param device       the device each executor opens: {@value #HOST_DEVICE}, {@code opencl:N} or {@code cuda:N}
 * @param batchSize    structures batched into one graph per model call, at least 1
 * @param atomEnergies whether to write per-atom energies (models without them fail the job)
 */
public record EvaluationSettings(String device, int batchSize, boolean atomEnergies) implements Serializable {
    /**
     * The host: every model type evaluates there in float64. On {@code opencl:N} or {@code cuda:N} the
     * executors run NequIP and MACE models on that device ({@code DevicePotential}), also in float64.
     */
    public static final String HOST_DEVICE = "java";

    /**
     * @throws IllegalArgumentException naming the value and the limit when a setting is out of range
     */
    public EvaluationSettings {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size = " + batchSize + ": must be >= 1");
        }
        // Checked here, on the driver, which may have no such device: the executors open it.
        device = Devices.checkName(device);
    }

    /** Device {@value #HOST_DEVICE}, 16 structures per batch (as {@code equikern evaluate}), no per-atom energies. */
    public static EvaluationSettings defaults() {
        return new EvaluationSettings(HOST_DEVICE, 16, false);
    }

    /** These settings with another device. */
    public EvaluationSettings device(String name) {
        return new EvaluationSettings(name, batchSize, atomEnergies);
    }

    /** These settings with another batch size. */
    public EvaluationSettings batchSize(int size) {
        return new EvaluationSettings(device, size, atomEnergies);
    }

    /** These settings with or without per-atom energies. */
    public EvaluationSettings atomEnergies(boolean write) {
        return new EvaluationSettings(device, batchSize, write);
    }
}
