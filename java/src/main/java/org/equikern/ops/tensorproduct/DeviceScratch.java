package org.equikern.ops.tensorproduct;

import java.util.EnumMap;
import java.util.Map;
import org.equikern.device.DType;
import org.equikern.device.Device;
import org.equikern.device.DeviceBuffer;

/**
 * Device scratch buffers of one op, one per precision, grown to the largest length asked for and
 * reused. Launches on a device's queue run in order, so consecutive kernels can share one.
 */
final class DeviceScratch implements AutoCloseable {
    private final Device device;
    private final Map<DType, DeviceBuffer> buffers = new EnumMap<>(DType.class);

    DeviceScratch(Device device) {
        this.device = device;
    }

    /** A buffer of at least {@code length} (≥ 1) elements of {@code dtype}; its contents are undefined. */
    synchronized DeviceBuffer atLeast(DType dtype, long length) {
        DeviceBuffer buffer = buffers.get(dtype);
        if (buffer == null || buffer.length() < length) {
            if (buffer != null) buffer.close();
            buffer = device.allocate(dtype, length);
            buffers.put(dtype, buffer);
        }
        return buffer;
    }

    @Override
    public synchronized void close() {
        buffers.values().forEach(DeviceBuffer::close);
        buffers.clear();
    }
}
