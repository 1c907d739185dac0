package org.equikern.device.opencl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.equikern.device.DType;
import org.equikern.device.Device;
import org.equikern.device.DeviceBuffer;
import org.equikern.device.DeviceContract;
import org.equikern.device.KernelBuildException;
import org.equikern.device.java.JavaDevice;
import org.equikern.nativeloader.OpenClDeviceInfo;
import org.equikern.runtime.Devices;
import org.jocl.CL;
import org.jocl.Pointer;
import org.jocl.cl_mem;
import org.junit.jupiter.api.Test;

/** The device contract on the first OpenCL device (PoCL here); runs for real, never skips. */
class OpenClDeviceTest extends DeviceContract {
    @Override
    protected Device openDevice() {
        return Devices.open("opencl:0");
    }

    @Override
    protected Device openOtherDevice() {
        return new JavaDevice();
    }

    private OpenClDevice opencl() {
        return (OpenClDevice) device;
    }

    @Test
    void wrappedMemoryIsUsedInPlaceAndNotFreed() {
        cl_mem memory = CL.clCreateBuffer(opencl().context(), CL.CL_MEM_READ_WRITE, 5 * Float.BYTES, null, null);
        try {
            DeviceBuffer wrapped = opencl().wrap(memory, DType.FLOAT32, 4);
            assertEquals(1, device.liveBufferCount());
            assertTrue(((OpenClBuffer) wrapped).isWrapped());
            wrapped.copyFrom(new float[] {1, 2, 3, 4});
            wrapped.close();
            assertEquals(0, device.liveBufferCount());
            float[] back = new float[4];
            CL.clEnqueueReadBuffer(opencl().queue(), memory, CL.CL_TRUE, 0, 4 * Float.BYTES, Pointer.to(back), 0, null,
                    null);
            assertArrayEquals(new float[] {1, 2, 3, 4}, back);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> opencl().wrap(memory, DType.FLOAT64, 3));
            assertEquals("cl_mem of 20 bytes cannot hold FLOAT64[3] (24 bytes)", e.getMessage());
        } finally {
            CL.clReleaseMemObject(memory);
        }
    }

    @Test
    void programsAreCachedAndBuildErrorsCarryTheLog() {
        String source = "__kernel void k(__global float *a) { a[0] = 1.0f; }";
        assertSame(opencl().program(source, ""), opencl().program(source, ""));
        assertNotEquals(opencl().program(source, ""), opencl().program(source, "-DX=1"));
        assertSame(opencl().kernel("gather_scatter", DType.FLOAT32, "gather_rows"),
                opencl().kernel("gather_scatter", DType.FLOAT32, "gather_rows"));
        KernelBuildException e = assertThrows(KernelBuildException.class,
                () -> opencl().program("__kernel void broken(__global float *a) { a[0] = undefined_name; }", ""));
        assertTrue(e.getMessage().contains("undefined_name"), e.getMessage());
        assertTrue(e.getMessage().startsWith("OpenCL program failed to build on opencl:0"), e.getMessage());
    }

    @Test
    void packagedKernelsPadTheirRange() {
        OpenClKernel kernel = opencl().kernel("gather_scatter", DType.FLOAT64, "segment_sum_rows");
        assertTrue(kernel.workGroupSize() > 1 && 1000 % kernel.workGroupSize() != 0,
                "the contract's 1000-edge case must not be a multiple of the work-group size "
                        + kernel.workGroupSize());
    }

    @Test
    void float64IsRefusedWhereTheDeviceLacksIt() {
        OpenClDeviceInfo real = opencl().info();
        OpenClDeviceInfo noFp64 = new OpenClDeviceInfo(real.platformId(), real.deviceId(), real.platformName(),
                real.name(), real.type(), real.openClCVersion(), false, real.int64Atomics(), real.globalMemoryBytes(),
                real.computeUnits(), real.maxWorkGroupSize());
        try (OpenClDevice d = OpenClDevice.open("opencl:0", noFp64)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> d.allocate(DType.FLOAT64, 1));
            assertEquals("device opencl:0 does not support FLOAT64 (" + noFp64.describe()
                    + "); use FLOAT32 or another device", e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> d.upload(new double[1]));
            assertEquals(0, d.liveBufferCount());
        }
    }
}
