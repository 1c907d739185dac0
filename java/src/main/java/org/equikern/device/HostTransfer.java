package org.equikern.device;

/** Moves host arrays (double[] or float[], chosen by type; null passes through) to and from a device. */
public final class HostTransfer {
    private HostTransfer() {
    }

    public static DeviceBuffer upload(MemoryScope scope, Object array) {
        if (array == null) return null;
        return array instanceof double[] ? scope.upload((double[]) array) : scope.upload((float[]) array);
    }

    public static DeviceBuffer allocateLike(MemoryScope scope, Object array) {
        if (array == null) return null;
        return array instanceof double[] ? scope.allocate(DType.FLOAT64, ((double[]) array).length)
                : scope.allocate(DType.FLOAT32, ((float[]) array).length);
    }

    public static void download(DeviceBuffer buffer, Object array) {
        if (buffer == null) return;
        if (array instanceof double[]) buffer.copyTo((double[]) array);
        else buffer.copyTo((float[]) array);
    }
}
