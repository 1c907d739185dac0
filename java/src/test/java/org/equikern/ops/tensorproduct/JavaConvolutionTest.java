package org.equikern.ops.tensorproduct;

import org.equikern.device.Device;
import org.equikern.runtime.Devices;

/** The fused convolution on the Java device (chunked gather, tensor product, scatter). */
class JavaConvolutionTest extends ConvolutionContract {
    @Override
    protected Device openDevice() {
        return Devices.open("java");
    }
}
