package org.equikern.nativeloader;

import org.jocl.cl_device_id;
import org.jocl.cl_platform_id;

/**
 * One OpenCL device as reported by its driver.
 *
 * @param platformId native platform handle, for creating a context
 * @param deviceId native device handle, for creating a context
 * @param platformName platform name, e.g. "Portable Computing Language"
 * @param name device name
 * @param type CPU, GPU or accelerator
 * @param openClCVersion {@code CL_DEVICE_OPENCL_C_VERSION}, e.g. "OpenCL C 1.2 PoCL"
 * @param float64 whether {@code cl_khr_fp64} is supported
 * @param int64Atomics whether {@code cl_khr_int64_base_atomics} is supported (double atomic add)
 * @param globalMemoryBytes {@code CL_DEVICE_GLOBAL_MEM_SIZE}
 * @param computeUnits {@code CL_DEVICE_MAX_COMPUTE_UNITS}
 * @param maxWorkGroupSize {@code CL_DEVICE_MAX_WORK_GROUP_SIZE}
 */
public record OpenClDeviceInfo(
        cl_platform_id platformId,
        cl_device_id deviceId,
        String platformName,
        String name,
        OpenClDeviceType type,
        String openClCVersion,
        boolean float64,
        boolean int64Atomics,
        long globalMemoryBytes,
        int computeUnits,
        long maxWorkGroupSize) {

    /** One line for device listings: name, platform and capabilities. */
    public String describe() {
        return String.format("%s (%s, %s, %s, fp64 %s, %d MiB, %d compute units, work-group %d)",
                name, platformName, type, openClCVersion, float64 ? "yes" : "no",
                globalMemoryBytes >> 20, computeUnits, maxWorkGroupSize);
    }
}
