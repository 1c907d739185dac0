package org.equikern.runtime;

import org.equikern.device.DType;
import org.equikern.device.DeviceBuffer;
import org.equikern.device.MemoryScope;

/** Moves host arrays (double[] or float[], chosen by type; null passes through) to and from a device. */
final class HostTransfer {
    private HostTransfer() {
    }

    static DeviceBuffer upload(MemoryScope scope, Object array) {
        if (array == null) return null;
        return array instanceof double[] ? scope.upload((double[]) array) : scope.upload((float[]) array);
    }

    static DeviceBuffer allocateLike(MemoryScope scope, Object array) {
        if (array == null) return null;
        return array instanceof double[] ? scope.allocate(DType.FLOAT64, ((double[]) array).length)
                : scope.allocate(DType.FLOAT32, ((float[]) array).length);
    }

    static void download(DeviceBuffer buffer, Object array) {
        if (buffer == null) return;
        if (array instanceof double[]) buffer.copyTo((double[]) array);
        else buffer.copyTo((float[]) array);
    }
}
