package org.equikern.ops.harmonics;

import static org.equikern.device.kernel.KernelSignature.Param.INT;
import static org.equikern.device.kernel.KernelSignature.Param.INT_BUFFER;
import static org.equikern.device.kernel.KernelSignature.Param.REAL_BUFFER;

import org.equikern.device.DType;
import org.equikern.device.Device;
import org.equikern.device.DeviceBuffer;
import org.equikern.device.kernel.DeviceTables;
import org.equikern.device.kernel.KernelLauncher;
import org.equikern.device.kernel.KernelSignature;
import org.equikern.group.SphericalHarmonics;

/**
 * Spherical harmonics with the kernels of {@code kernels/common/spherical_harmonics.h}, on OpenCL
 * or CUDA, one work item per vector. The recursion tables of {@link SphericalHarmonics} are
 * uploaded once, when the op is made.
 */
final class KernelSphericalHarmonicsOp extends SphericalHarmonicsOp {
    private static final String PROGRAM = "spherical_harmonics";
    private static final KernelSignature SH_FORWARD = KernelSignature.of(PROGRAM, "sh_forward",
            INT, INT, INT, INT, INT_BUFFER, REAL_BUFFER, REAL_BUFFER, REAL_BUFFER, REAL_BUFFER);
    private static final KernelSignature SH_BACKWARD = KernelSignature.of(PROGRAM, "sh_backward",
            INT, INT, INT, INT, INT_BUFFER, REAL_BUFFER, REAL_BUFFER, REAL_BUFFER, REAL_BUFFER, REAL_BUFFER,
            REAL_BUFFER);

    private final KernelLauncher launcher;
    private final DeviceTables tables;
    private final DeviceBuffer term;
    private final DeviceBuffer coefficient;
    private final DeviceBuffer scale;
    private final int terms;

    KernelSphericalHarmonicsOp(Device device, KernelLauncher launcher, DType dtype,
            SphericalHarmonics harmonics) {
        super(device, dtype, harmonics);
        this.launcher = launcher;
        this.tables = new DeviceTables(device, dtype);
        try {
            int[] t = harmonics.recursionTerms();
            this.terms = t.length / 3;
            this.term = tables.ints(t);
            this.coefficient = tables.reals(harmonics.recursionCoefficients());
            this.scale = tables.reals(harmonics.componentScale());
        } catch (RuntimeException | Error e) {
            tables.close();
            throw e;
        }
    }

    @Override
    protected void runForward(DeviceBuffer vectors, DeviceBuffer out, int n) {
        launcher.launch(SH_FORWARD, dtype(), n, n, harmonics().dim(), terms, normalizeFlag(), term,
                coefficient, scale, vectors, out);
    }

    @Override
    protected void runBackward(DeviceBuffer vectors, DeviceBuffer gradOut, DeviceBuffer gradVectors,
            DeviceBuffer scratch, int n) {
        launcher.launch(SH_BACKWARD, dtype(), n, n, harmonics().dim(), terms, normalizeFlag(), term,
                coefficient, scale, vectors, gradOut, scratch, gradVectors);
    }

    private int normalizeFlag() {
        return harmonics().normalize() ? 1 : 0;
    }

    @Override
    protected void release() {
        tables.close();
    }
}
