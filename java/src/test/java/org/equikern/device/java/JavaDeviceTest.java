package org.equikern.device.java;

import org.equikern.device.Device;
import org.equikern.device.DeviceBuffer;
import org.equikern.device.DeviceContract;
import org.equikern.device.MemoryScope;
import org.equikern.ops.gatherscatter.GatherScatter;
import org.equikern.runtime.Devices;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class JavaDeviceTest extends DeviceContract {
    @Override
    protected Device openDevice() {
        return new JavaDevice();
    }

    @Override
    protected Device openOtherDevice() {
        return Devices.open("opencl:0");
    }

    @Test
    void indicesOutOfRangeAreReported() {
        try (MemoryScope scope = device.openScope()) {
            DeviceBuffer x = scope.upload(new double[] {1, 2});
            DeviceBuffer idx = scope.upload(new int[] {0, 2});
            DeviceBuffer out = scope.upload(new double[2]);
            IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class,
                    () -> GatherScatter.on(device).gatherRows(x, idx, out, 1));
            assertEquals("index[1] = 2 is outside [0, 2)", e.getMessage());
        }
    }

    @Test
    void closingTheDeviceClosesItsBuffers() {
        JavaDevice d = new JavaDevice();
        DeviceBuffer b = d.upload(new int[] {1});
        d.close();
        assertEquals(0, d.liveBufferCount());
        assertThrows(IllegalStateException.class, b::toIntArray);
        assertEquals("device java is closed",
                assertThrows(IllegalStateException.class, () -> d.upload(new int[] {1})).getMessage());
    }
}
