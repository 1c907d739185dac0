package org.equikern.device.opencl;

import static org.jocl.CL.CL_KERNEL_WORK_GROUP_SIZE;

import org.equikern.device.DeviceBuffer;
import org.equikern.device.kernel.WorkItems;
import org.jocl.CL;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_kernel;
import org.jocl.cl_program;

/**
 * One kernel of a built program, launched over a one-dimensional range. Launches of the same
 * kernel from several threads are serialized (its arguments are shared state).
 */
final class OpenClKernel {
    /** Largest work-group size we launch with; the kernel's and the device's limits may be lower. */
    static final long MAX_WORK_GROUP = 256;

    private final OpenClDevice device;
    private final String name;
    private final cl_kernel kernel;
    private final long workGroupSize;
    private final long maxWorkItems;

    OpenClKernel(OpenClDevice device, cl_program program, String name) {
        this.device = device;
        this.name = name;
        this.kernel = CL.clCreateKernel(program, name, null);
        long[] limit = new long[1];
        CL.clGetKernelWorkGroupInfo(kernel, device.info().deviceId(), CL_KERNEL_WORK_GROUP_SIZE, Sizeof.size_t,
                Pointer.to(limit), null);
        this.workGroupSize = Math.max(1, Math.min(MAX_WORK_GROUP, Math.min(limit[0], device.info().maxWorkGroupSize())));
        this.maxWorkItems = WorkItems.limit(device.addressableWorkItems(), workGroupSize);
    }

    public String name() {
        return name;
    }

    /** Work items per work group used by {@link #launch}. */
    public long workGroupSize() {
        return workGroupSize;
    }

    /** The most work items one launch may have: what the device addresses, in whole work groups. */
    public long maxWorkItems() {
        return maxWorkItems;
    }

    /**
     * Enqueues the kernel over {@code globalSize} work items, padded up to a multiple of the
     * work-group size (kernels guard their id). Does nothing when {@code globalSize} is 0.
     *
     * @throws IllegalArgumentException when {@code globalSize} is negative or above {@link #maxWorkItems()}
     *
     * @param args in kernel order: {@link OpenClBuffer}s of this device, {@link Integer},
     *     {@link Long}, {@link Float} or {@link Double}
     */
    public synchronized void launch(long globalSize, Object... args) {
        long padded = WorkItems.padded(name, globalSize, workGroupSize, maxWorkItems, device.name());
        for (int i = 0; i < args.length; i++) setArg(i, args[i]);
        if (globalSize == 0) return;
        CL.clEnqueueNDRangeKernel(device.queue(), kernel, 1, null, new long[] {padded}, new long[] {workGroupSize},
                0, null, null);
    }

    private void setArg(int index, Object arg) {
        if (arg instanceof DeviceBuffer) {
            DeviceBuffer buffer = (DeviceBuffer) arg;
            device.checkOwns(buffer);
            CL.clSetKernelArg(kernel, index, Sizeof.cl_mem, Pointer.to(((OpenClBuffer) buffer).clMem()));
        } else if (arg instanceof Integer) {
            CL.clSetKernelArg(kernel, index, Sizeof.cl_int, Pointer.to(new int[] {(Integer) arg}));
        } else if (arg instanceof Long) {
            CL.clSetKernelArg(kernel, index, Sizeof.cl_long, Pointer.to(new long[] {(Long) arg}));
        } else if (arg instanceof Float) {
            CL.clSetKernelArg(kernel, index, Sizeof.cl_float, Pointer.to(new float[] {(Float) arg}));
        } else if (arg instanceof Double) {
            CL.clSetKernelArg(kernel, index, Sizeof.cl_double, Pointer.to(new double[] {(Double) arg}));
        } else {
            throw new IllegalArgumentException("kernel " + name + " argument " + index + ": unsupported type "
                    + (arg == null ? "null" : arg.getClass().getName()));
        }
    }

    void release() {
        CL.clReleaseKernel(kernel);
    }
}
