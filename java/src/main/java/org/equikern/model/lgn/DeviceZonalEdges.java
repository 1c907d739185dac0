package org.equikern.model.lgn;

import org.equikern.device.DType;
import org.equikern.device.Device;
import org.equikern.device.DeviceBuffer;
import org.equikern.device.DeviceOp;
import org.equikern.ops.Backends;

/**
 * {@link ZonalEdges} on a device: the edge features of listed pairs of particles, read from the
 * momenta where they already lie, so that a batch of jets uploads its momenta rather than its
 * edges. Layouts: momenta {@code [points][4]}, the pairs' particles {@code [pairs]} (indices into
 * the momenta), edges planar {@code [2][pairs][edgeIrreps.dim]}, overwritten.
 */
abstract class DeviceZonalEdges extends DeviceOp {
    private static final String CALL = "DeviceZonalEdges.compute";

    private final ZonalEdges zonal;

    DeviceZonalEdges(Device device, DType dtype, ZonalEdges zonal) {
        super(device, dtype);
        this.zonal = zonal;
    }

    /** The edges {@code zonal} on {@code device} in {@code dtype}. */
    static DeviceZonalEdges on(Device device, ZonalEdges zonal, DType dtype) {
        return Backends.select(device, "DeviceZonalEdges.on", java -> new JavaZonalEdges(java, dtype, zonal),
                kernel -> new KernelZonalEdges(kernel, kernel, dtype, zonal));
    }

    /** The edge features this op computes. */
    final ZonalEdges zonal() {
        return zonal;
    }

    /**
     * Writes the edge features of p[first[q]] − p[second[q]] into row q of {@code edges}.
     *
     * @throws IllegalArgumentException for negative counts or a buffer of another device, dtype or length
     */
    final void compute(DeviceBuffer momenta, int points, DeviceBuffer first, DeviceBuffer second,
            DeviceBuffer edges, int pairs) {
        checkOpen(CALL);
        checkCount(CALL, "points", points);
        checkCount(CALL, "pairs", pairs);
        checkBuffer(CALL, "momenta", momenta, Math.multiplyExact(4L, points), "4 · points");
        checkIndexBuffer(CALL, "first", first, pairs, "pairs");
        checkIndexBuffer(CALL, "second", second, pairs, "pairs");
        checkBuffer(CALL, "edges", edges, Math.multiplyExact(2L * pairs, zonal.irreps().dim()),
                "2 · pairs · edgeIrreps.dim");
        if (pairs > 0) run(CALL, () -> runCompute(momenta, first, second, edges, pairs));
    }

    /** {@link #compute} after validation ({@code pairs} ≥ 1). */
    abstract void runCompute(DeviceBuffer momenta, DeviceBuffer first, DeviceBuffer second, DeviceBuffer edges,
            int pairs);
}
