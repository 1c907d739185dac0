package org.equikern.nativeloader;

import static org.jocl.CL.CL_DEVICE_EXTENSIONS;
import static org.jocl.CL.CL_DEVICE_GLOBAL_MEM_SIZE;
import static org.jocl.CL.CL_DEVICE_MAX_COMPUTE_UNITS;
import static org.jocl.CL.CL_DEVICE_MAX_WORK_GROUP_SIZE;
import static org.jocl.CL.CL_DEVICE_NAME;
import static org.jocl.CL.CL_DEVICE_NOT_FOUND;
import static org.jocl.CL.CL_DEVICE_OPENCL_C_VERSION;
import static org.jocl.CL.CL_DEVICE_TYPE;
import static org.jocl.CL.CL_DEVICE_TYPE_ALL;
import static org.jocl.CL.CL_PLATFORM_NAME;
import static org.jocl.CL.CL_PLATFORM_NOT_FOUND_KHR;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jocl.CL;
import org.jocl.CLException;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_device_id;
import org.jocl.cl_platform_id;

/**
 * The JOCL half of {@link OpenClProbe}: every class that names a JOCL type is here, so the probe
 * itself links without JOCL on the class path. Never throws; the reasons say what to install.
 */
final class OpenClPlatformQuery {
    private OpenClPlatformQuery() {}

    static ProbeResult<OpenClDeviceInfo> probe() {
        try {
            CL.setExceptionsEnabled(true);
        } catch (LinkageError e) {
            return ProbeResult.unavailable(OpenClReasons.linkFailure(e));
        }
        try {
            return listDevices();
        } catch (LinkageError | RuntimeException e) {
            return ProbeResult.unavailable("OpenCL probe failed: " + e);
        }
    }

    private static ProbeResult<OpenClDeviceInfo> listDevices() {
        cl_platform_id[] platforms;
        try {
            int[] count = new int[1];
            CL.clGetPlatformIDs(0, null, count);
            platforms = new cl_platform_id[count[0]];
            if (count[0] > 0) CL.clGetPlatformIDs(count[0], platforms, null);
        } catch (CLException e) {
            if (e.getStatus() != CL_PLATFORM_NOT_FOUND_KHR) throw e;
            platforms = new cl_platform_id[0];
        }
        if (platforms.length == 0) {
            return ProbeResult.unavailable(OpenClReasons.noPlatform());
        }
        List<OpenClDeviceInfo> devices = new ArrayList<>();
        List<String> platformNames = new ArrayList<>();
        for (cl_platform_id platform : platforms) {
            String platformName = platformString(platform, CL_PLATFORM_NAME);
            platformNames.add(platformName);
            for (cl_device_id device : deviceIds(platform)) {
                devices.add(describe(platform, platformName, device));
            }
        }
        if (devices.isEmpty()) {
            return ProbeResult.unavailable(OpenClReasons.noDevices(platformNames, System.getenv()));
        }
        return ProbeResult.available(devices);
    }

    private static cl_device_id[] deviceIds(cl_platform_id platform) {
        try {
            int[] count = new int[1];
            CL.clGetDeviceIDs(platform, CL_DEVICE_TYPE_ALL, 0, null, count);
            cl_device_id[] ids = new cl_device_id[count[0]];
            if (count[0] > 0) CL.clGetDeviceIDs(platform, CL_DEVICE_TYPE_ALL, count[0], ids, null);
            return ids;
        } catch (CLException e) {
            if (e.getStatus() == CL_DEVICE_NOT_FOUND) return new cl_device_id[0];
            throw e;
        }
    }

    private static OpenClDeviceInfo describe(cl_platform_id platform, String platformName, cl_device_id device) {
        List<String> extensions = Arrays.asList(deviceString(device, CL_DEVICE_EXTENSIONS).split("\\s+"));
        return new OpenClDeviceInfo(
                platform,
                device,
                platformName,
                deviceString(device, CL_DEVICE_NAME),
                OpenClDeviceType.fromBits(deviceLong(device, CL_DEVICE_TYPE)),
                deviceString(device, CL_DEVICE_OPENCL_C_VERSION),
                extensions.contains("cl_khr_fp64"),
                extensions.contains("cl_khr_int64_base_atomics"),
                deviceLong(device, CL_DEVICE_GLOBAL_MEM_SIZE),
                deviceInt(device, CL_DEVICE_MAX_COMPUTE_UNITS),
                deviceSizeT(device, CL_DEVICE_MAX_WORK_GROUP_SIZE));
    }

    private static String platformString(cl_platform_id platform, int param) {
        long[] size = new long[1];
        CL.clGetPlatformInfo(platform, param, 0, null, size);
        byte[] bytes = new byte[(int) size[0]];
        CL.clGetPlatformInfo(platform, param, bytes.length, Pointer.to(bytes), null);
        return NativeStrings.fromCString(bytes);
    }

    private static String deviceString(cl_device_id device, int param) {
        long[] size = new long[1];
        CL.clGetDeviceInfo(device, param, 0, null, size);
        byte[] bytes = new byte[(int) size[0]];
        CL.clGetDeviceInfo(device, param, bytes.length, Pointer.to(bytes), null);
        return NativeStrings.fromCString(bytes);
    }

    private static long deviceLong(cl_device_id device, int param) {
        long[] value = new long[1];
        CL.clGetDeviceInfo(device, param, Sizeof.cl_ulong, Pointer.to(value), null);
        return value[0];
    }

    private static long deviceSizeT(cl_device_id device, int param) {
        long[] value = new long[1];
        CL.clGetDeviceInfo(device, param, Sizeof.size_t, Pointer.to(value), null);
        return value[0];
    }

    private static int deviceInt(cl_device_id device, int param) {
        int[] value = new int[1];
        CL.clGetDeviceInfo(device, param, Sizeof.cl_uint, Pointer.to(value), null);
        return value[0];
    }
}
