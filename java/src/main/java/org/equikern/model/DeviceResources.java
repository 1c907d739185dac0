package org.equikern.model;

import java.util.ArrayList;
import java.util.List;
import org.equikern.device.DType;
import org.equikern.device.Device;
import org.equikern.device.DeviceBuffer;
import org.equikern.device.MemoryScope;
import org.equikern.device.OpLifecycle;
import org.equikern.ops.axpy.AxpyOp;
import org.equikern.ops.gatherscatter.GatherScatter;
import org.equikern.train.Parameter;
import org.equikern.train.Parameters;

/**
 * What a {@link DevicePotential} keeps on its device for its whole life: the parameters, uploaded once in
 * the model's precision as one flat buffer ({@link DeviceParameters}), the layers' copies of them, the
 * constants, and the ops with their tables. Closing it closes the ops, then the buffers.
 */
final class DeviceResources implements AutoCloseable {
    private final Device device;
    private final DType dtype;
    private final MemoryScope parameters;
    private final List<OpLifecycle> ops = new ArrayList<>();
    private final AxpyOp axpy;
    private final GatherScatter rows;
    private final DeviceParameters flat;

    /** Uploads {@code parameters} to {@code device} in {@code dtype}. */
    DeviceResources(Device device, DType dtype, Parameters parameters) {
        this.device = device;
        this.dtype = dtype;
        this.parameters = device.openScope();
        this.axpy = own(AxpyOp.on(device, dtype));
        this.rows = own(GatherScatter.on(device));
        this.flat = new DeviceParameters(parameters, this.parameters, dtype, axpy);
    }

    Device device() {
        return device;
    }

    DType dtype() {
        return dtype;
    }

    /** {@code values} on the device in the model's precision, kept until {@link #close()}: a constant. */
    DeviceBuffer upload(double[] values) {
        return upload(parameters, dtype, values, 1);
    }

    /** The flat parameters and gradients. */
    DeviceParameters parameters() {
        return flat;
    }

    /**
     * A layer's weights: {@code factor · parameter}, kept equal to the flat values; a constant factor after a
     * linear map folds into its weights.
     */
    DeviceWeights weights(Parameter parameter, double factor) {
        return flat.bind(parameter, factor, parameters);
    }

    /** {@code factor · values} uploaded into {@code scope} in {@code dtype}, rounded once for FLOAT32. */
    static DeviceBuffer upload(MemoryScope scope, DType dtype, double[] values, double factor) {
        if (dtype == DType.FLOAT64) {
            double[] scaled = new double[values.length];
            for (int i = 0; i < scaled.length; i++) scaled[i] = factor * values[i];
            return scope.upload(scaled);
        }
        float[] rounded = new float[values.length];
        for (int i = 0; i < rounded.length; i++) rounded[i] = (float) (factor * values[i]);
        return scope.upload(rounded);
    }

    /** Takes ownership of {@code op}, closed with these resources; returns it. */
    <T extends OpLifecycle> T own(T op) {
        ops.add(op);
        return op;
    }

    /** {@code y ← y + x}, element by element, in the model's precision. */
    AxpyOp axpy() {
        return axpy;
    }

    /** Row gathers and segment sums. */
    GatherScatter rows() {
        return rows;
    }

    @Override
    public void close() {
        for (int i = ops.size() - 1; i >= 0; i--) ops.get(i).close();
        parameters.close();
    }
}
