package org.equikern.device.opencl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.equikern.device.DType;
import org.equikern.device.DeviceBuffer;
import org.equikern.nativeloader.OpenClDeviceInfo;
import org.equikern.nativeloader.OpenClProbe;
import org.equikern.ops.gatherscatter.GatherScatter;
import org.jocl.CL;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_command_queue;
import org.jocl.cl_context;
import org.jocl.cl_device_id;
import org.jocl.cl_mem;
import org.junit.jupiter.api.Test;

/**
 * A device opened over a caller's own context and queue (as a framework would pass them): ops run
 * on the caller's memory in queue order, and closing the device leaves the caller's context and
 * queue usable.
 */
class OpenClWrappedQueueTest {
    @Test
    void runsOnTheCallersQueueAndLeavesItsContextAndQueueAlive() {
        OpenClDeviceInfo info = OpenClProbe.result().devices().get(0);
        cl_device_id id = info.deviceId();
        cl_context context = CL.clCreateContext(null, 1, new cl_device_id[] {id}, null, null, null);
        cl_command_queue queue = CL.clCreateCommandQueue(context, id, 0, null);
        cl_mem rows = CL.clCreateBuffer(context, CL.CL_MEM_READ_WRITE, 6 * Sizeof.cl_float, null, null);
        try {
            float[] x = {1, 2, 3, 4, 5, 6}; // 3 rows of width 2
            CL.clEnqueueWriteBuffer(queue, rows, CL.CL_TRUE, 0, 6 * Sizeof.cl_float, Pointer.to(x), 0, null, null);
            float[] gathered;
            try (OpenClDevice device = OpenClDevice.wrap(context, queue, id)) {
                assertEquals("opencl:0", device.name());
                DeviceBuffer wrapped = device.wrap(rows, DType.FLOAT32, 6);
                DeviceBuffer index = device.upload(new int[] {2, 0, 2, 1});
                DeviceBuffer out = device.allocate(DType.FLOAT32, 8);
                GatherScatter ops = GatherScatter.on(device);
                ops.gatherRows(wrapped, index, out, 2);
                gathered = out.toFloatArray();
            }
            assertArrayEquals(new float[] {5, 6, 1, 2, 5, 6, 3, 4}, gathered);
            // the caller's queue, context and memory still work after the device closed
            float[] back = new float[6];
            CL.clEnqueueReadBuffer(queue, rows, CL.CL_TRUE, 0, 6 * Sizeof.cl_float, Pointer.to(back), 0, null, null);
            assertArrayEquals(x, back);
            cl_mem more = CL.clCreateBuffer(context, CL.CL_MEM_READ_WRITE, 4, null, null);
            CL.clReleaseMemObject(more);
            CL.clFinish(queue);
        } finally {
            CL.clReleaseMemObject(rows);
            CL.clReleaseCommandQueue(queue);
            CL.clReleaseContext(context);
        }
    }

    @Test
    void aQueueOfAnotherContextIsRefused() {
        cl_device_id id = OpenClProbe.result().devices().get(0).deviceId();
        cl_context first = CL.clCreateContext(null, 1, new cl_device_id[] {id}, null, null, null);
        cl_context second = CL.clCreateContext(null, 1, new cl_device_id[] {id}, null, null, null);
        cl_command_queue queue = CL.clCreateCommandQueue(second, id, 0, null);
        try {
            assertEquals("the command queue belongs to another context or device than the one given",
                    assertThrows(IllegalArgumentException.class, () -> OpenClDevice.wrap(first, queue, id))
                            .getMessage());
        } finally {
            CL.clReleaseCommandQueue(queue);
            CL.clReleaseContext(second);
            CL.clReleaseContext(first);
        }
    }
}
