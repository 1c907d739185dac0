package org.equikern.ops.pelican;

import org.equikern.device.Device;
import org.equikern.runtime.Devices;

/** PELICAN's aggregation maps on the OpenCl device (PoCL here); runs for real, never skips. */
class OpenClPelicanAggregationOpTest extends PelicanAggregationOpContract {
    @Override
    protected Device openDevice() {
        return Devices.open("opencl:0");
    }
}
