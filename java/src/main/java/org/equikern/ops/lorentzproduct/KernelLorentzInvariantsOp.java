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
 * work item per (sample, channel) forward, one per (sample, component) backward. The bilinear
 * forms' tables (each channel's components, each component's partner and sign) are uploaded once,
 * when the op is made.
 */
final class KernelLorentzInvariantsOp extends LorentzInvariantsOp {
    private static final String PROGRAM = "lorentz_invariants";
    private static final KernelSignature FORWARD = KernelSignature.of(PROGRAM, "lorentz_invariants_forward",
            INT, INT, INT, INT_BUFFER, INT_BUFFER, REAL_BUFFER, REAL_BUFFER, REAL_BUFFER);
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
        int channels = invariants().channels();
        launcher.launch(FORWARD, dtype(), Math.multiplyExact((long) batch, channels), batch, channels,
                invariants().irreps().dim(), channelStart, partner, sign, x, out);
    }

    @Override
    protected void runBackward(DeviceBuffer x, DeviceBuffer gradOut, DeviceBuffer gradX, int batch) {
        int dim = invariants().irreps().dim();
        launcher.launch(BACKWARD, dtype(), Math.multiplyExact((long) batch, dim), batch, invariants().channels(),
                dim, channelOf, partner, sign, x, gradOut, gradX);
    }

    @Override
    protected void release() {
        tables.close();
    }
}
