package org.equikern.nativeloader;

import org.jocl.CL;

/** Kind of an OpenCL device, from {@code CL_DEVICE_TYPE}. */
public enum OpenClDeviceType {
    CPU,
    GPU,
    ACCELERATOR,
    OTHER;

    static OpenClDeviceType fromBits(long bits) {
        if ((bits & CL.CL_DEVICE_TYPE_GPU) != 0) return GPU;
        if ((bits & CL.CL_DEVICE_TYPE_ACCELERATOR) != 0) return ACCELERATOR;
        if ((bits & CL.CL_DEVICE_TYPE_CPU) != 0) return CPU;
        return OTHER;
    }
}
