package org.equikern.nativeloader;

import static jcuda.driver.CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR;
import static jcuda.driver.CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR;
import static jcuda.driver.CUdevice_attribute.CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT;

import java.util.ArrayList;
import java.util.List;
import jcuda.CudaException;
import jcuda.driver.CUdevice;
import jcuda.driver.JCudaDriver;

/**
 * The JCuda half of {@link CudaProbe}: every class that names a JCuda type is here, so the probe
 * itself links without JCuda on the class path. Never throws.
 */
final class CudaDriverQuery {
    private CudaDriverQuery() {}

    static ProbeResult<CudaDeviceInfo> probe() {
        try {
            JCudaDriver.setExceptionsEnabled(true);
            JCudaDriver.cuInit(0);
            return listDevices();
        } catch (LinkageError e) {
            return ProbeResult.unavailable(CudaProbe.linkFailure(e));
        } catch (CudaException e) {
            return ProbeResult.unavailable("the CUDA driver failed to start: " + e.getMessage()
                    + " (check nvidia-smi; the driver may be older than CUDA 12 or the GPU may be hidden)");
        } catch (RuntimeException e) {
            return ProbeResult.unavailable("CUDA probe failed: " + e);
        }
    }

    private static ProbeResult<CudaDeviceInfo> listDevices() {
        int[] count = new int[1];
        JCudaDriver.cuDeviceGetCount(count);
        if (count[0] == 0) {
            return ProbeResult.unavailable("the NVIDIA driver is installed but reports no CUDA device");
        }
        List<CudaDeviceInfo> devices = new ArrayList<>();
        for (int ordinal = 0; ordinal < count[0]; ordinal++) {
            CUdevice device = new CUdevice();
            JCudaDriver.cuDeviceGet(device, ordinal);
            byte[] name = new byte[256];
            JCudaDriver.cuDeviceGetName(name, name.length, device);
            long[] memory = new long[1];
            JCudaDriver.cuDeviceTotalMem(memory, device);
            devices.add(new CudaDeviceInfo(ordinal, NativeStrings.fromCString(name),
                    attribute(device, CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR),
                    attribute(device, CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR),
                    memory[0],
                    attribute(device, CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT)));
        }
        return CudaProbe.decide(devices, CudaArchitectures.minimum());
    }

    private static int attribute(CUdevice device, int attribute) {
        int[] value = new int[1];
        JCudaDriver.cuDeviceGetAttribute(value, attribute, device);
        return value[0];
    }
}
