package org.equikern.ops.layout;

import static org.equikern.device.kernel.KernelSignature.Param.INT;
import static org.equikern.device.kernel.KernelSignature.Param.INT_BUFFER;
import static org.equikern.device.kernel.KernelSignature.Param.REAL_BUFFER;

import java.util.EnumMap;
import java.util.Map;
import org.equikern.device.DType;
import org.equikern.device.Device;
import org.equikern.device.DeviceBuffer;
import org.equikern.device.kernel.DeviceTables;
import org.equikern.device.kernel.KernelLauncher;
import org.equikern.device.kernel.KernelSignature;
import org.equikern.group.Irreps;
import org.equikern.group.IrrepsLayout;

/**
 * {@link LayoutOp} with the kernel of {@code kernels/common/layout.h}: one work item per value,
 * gathering through a table of source positions ({@link IrrepsLayout#gatherTo}), one table per
 * source layout, uploaded when the op is made. A table keeps the kernel independent of the
 * irreps, so one program serves every op.
 */
final class KernelLayoutOp extends LayoutOp {
    private static final KernelSignature LAYOUT_GATHER = KernelSignature.of("layout", "layout_gather",
            INT, INT, INT_BUFFER, REAL_BUFFER, REAL_BUFFER);

    private final KernelLauncher launcher;
    private final DeviceTables tables;
    /** Per source layout: the gather to the other layout. */
    private final Map<IrrepsLayout, DeviceBuffer> gatherFrom = new EnumMap<>(IrrepsLayout.class);
    private final DeviceBuffer identity;

    KernelLayoutOp(Device device, KernelLauncher launcher, DType dtype, Irreps irreps) {
        super(device, dtype, irreps);
        this.launcher = launcher;
        this.tables = new DeviceTables(device, dtype);
        try {
            for (IrrepsLayout from : IrrepsLayout.values()) {
                gatherFrom.put(from, tables.ints(from.gatherTo(irreps, other(from))));
            }
            this.identity = tables.ints(IrrepsLayout.MUL_IR.gatherTo(irreps, IrrepsLayout.MUL_IR));
        } catch (RuntimeException | Error e) {
            tables.close();
            throw e;
        }
    }

    private static IrrepsLayout other(IrrepsLayout layout) {
        return layout == IrrepsLayout.MUL_IR ? IrrepsLayout.IR_MUL : IrrepsLayout.MUL_IR;
    }

    @Override
    protected void runConvert(DeviceBuffer src, IrrepsLayout from, DeviceBuffer dst, IrrepsLayout to, int rows) {
        int dim = irreps().dim();
        DeviceBuffer gather = from == to ? identity : gatherFrom.get(from);
        launcher.launch(LAYOUT_GATHER, dtype(), (long) rows * dim, rows, dim, gather, src, dst);
    }

    @Override
    protected void release() {
        tables.close();
    }
}
