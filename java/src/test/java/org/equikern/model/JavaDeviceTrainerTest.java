package org.equikern.model;

/** {@link DeviceTrainerContract} with the steps on the Java device. */
class JavaDeviceTrainerTest extends DeviceTrainerContract {
    @Override
    protected String deviceName() {
        return "java";
    }
}
