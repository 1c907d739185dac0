package org.equikern.ops.tensorproduct;

import org.equikern.device.Device;
import org.equikern.runtime.Devices;

/** The tensor-product contract on the Java device (argument checks and host buffers). */
class JavaTensorProductOpTest extends TensorProductOpContract {
    @Override
    protected Device openDevice() {
        return Devices.open("java");
    }
}
