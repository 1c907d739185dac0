package org.equikern.validate;

import org.equikern.device.DType;
import org.equikern.device.Device;
import org.equikern.device.DeviceBuffer;
import org.equikern.device.MemoryScope;
import org.equikern.group.Irreps;
import org.equikern.group.IrrepsLayout;
import org.equikern.runtime.DeviceTensorProductExecutor;
import org.equikern.runtime.Devices;
import org.equikern.tp.Plan;

/**
 * Where and how a case is executed: the device, the precision, and the irreps layout the ops are
 * made for. References are e3nn's ({@code mul_ir}); in {@code ir_mul} a kind converts the
 * reference's irreps inputs with {@link #toLayout} and its irreps results back with
 * {@link #fromLayout}, so the comparison is the same in both layouts.
 */
public final class ValidationContext {
    private final Device device;
    private final Precision precision;
    private final IrrepsLayout layout;

    public ValidationContext(Device device, Precision precision) {
        this(device, precision, IrrepsLayout.MUL_IR);
    }

    /** Ops made for {@code layout}, their irreps buffers converted from and to the references' {@code mul_ir}. */
    public ValidationContext(Device device, Precision precision, IrrepsLayout layout) {
        this.device = device;
        this.precision = precision;
        this.layout = layout;
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

    /** The layout of the ops' irreps inputs and outputs. */
    public IrrepsLayout layout() {
        return layout;
    }

    /** Reference values of {@code irreps} ({@code mul_ir} rows) as the op takes them, in this context's layout. */
    public double[] toLayout(Irreps irreps, double[] mulIr) {
        return IrrepsLayout.MUL_IR.convert(irreps, mulIr, layout);
    }

    /** Results of {@code irreps} in this context's layout, in {@code mul_ir} for comparison with the reference. */
    public double[] fromLayout(Irreps irreps, double[] values) {
        return layout.convert(irreps, values, IrrepsLayout.MUL_IR);
    }

    /** Reference rows of {@code irreps} on the device in this precision and layout. */
    public DeviceBuffer uploadFeatures(MemoryScope scope, Irreps irreps, double[] mulIr) {
        return upload(scope, toLayout(irreps, mulIr));
    }

    /** Rows of {@code irreps} read back in {@code mul_ir}, widened to double. */
    public double[] readFeatures(DeviceBuffer buffer, Irreps irreps) {
        return fromLayout(irreps, read(buffer));
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

    /** An executor of {@code plan} on this context's device, in its layout; the caller closes it. */
    public DeviceTensorProductExecutor tensorProduct(Plan plan) {
        return new DeviceTensorProductExecutor(device, plan, layout);
    }
}
