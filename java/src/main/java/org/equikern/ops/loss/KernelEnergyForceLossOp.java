package org.equikern.ops.loss;

import static org.equikern.device.kernel.KernelSignature.Param.INT;
import static org.equikern.device.kernel.KernelSignature.Param.INT_BUFFER;
import static org.equikern.device.kernel.KernelSignature.Param.REAL;
import static org.equikern.device.kernel.KernelSignature.Param.REAL_BUFFER;

import org.equikern.device.DType;
import org.equikern.device.Device;
import org.equikern.device.DeviceBuffer;
import org.equikern.device.kernel.BatchReduction;
import org.equikern.device.kernel.KernelLauncher;
import org.equikern.device.kernel.KernelSignature;

/**
 * {@link EnergyForceLossOp} with the kernels of {@code kernels/common/energy_force_loss.h}: one work item per
 * gradient element; the three energy and three force sums are {@link BatchReduction}s into two small scratch
 * buffers, which one work item combines into the sums buffer.
 */
final class KernelEnergyForceLossOp extends EnergyForceLossOp {
    private static final String PROGRAM = "energy_force_loss";
    /** Sums per sample: |error|, error², ρ(residual). */
    private static final int SUMS_PER_SAMPLE = 3;
    private static final KernelSignature ENERGY_GRADIENT = KernelSignature.of(PROGRAM, "energy_gradient", INT, REAL,
            INT, REAL, INT_BUFFER, REAL_BUFFER, REAL_BUFFER, REAL_BUFFER);
    private static final KernelSignature FORCE_GRADIENT = KernelSignature.of(PROGRAM, "force_gradient", INT, REAL,
            INT, REAL, REAL_BUFFER, REAL_BUFFER, REAL_BUFFER);
    private static final KernelSignature ENERGY_SUMS = KernelSignature.of(PROGRAM, "energy_sums", INT, INT, INT, INT,
            REAL, INT_BUFFER, REAL_BUFFER, REAL_BUFFER, REAL_BUFFER);
    private static final KernelSignature FORCE_SUMS = KernelSignature.of(PROGRAM, "force_sums", INT, INT, INT, INT,
            REAL, REAL_BUFFER, REAL_BUFFER, REAL_BUFFER);
    private static final KernelSignature COMBINE = KernelSignature.of(PROGRAM, "loss_combine", INT, INT, REAL, REAL,
            REAL_BUFFER, REAL_BUFFER, REAL_BUFFER);

    private final Device device;
    private final KernelLauncher launcher;

    KernelEnergyForceLossOp(Device device, KernelLauncher launcher, DType dtype) {
        super(device, dtype);
        this.device = device;
        this.launcher = launcher;
    }

    /** A REAL scalar argument travels in the op's precision. */
    private Object real(double value) {
        return dtype() == DType.FLOAT64 ? (Object) value : (Object) (float) value;
    }

    @Override
    void runEvaluate(LossSettings settings, DeviceBuffer numAtoms, DeviceBuffer predEnergy, DeviceBuffer refEnergy,
            DeviceBuffer predForces, DeviceBuffer refForces, DeviceBuffer gradEnergy, DeviceBuffer gradForces,
            DeviceBuffer sums, int structures, int components) {
        int huber = settings.huber() ? 1 : 0;
        // The kernels never read δ without the Huber flag; 0 keeps NaN out of the argument list.
        Object delta = real(settings.huber() ? settings.huberDelta() : 0);
        launcher.launch(ENERGY_GRADIENT, dtype(), structures, structures, real(settings.energyWeight()), huber, delta,
                numAtoms, predEnergy, refEnergy, gradEnergy);
        launcher.launch(FORCE_GRADIENT, dtype(), components, components, real(settings.forcesWeight()), huber, delta,
                predForces, refForces, gradForces);
        try (DeviceBuffer energy = device.allocate(dtype(), SUMS_PER_SAMPLE);
                DeviceBuffer force = device.allocate(dtype(), SUMS_PER_SAMPLE)) {
            BatchReduction.run(device, launcher, PROGRAM, dtype(), structures, SUMS_PER_SAMPLE, energy,
                    (items, slices, chunk, partial) -> launcher.launch(ENERGY_SUMS, dtype(), items, structures,
                            slices, chunk, huber, delta, numAtoms, predEnergy, refEnergy, partial));
            BatchReduction.run(device, launcher, PROGRAM, dtype(), components, SUMS_PER_SAMPLE, force,
                    (items, slices, chunk, partial) -> launcher.launch(FORCE_SUMS, dtype(), items, components,
                            slices, chunk, huber, delta, predForces, refForces, partial));
            launcher.launch(COMBINE, dtype(), 1, structures, components, real(settings.energyWeight()),
                    real(settings.forcesWeight()), energy, force, sums);
        }
    }
}
