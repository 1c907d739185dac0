package org.equikern.nativeloader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The architecture list and the probe's decision on fabricated devices (no GPU needed). */
class CudaArchitecturesTest {
    private static CudaDeviceInfo gpu(int ordinal, String name, int major, int minor) {
        return new CudaDeviceInfo(ordinal, name, major, minor, 16L << 30, 80);
    }

    @Test
    void thePackagedListIsEveryCuda13ArchitectureFromSm75() {
        assertEquals(List.of(75, 80, 86, 89, 90, 100, 120), CudaArchitectures.capabilities());
        assertEquals(75, CudaArchitectures.minimum());
        assertEquals("sm_75, sm_80, sm_86, sm_89, sm_90, sm_100, sm_120 SASS and compute_75 PTX",
                CudaArchitectures.describe());
    }

    @Test
    void devicesBelowTheMinimumHaveAReason() {
        assertEquals(Optional.of("compute capability 7.0 below the 7.5 the kernels are built for"),
                CudaArchitectures.unsupportedReason(gpu(0, "Tesla V100", 7, 0)));
        assertEquals(Optional.of("compute capability 6.1 below the 7.5 the kernels are built for"),
                CudaArchitectures.unsupportedReason(gpu(0, "GTX 1080", 6, 1)));
        assertEquals(Optional.empty(), CudaArchitectures.unsupportedReason(gpu(0, "Tesla T4", 7, 5)));
        assertEquals(Optional.empty(), CudaArchitectures.unsupportedReason(gpu(0, "B200", 10, 0)));
    }

    @Test
    void theProbeIsAvailableWhenOneDeviceCanRunTheKernels() {
        List<CudaDeviceInfo> mixed = List.of(gpu(0, "Tesla V100", 7, 0), gpu(1, "A100", 8, 0));
        ProbeResult<CudaDeviceInfo> result = CudaProbe.decide(mixed, 75);
        assertTrue(result.isAvailable());
        assertEquals(mixed, result.devices(), "every device keeps its ordinal");
    }

    @Test
    void theProbeIsUnavailableWhenNoDeviceCan() {
        ProbeResult<CudaDeviceInfo> result =
                CudaProbe.decide(List.of(gpu(0, "Tesla V100", 7, 0), gpu(1, "Tesla P100", 6, 0)), 75);
        assertFalse(result.isAvailable());
        assertEquals("no CUDA device can run the kernels: cuda:0 Tesla V100: compute capability 7.0 below the 7.5 "
                + "the kernels are built for; cuda:1 Tesla P100: compute capability 6.0 below the 7.5 the kernels "
                + "are built for", result.reason());
    }

    @Test
    void malformedListsAreRejected() {
        assertEquals(List.of(75, 120), CudaArchitectures.parse("# comment\n12.0\n\n7.5\n"));
        assertThrows(KernelResourceException.class, () -> CudaArchitectures.parse("# nothing\n"));
        assertEquals("/org/equikern/nativeloader/cuda-architectures.txt: 'sm_75' is not a compute capability"
                + " major.minor",
                assertThrows(KernelResourceException.class, () -> CudaArchitectures.parse("sm_75")).getMessage());
    }
}
