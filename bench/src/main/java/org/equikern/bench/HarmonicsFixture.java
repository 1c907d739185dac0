package org.equikern.bench;

import org.equikern.device.DType;
import org.equikern.device.Device;
import org.equikern.device.DeviceBuffer;
import org.equikern.runtime.Devices;
import org.equikern.ops.harmonics.SphericalHarmonicsOp;
import org.equikern.group.SphericalHarmonics;

/**
 * A spherical-harmonics workload on a device op (the JMH {@link SphericalHarmonicsBenchmark} times
 * the host evaluator): seeded vectors uploaded once, so a call runs the kernel only.
 */
final class HarmonicsFixture implements AutoCloseable {
    private final Device device;
    private final SphericalHarmonicsOp op;
    private final int n;
    private final DeviceBuffer vectors;
    private final DeviceBuffer out;

    HarmonicsFixture(Workload workload, String backend, DType dtype, double scale) {
        SphericalHarmonics harmonics = workload.sphericalHarmonics();
        n = workload.batch(scale);
        device = Devices.open(backend);
        try {
            op = org.equikern.ops.harmonics.SphericalHarmonicsOp.on(device, harmonics, dtype);
            // Seed 5, as the JMH benchmark uses for its host vectors.
            vectors = Precision.upload(device, dtype, 5, 3L * n);
            out = device.allocate(dtype, Math.multiplyExact((long) n, harmonics.dim()));
        } catch (RuntimeException | Error e) {
            device.close();
            throw e;
        }
    }

    /** {@code out = Y(vectors)}, waited for. */
    void forward() {
        op.forward(vectors, out, n);
        DeviceSync.finish(device);
    }

    /** Closes the op, then the device with its buffers. */
    @Override
    public void close() {
        try {
            op.close();
        } finally {
            device.close();
        }
    }
}
