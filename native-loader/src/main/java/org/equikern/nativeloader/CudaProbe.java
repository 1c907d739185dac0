package org.equikern.nativeloader;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Finds CUDA devices through the JCuda driver API, once, on first use, from any thread.
 *
 * <p>Never throws: without an NVIDIA driver {@code cuInit} fails to link {@code libcuda.so.1};
 * that, JCuda missing from the class path (it is optional) and every other failure become an
 * unavailable {@link ProbeResult} with a reason. Equikern runs JCuda with exceptions enabled; the
 * probe switches them on as its first call into JCuda.
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
        if (!ClassPath.has("jcuda.driver.JCudaDriver")) {
            return ProbeResult.unavailable("JCuda is not on the class path (org.jcuda:jcuda)");
        }
        return CudaDriverQuery.probe();
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

    private static String firstLine(String text) {
        int end = text.indexOf('\n');
        return end < 0 ? text : text.substring(0, end).trim();
    }
}
