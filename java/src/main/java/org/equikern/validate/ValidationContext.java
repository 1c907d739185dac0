package org.equikern.validate;

import org.equikern.backend.java.JavaDevice;
import org.equikern.device.Device;
import org.equikern.device.DeviceTensorProductExecutor;
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
        this(new JavaDevice(), precision);
    }

    public Device device() {
        return device;
    }

    public Precision precision() {
        return precision;
    }

    /** An executor of {@code plan} on this context's device; the caller closes it. */
    public DeviceTensorProductExecutor tensorProduct(Plan plan) {
        return new DeviceTensorProductExecutor(device, plan);
    }
}
