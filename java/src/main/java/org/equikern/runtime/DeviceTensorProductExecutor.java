package org.equikern.runtime;

import org.equikern.device.Device;
import org.equikern.device.DeviceBuffer;
import org.equikern.device.MemoryScope;
import org.equikern.group.IrrepsLayout;
import org.equikern.ops.tensorproduct.TensorProductOp;
import org.equikern.tp.Plan;
import org.equikern.tp.TensorProductArguments;
import org.equikern.tp.TensorProductExecutor;

/**
 * Runs a plan on a device for callers holding host arrays: each call uploads its inputs into a
 * {@link MemoryScope}, launches the device's {@link TensorProductOp} and copies the outputs back,
 * so nothing stays allocated between calls. Callers who keep data on the device use the op
 * directly. Close it to free the op's tables.
 */
public final class DeviceTensorProductExecutor implements TensorProductExecutor, AutoCloseable {
    private final TensorProductOp op;

    /**
     * An executor of {@code plan} on {@code device}, with the op's tables uploaded now.
     *
     * @param device the device
     * @param plan the plan
     * @throws IllegalStateException when the device is closed
     */
    public DeviceTensorProductExecutor(Device device, Plan plan) {
        this(device, plan, IrrepsLayout.MUL_IR);
    }

    /**
     * An executor of {@code plan} on {@code device} whose callers hold the irreps arrays
     * ({@code x1}, {@code x2}, {@code out}, {@code gradOut} and the input gradients) in
     * {@code layout}, with the op's tables uploaded now.
     *
     * @param device the device
     * @param plan the plan
     * @param layout the layout of the irreps arrays
     * @throws IllegalArgumentException when {@code layout} is null
     * @throws IllegalStateException when the device is closed
     */
    public DeviceTensorProductExecutor(Device device, Plan plan, IrrepsLayout layout) {
        this.op = TensorProductOp.on(device, plan, layout);
    }

    @Override
    public Plan plan() {
        return op.plan();
    }

    /**
     * The device-side operation this executor drives.
     *
     * @return the op
     */
    public TensorProductOp op() {
        return op;
    }

    @Override
    public void forward(double[] x1, double[] x2, double[] weights, double[] out, int batch) {
        runForward(x1, x2, weights, out, batch);
    }

    @Override
    public void forward(float[] x1, float[] x2, float[] weights, float[] out, int batch) {
        runForward(x1, x2, weights, out, batch);
    }

    @Override
    public void backward(double[] x1, double[] x2, double[] weights, double[] gradOut, double[] gradX1,
            double[] gradX2, double[] gradWeights, int batch) {
        runBackward(x1, x2, weights, gradOut, gradX1, gradX2, gradWeights, batch);
    }

    @Override
    public void backward(float[] x1, float[] x2, float[] weights, float[] gradOut, float[] gradX1, float[] gradX2,
            float[] gradWeights, int batch) {
        runBackward(x1, x2, weights, gradOut, gradX1, gradX2, gradWeights, batch);
    }

    /** Host arrays are double[] or float[] throughout one call; null stays null. */
    private void runForward(Object x1, Object x2, Object weights, Object out, int batch) {
        TensorProductArguments.checkForward(op.plan(), x1, x2, weights, out, batch);
        try (MemoryScope scope = op.device().openScope()) {
            DeviceBuffer result = HostTransfer.allocateLike(scope, out);
            op.forward(HostTransfer.upload(scope, x1), HostTransfer.upload(scope, x2),
                    HostTransfer.upload(scope, weights), result, batch);
            HostTransfer.download(result, out);
        }
    }

    private void runBackward(Object x1, Object x2, Object weights, Object gradOut, Object gradX1, Object gradX2,
            Object gradWeights, int batch) {
        TensorProductArguments.checkBackward(op.plan(), x1, x2, weights, gradOut, gradX1, gradX2, gradWeights, batch);
        try (MemoryScope scope = op.device().openScope()) {
            DeviceBuffer g1 = HostTransfer.allocateLike(scope, gradX1);
            DeviceBuffer g2 = HostTransfer.allocateLike(scope, gradX2);
            DeviceBuffer gw = HostTransfer.allocateLike(scope, gradWeights);
            op.backward(HostTransfer.upload(scope, x1), HostTransfer.upload(scope, x2),
                    HostTransfer.upload(scope, weights), HostTransfer.upload(scope, gradOut), g1, g2, gw, batch);
            HostTransfer.download(g1, gradX1);
            HostTransfer.download(g2, gradX2);
            HostTransfer.download(gw, gradWeights);
        }
    }

    @Override
    public void close() {
        op.close();
    }
}
