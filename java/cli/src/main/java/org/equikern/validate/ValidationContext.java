package org.equikern.validate;

import org.equikern.device.DType;
import org.equikern.device.Device;
import org.equikern.device.DeviceBuffer;
import org.equikern.device.MemoryScope;
import org.equikern.runtime.DeviceTensorProductExecutor;
import org.equikern.runtime.Devices;
import org.equikern.tp.Plan;

/** Where and how a case is executed: the device and the precision. */
public final class ValidationContext {
    private final Device device;
    private final Precision precision;

    public ValidationContext(Device device, Precision precision) {
        this.device = device;
        this.precision = precision;
    }

    /** On the Java device, whose buffers live on the heap (nothing to close). */
    public ValidationContext(Precision precision) {
        this(Devices.open("java"), precision);
    }

    public Device device() {
        return device;
    }

    public Precision precision() {
        return precision;
    }

    /** The buffer type of this precision. */
    public DType dtype() {
        return precision == Precision.F64 ? DType.FLOAT64 : DType.FLOAT32;
    }

    /** Reference values on the device in this precision (rounded once to float for f32). */
    public DeviceBuffer upload(MemoryScope scope, double[] values) {
        if (precision == Precision.F64) return scope.upload(values);
        float[] rounded = new float[values.length];
        for (int i = 0; i < values.length; i++) rounded[i] = (float) values[i];
        return scope.upload(rounded);
    }

    /** An output buffer of this precision. */
    public DeviceBuffer allocate(MemoryScope scope, long length) {
        return scope.allocate(dtype(), length);
    }

    /** A result read back and widened to double for comparison. */
    public static double[] read(DeviceBuffer buffer) {
        if (buffer.dtype() == DType.FLOAT64) return buffer.toDoubleArray();
        float[] values = buffer.toFloatArray();
        double[] wide = new double[values.length];
        for (int i = 0; i < values.length; i++) wide[i] = values[i];
        return wide;
    }

    /** An executor of {@code plan} on this context's device; the caller closes it. */
    public DeviceTensorProductExecutor tensorProduct(Plan plan) {
        return new DeviceTensorProductExecutor(device, plan);
    }
}
