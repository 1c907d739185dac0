package org.equikern.ops.pelican;

import org.equikern.device.Device;
import org.equikern.runtime.Devices;

/** PELICAN's aggregation maps on the Java device. */
class JavaPelicanAggregationOpTest extends PelicanAggregationOpContract {
    @Override
    protected Device openDevice() {
        return Devices.open("java");
    }
}
