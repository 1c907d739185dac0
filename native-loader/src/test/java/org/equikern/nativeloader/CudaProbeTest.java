package org.equikern.nativeloader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class CudaProbeTest {
    private static boolean driverInstalled() {
        return Stream.of("/usr/lib/x86_64-linux-gnu", "/usr/lib64", "/usr/lib", "/usr/local/nvidia/lib64")
                .anyMatch(dir -> Files.exists(Path.of(dir, "libcuda.so.1")));
    }

    @Test
    void reportsDevicesOrAReasonWithoutCrashing() {
        ProbeResult<CudaDeviceInfo> result = CudaProbe.result();
        if (result.isAvailable()) {
            for (CudaDeviceInfo device : result.devices()) {
                assertTrue(device.computeMajor() >= 1, device::describe);
                assertFalse(device.name().isEmpty());
            }
        } else {
            assertFalse(result.reason().isBlank());
            assertTrue(result.devices().isEmpty());
        }
        if (!driverInstalled()) {
            assertFalse(result.isAvailable());
            assertTrue(result.reason().startsWith("libcuda.so.1 not found: no NVIDIA driver is installed"),
                    result.reason());
        }
    }

    @Test
    void linkFailureWording() {
        assertEquals("libcuda.so.1 not found: no NVIDIA driver is installed (install the NVIDIA driver to run "
                        + "on a CUDA GPU)",
                CudaProbe.linkFailure(new UnsatisfiedLinkError("libcuda.so.1: cannot open shared object file")));
        assertTrue(CudaProbe.linkFailure(new UnsatisfiedLinkError("JCudaDriver-12.6.0-linux-ppc"))
                .startsWith("JCuda native library not loadable on this platform"));
    }
}
