package org.equikern.device.opencl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.equikern.device.DType;
import org.equikern.device.DeviceBuffer;
import org.equikern.nativeloader.KernelResources;
import org.equikern.runtime.Devices;
import org.jocl.CL;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_kernel;
import org.jocl.cl_program;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Work items past 2^31 on PoCL: a probe kernel built on the packaged prelude is launched as one
 * item at a global offset above 2^31 and 2^32, and reports the id and the (row, column) that
 * {@code grid_item} derives from it, as every element kernel does. With a 32-bit id (the old
 * {@code (int) get_global_id(0)}) the id wraps negative and the row is wrong.
 */
class OpenClIndexingTest {
    private static final String PROBE = "KERNEL void index_probe(const int rows, const int cols, GLOBAL long *out) {\n"
            + "    int row = -1, col = -1;\n"
            + "    out[1] = grid_item(rows, cols, &row, &col);\n"
            + "    out[0] = GLOBAL_ID(0);\n"
            + "    out[2] = row;\n"
            + "    out[3] = col;\n"
            + "}\n";
    private static final int ROWS = 3_000_000;
    private static final int COLS = 4096;

    private static OpenClDevice device;

    @BeforeAll
    static void open() {
        device = (OpenClDevice) Devices.open("opencl:0");
    }

    @AfterAll
    static void close() {
        device.close();
    }

    /** {id, inside, row, col} for the single work item with global id {@code id}. */
    private static long[] probe(long id) {
        cl_program program = device.program(KernelResources.source("common/prelude.h") + PROBE, "");
        cl_kernel kernel = CL.clCreateKernel(program, "index_probe", null);
        try (DeviceBuffer out = device.allocate(DType.INT32, 8)) {
            CL.clSetKernelArg(kernel, 0, Sizeof.cl_int, Pointer.to(new int[] {ROWS}));
            CL.clSetKernelArg(kernel, 1, Sizeof.cl_int, Pointer.to(new int[] {COLS}));
            CL.clSetKernelArg(kernel, 2, Sizeof.cl_mem, Pointer.to(((OpenClBuffer) out).clMem()));
            CL.clEnqueueNDRangeKernel(device.queue(), kernel, 1, new long[] {id}, new long[] {1}, new long[] {1}, 0,
                    null, null);
            long[] result = new long[4];
            CL.clEnqueueReadBuffer(device.queue(), ((OpenClBuffer) out).clMem(), CL.CL_TRUE, 0, 4L * Long.BYTES,
                    Pointer.to(result), 0, null, null);
            return result;
        } finally {
            CL.clReleaseKernel(kernel);
        }
    }

    @Test
    void idsPast2To31And2To32SplitIntoTheRightRowAndColumn() {
        for (long id : new long[] {(3L << 30) + 7, (5L << 31) + 4099, (long) ROWS * COLS - 1}) {
            assertArrayEquals(new long[] {id, 1, id / COLS, id % COLS}, probe(id), "work item " + id);
        }
    }

    @Test
    void idsPastTheRangeAreRejectedByTheGuard() {
        long past = (long) ROWS * COLS + 5;
        assertArrayEquals(new long[] {past, 0, -1, -1}, probe(past));
    }

    @Test
    void launchesBeyondTheDeviceLimitNameTheKernelTheCountAndTheLimit() {
        OpenClKernel kernel = device.kernel("gather_scatter", DType.FLOAT32, "gather_rows");
        try (DeviceBuffer index = device.allocate(DType.INT32, 1); DeviceBuffer x = device.allocate(DType.FLOAT32, 1)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> kernel.launch(Long.MAX_VALUE, 1, 1, 1, index, x, x));
            assertEquals("kernel gather_rows: " + Long.MAX_VALUE + " work items, above the limit "
                    + kernel.maxWorkItems() + " of device opencl:0", e.getMessage());
        }
    }
}
