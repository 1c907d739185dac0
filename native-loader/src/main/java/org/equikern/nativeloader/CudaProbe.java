package org.equikern.nativeloader;

import static jcuda.driver.CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR;
import static jcuda.driver.CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR;
import static jcuda.driver.CUdevice_attribute.CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import jcuda.CudaException;
import jcuda.driver.CUdevice;
import jcuda.driver.JCudaDriver;

/**
 * Finds CUDA devices through the JCuda driver API, once, on first use, from any thread.
 *
 * <p>Never throws: without an NVIDIA driver {@code cuInit} fails to link {@code libcuda.so.1};
 * that and every other failure become an unavailable {@link ProbeResult} with a reason. Equikern
 * runs JCuda with exceptions enabled; the probe switches them on as its first call into JCuda.
 */
public final class CudaProbe {
    private CudaProbe() {}

    private static final class Holder {
        static final ProbeResult<CudaDeviceInfo> RESULT = probe();
    }

    /** The probe result, computed on the first call and shared afterwards. */
    public static ProbeResult<CudaDeviceInfo> result() {
        return Holder.RESULT;
    }

    private static ProbeResult<CudaDeviceInfo> probe() {
        try {
            JCudaDriver.setExceptionsEnabled(true);
            JCudaDriver.cuInit(0);
            return listDevices();
        } catch (LinkageError e) {
            return ProbeResult.unavailable(linkFailure(e));
        } catch (CudaException e) {
            return ProbeResult.unavailable("the CUDA driver failed to start: " + e.getMessage()
                    + " (check nvidia-smi; the driver may be older than CUDA 12 or the GPU may be hidden)");
        } catch (RuntimeException e) {
            return ProbeResult.unavailable("CUDA probe failed: " + e);
        }
    }

    static String linkFailure(Throwable error) {
        String message = String.valueOf(error.getMessage());
        if (message.contains("libcuda")) {
            // JCuda's message carries nested stack traces: the reason stays one line.
            return "libcuda.so.1 not found: no NVIDIA driver is installed (install the NVIDIA driver "
                    + "to run on a CUDA GPU)";
        }
        return "JCuda native library not loadable on this platform: " + firstLine(error.toString());
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
        return decide(devices, CudaArchitectures.minimum());
    }

    /**
     * Available with all {@code devices} when at least one reaches compute capability
     * {@code minimum} (major·10 + minor); otherwise unavailable, naming each device and why.
     */
    static ProbeResult<CudaDeviceInfo> decide(List<CudaDeviceInfo> devices, int minimum) {
        if (devices.stream().anyMatch(d -> CudaArchitectures.unsupportedReason(d, minimum).isEmpty())) {
            return ProbeResult.available(devices);
        }
        return ProbeResult.unavailable("no CUDA device can run the kernels: " + devices.stream()
                .map(d -> "cuda:" + d.ordinal() + " " + d.name() + ": "
                        + CudaArchitectures.unsupportedReason(d, minimum).orElseThrow())
                .collect(Collectors.joining("; ")));
    }

    private static int attribute(CUdevice device, int attribute) {
        int[] value = new int[1];
        JCudaDriver.cuDeviceGetAttribute(value, attribute, device);
        return value[0];
    }

    private static String firstLine(String text) {
        int end = text.indexOf('\n');
        return end < 0 ? text : text.substring(0, end).trim();
    }
}
