package org.equikern.device;

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

    public DeviceTensorProductExecutor(Device device, Plan plan) {
        this.op = device.tensorProduct(plan);
    }

    @Override
    public Plan plan() {
        return op.plan();
    }

    /** The device-side operation this executor drives. */
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
            DeviceBuffer result = allocateLike(scope, out);
            op.forward(upload(scope, x1), upload(scope, x2), upload(scope, weights), result, batch);
            download(result, out);
        }
    }

    private void runBackward(Object x1, Object x2, Object weights, Object gradOut, Object gradX1, Object gradX2,
            Object gradWeights, int batch) {
        TensorProductArguments.checkBackward(op.plan(), x1, x2, weights, gradOut, gradX1, gradX2, gradWeights, batch);
        try (MemoryScope scope = op.device().openScope()) {
            DeviceBuffer g1 = allocateLike(scope, gradX1);
            DeviceBuffer g2 = allocateLike(scope, gradX2);
            DeviceBuffer gw = allocateLike(scope, gradWeights);
            op.backward(upload(scope, x1), upload(scope, x2), upload(scope, weights), upload(scope, gradOut), g1, g2,
                    gw, batch);
            download(g1, gradX1);
            download(g2, gradX2);
            download(gw, gradWeights);
        }
    }

    private static DeviceBuffer upload(MemoryScope scope, Object array) {
        if (array == null) return null;
        return array instanceof double[] ? scope.upload((double[]) array) : scope.upload((float[]) array);
    }

    private static DeviceBuffer allocateLike(MemoryScope scope, Object array) {
        if (array == null) return null;
        return array instanceof double[] ? scope.allocate(DType.FLOAT64, ((double[]) array).length)
                : scope.allocate(DType.FLOAT32, ((float[]) array).length);
    }

    private static void download(DeviceBuffer buffer, Object array) {
        if (buffer == null) return;
        if (array instanceof double[]) buffer.copyTo((double[]) array);
        else buffer.copyTo((float[]) array);
    }

    @Override
    public void close() {
        op.close();
    }
}
