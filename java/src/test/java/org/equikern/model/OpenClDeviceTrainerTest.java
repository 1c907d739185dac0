package org.equikern.model;

/** {@link DeviceTrainerContract} with the steps on the first OpenCL device (PoCL here); runs for real, never skips. */
class OpenClDeviceTrainerTest extends DeviceTrainerContract {
    @Override
    protected String deviceName() {
        return "opencl:0";
    }
}
