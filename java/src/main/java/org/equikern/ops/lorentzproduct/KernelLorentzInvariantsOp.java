package org.equikern.ops.lorentzproduct;

import static org.equikern.device.kernel.KernelSignature.Param.INT;
import static org.equikern.device.kernel.KernelSignature.Param.INT_BUFFER;
import static org.equikern.device.kernel.KernelSignature.Param.REAL_BUFFER;

import org.equikern.device.DType;
import org.equikern.device.Device;
import org.equikern.device.DeviceBuffer;
import org.equikern.device.kernel.DeviceTables;
import org.equikern.device.kernel.KernelLauncher;
import org.equikern.device.kernel.KernelSignature;

/**
 * {@link LorentzInvariantsOp} with the kernels of {@code kernels/common/lorentz_invariants.h}: one
 * work item per (sample, channel) for a bilinear form, one per (sample, component) for a gradient;
 * the double backward is a gradient at the tangent and two bilinear forms. The bilinear
 * forms' tables (each channel's components, each component's partner and sign) are uploaded once,
 * when the op is made.
 */
final class KernelLorentzInvariantsOp extends LorentzInvariantsOp {
    private static final String PROGRAM = "lorentz_invariants";
    private static final KernelSignature BILINEAR = KernelSignature.of(PROGRAM, "lorentz_invariants_bilinear",
            INT, INT, INT, INT, INT_BUFFER, INT_BUFFER, REAL_BUFFER, REAL_BUFFER, REAL_BUFFER, REAL_BUFFER);
    private static final KernelSignature BACKWARD = KernelSignature.of(PROGRAM, "lorentz_invariants_backward",
            INT, INT, INT, INT_BUFFER, INT_BUFFER, REAL_BUFFER, REAL_BUFFER, REAL_BUFFER, REAL_BUFFER);

    private final KernelLauncher launcher;
    private final DeviceTables tables;
    private final DeviceBuffer channelStart;
    private final DeviceBuffer channelOf;
    private final DeviceBuffer partner;
    private final DeviceBuffer sign;

    KernelLorentzInvariantsOp(Device device, KernelLauncher launcher, DType dtype, LorentzInvariants invariants) {
        super(device, dtype, invariants);
        this.launcher = launcher;
        this.tables = new DeviceTables(device, dtype);
        try {
            channelStart = tables.ints(invariants.channelStart());
            channelOf = tables.ints(channelOf(invariants));
            partner = tables.ints(invariants.partner());
            sign = tables.reals(invariants.sign());
        } catch (RuntimeException | Error e) {
            tables.close();
            throw e;
        }
    }

    /** The channel of each component of a sample. */
    private static int[] channelOf(LorentzInvariants invariants) {
        int[] start = invariants.channelStart();
        int[] of = new int[invariants.irreps().dim()];
        for (int c = 0; c < invariants.channels(); c++) {
            for (int i = start[c]; i < start[c + 1]; i++) of[i] = c;
        }
        return of;
    }

    @Override
    protected void runForward(DeviceBuffer x, DeviceBuffer out, int batch) {
        bilinear(x, x, out, batch, false);
    }

    @Override
    protected void runBackward(DeviceBuffer x, DeviceBuffer gradOut, DeviceBuffer gradX, int batch) {
        int dim = invariants().irreps().dim();
        launcher.launch(BACKWARD, dtype(), Math.multiplyExact((long) batch, dim), batch, invariants().channels(),
                dim, channelOf, partner, sign, x, gradOut, gradX);
    }

    /** gradX is the backward at v; gradGradOut = B(v, x) + B(x, v), B's derivative at x along v. */
    @Override
    protected void runDoubleBackward(DeviceBuffer x, DeviceBuffer gradOut, DeviceBuffer v, DeviceBuffer gradX,
            DeviceBuffer gradGradOut, int batch) {
        runBackward(v, gradOut, gradX, batch);
        bilinear(v, x, gradGradOut, batch, false);
        bilinear(x, v, gradGradOut, batch, true);
    }

    /** out[s][c] (+)= Σ sign_i·a_i·b_partner(i) over channel c's components. */
    private void bilinear(DeviceBuffer a, DeviceBuffer b, DeviceBuffer out, int batch, boolean accumulate) {
        int channels = invariants().channels();
        launcher.launch(BILINEAR, dtype(), Math.multiplyExact((long) batch, channels), batch, channels,
                invariants().irreps().dim(), accumulate ? 1 : 0, channelStart, partner, sign, a, b, out);
    }

    @Override
    protected void release() {
        tables.close();
    }
}
