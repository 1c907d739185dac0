package org.equikern.bench;

import org.equikern.device.DType;
import org.equikern.device.Device;
import org.equikern.device.DeviceBuffer;
import org.equikern.device.opencl.OpenClDevice;
import org.equikern.ops.tensorproduct.TensorProductOp;
import org.equikern.runtime.Devices;
import org.equikern.tp.Plan;

/**
 * One tensor-product workload on one device, ready to time: seeded inputs uploaded and outputs
 * allocated once, so a call runs kernels only. Calls return when the device has finished, so
 * asynchronous backends are timed to completion.
 */
final class TensorProductFixture implements AutoCloseable {
    private final Device device;
    private final TensorProductOp op;
    private final int batch;
    private final DeviceBuffer x1;
    private final DeviceBuffer x2;
    private final DeviceBuffer weights;
    private final DeviceBuffer out;
    private final DeviceBuffer gradOut;
    private final DeviceBuffer gradX1;
    private final DeviceBuffer gradX2;
    private final DeviceBuffer gradWeights;

    TensorProductFixture(Workload workload, String backend, DType dtype, double scale) {
        Plan plan = workload.plan();
        batch = workload.batch(scale);
        long weightLength = plan.sharedWeights() ? plan.weightNumel() : (long) batch * plan.weightNumel();
        device = Devices.open(backend);
        try {
            op = TensorProductOp.on(device, plan);
            x1 = Precision.upload(device, dtype, 1, (long) batch * plan.dim1());
            x2 = Precision.upload(device, dtype, 2, (long) batch * plan.dim2());
            weights = Precision.upload(device, dtype, 3, weightLength);
            gradOut = Precision.upload(device, dtype, 4, (long) batch * plan.dimOut());
            out = device.allocate(dtype, (long) batch * plan.dimOut());
            gradX1 = device.allocate(dtype, (long) batch * plan.dim1());
            gradX2 = device.allocate(dtype, (long) batch * plan.dim2());
            gradWeights = device.allocate(dtype, weightLength);
        } catch (RuntimeException | Error e) {
            device.close();
            throw e;
        }
    }

    /** {@code out = TP(x1, x2, w)}. */
    void forward() {
        op.forward(x1, x2, weights, out, batch);
        finish();
    }

    /** The forward pass, then the gradients of x1, x2 and the weights, as one training step needs. */
    void forwardBackward() {
        op.forward(x1, x2, weights, out, batch);
        op.backward(x1, x2, weights, gradOut, gradX1, gradX2, gradWeights, batch);
        finish();
    }

    private void finish() {
        DeviceSync.finish(device);
    }

    /** Closes the op, then the device with every buffer it holds. */
    @Override
    public void close() {
        try {
            op.close();
        } finally {
            device.close();
        }
    }
}
