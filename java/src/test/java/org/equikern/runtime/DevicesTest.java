package org.equikern.runtime;

import org.equikern.device.Device;
import org.equikern.device.DeviceDescription;
import org.equikern.device.DeviceKind;
import org.equikern.nativeloader.CudaDeviceInfo;
import org.equikern.nativeloader.CudaProbe;
import org.equikern.nativeloader.OpenClDeviceInfo;
import org.equikern.nativeloader.OpenClDeviceType;
import org.equikern.nativeloader.ProbeResult;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DevicesTest {
    private static final ProbeResult<CudaDeviceInfo> NO_CUDA = ProbeResult.unavailable("no driver");
    private static final ProbeResult<CudaDeviceInfo> ONE_CUDA =
            ProbeResult.available(List.of(new CudaDeviceInfo(0, "H100", 9, 0, 80L << 30, 132)));
    private static final ProbeResult<OpenClDeviceInfo> CPU_ONLY = ProbeResult.available(List.of(fake(OpenClDeviceType.CPU)));
    private static final ProbeResult<OpenClDeviceInfo> CPU_AND_GPU =
            ProbeResult.available(List.of(fake(OpenClDeviceType.CPU), fake(OpenClDeviceType.GPU)));

    private static OpenClDeviceInfo fake(OpenClDeviceType type) {
        return new OpenClDeviceInfo(null, null, "P", "D", type, "OpenCL C 1.2", true, true, 1L << 30, 4, 256);
    }

    @Test
    void explicitChoiceWinsThenGpusThenJava() {
        assertEquals("opencl:0", Devices.chooseDefault("opencl:0", "java", CPU_AND_GPU, ONE_CUDA));
        assertEquals("java", Devices.chooseDefault(" ", "java", CPU_AND_GPU, ONE_CUDA));
        assertEquals("cuda:0", Devices.chooseDefault(null, null, CPU_AND_GPU, ONE_CUDA));
        assertEquals("opencl:1", Devices.chooseDefault(null, "", CPU_AND_GPU, NO_CUDA));
        assertEquals("java", Devices.chooseDefault(null, null, CPU_ONLY, NO_CUDA));
    }

    @Test
    void gpusBelowTheKernelsArchitectureAreSkippedByTheDefaultAndRefusedByName() {
        CudaDeviceInfo v100 = new CudaDeviceInfo(0, "Tesla V100", 7, 0, 16L << 30, 80);
        CudaDeviceInfo t4 = new CudaDeviceInfo(1, "Tesla T4", 7, 5, 16L << 30, 40);
        ProbeResult<CudaDeviceInfo> oldThenNew = ProbeResult.available(List.of(v100, t4));
        assertEquals("cuda:1", Devices.chooseDefault(null, null, CPU_AND_GPU, oldThenNew));
        assertEquals("cuda:1", Devices.resolve("cuda", CPU_ONLY, oldThenNew));
        assertEquals("device 'cuda:0' (Tesla V100) is unavailable: compute capability 7.0 below the 7.5 the kernels "
                        + "are built for",
                assertThrows(IllegalStateException.class, () -> Devices.resolve("cuda:0", CPU_ONLY, oldThenNew))
                        .getMessage());
        ProbeResult<CudaDeviceInfo> onlyOld = ProbeResult.available(List.of(v100));
        assertEquals("opencl:1", Devices.chooseDefault(null, null, CPU_AND_GPU, onlyOld));
    }

    @Test
    void namesResolveToCanonicalDevices() {
        assertEquals("opencl:1", Devices.resolve("opencl", CPU_AND_GPU, NO_CUDA));
        assertEquals("opencl:0", Devices.resolve("opencl", CPU_ONLY, NO_CUDA));
        assertEquals("opencl:0", Devices.resolve(" opencl:0 ", CPU_AND_GPU, NO_CUDA));
        assertEquals("cuda:0", Devices.resolve("cuda", CPU_ONLY, ONE_CUDA));
        assertEquals("java", Devices.resolve("java", CPU_ONLY, NO_CUDA));
        assertEquals("unknown device 'opencl:2': opencl has 2 device(s), opencl:0 to opencl:1",
                assertThrows(IllegalArgumentException.class,
                        () -> Devices.resolve("opencl:2", CPU_AND_GPU, NO_CUDA)).getMessage());
        assertEquals("device 'cuda:0' is unavailable: no driver",
                assertThrows(IllegalStateException.class, () -> Devices.resolve("cuda:0", CPU_ONLY, NO_CUDA))
                        .getMessage());
    }

    @Test
    void unknownNamesListTheKnownOnes() {
        for (String name : new String[] {"cdua", "java:0", "OpenCL", "opencl:x", ""}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Devices.open(name));
            assertEquals("unknown device '" + name + "'; known: java, opencl, cuda", e.getMessage());
            assertEquals(e.getMessage(), assertThrows(IllegalArgumentException.class,
                    () -> Devices.checkName(name)).getMessage());
        }
    }

    @Test
    void checkingANameProbesNothing() {
        // cuda:7 does not exist here, but it is a name open accepts on a machine that has it.
        assertEquals("cuda:7", Devices.checkName(" cuda:7 "));
        assertEquals("opencl", Devices.checkName("opencl"));
        assertEquals("java", Devices.checkName("java"));
    }

    @Test
    void propertyPicksTheDefaultDevice() {
        String saved = System.getProperty(Devices.PROPERTY);
        try {
            System.setProperty(Devices.PROPERTY, "opencl:0");
            assertEquals("opencl:0", Devices.defaultDeviceName());
            try (Device device = Devices.defaultDevice()) {
                assertEquals("opencl:0", device.name());
                assertEquals(DeviceKind.OPENCL, device.kind());
            }
            System.setProperty(Devices.PROPERTY, "cdua");
            assertEquals("unknown device 'cdua'; known: java, opencl, cuda",
                    assertThrows(IllegalArgumentException.class, Devices::defaultDevice).getMessage());
            System.clearProperty(Devices.PROPERTY);
            String env = System.getenv(Devices.ENV);
            String expected = env != null && !env.isBlank() ? env.trim()
                    : CudaProbe.result().isAvailable() ? "cuda:0" : "java";
            assertEquals(expected, Devices.defaultDeviceName(), "PoCL is a CPU device and is never the default");
        } finally {
            if (saved == null) System.clearProperty(Devices.PROPERTY);
            else System.setProperty(Devices.PROPERTY, saved);
        }
    }

    @Test
    void listShowsEveryBackendWithCapabilitiesOrReason() {
        List<DeviceDescription> all = Devices.list();
        assertEquals("java", all.get(0).name());
        DeviceDescription pocl = all.stream().filter(d -> d.name().equals("opencl:0")).findFirst()
                .orElseThrow(() -> new AssertionError("no opencl:0 in " + all));
        assertTrue(pocl.available());
        assertTrue(pocl.describe().contains("Portable Computing Language"), pocl.describe());
        DeviceDescription cuda = all.stream().filter(d -> d.kind() == DeviceKind.CUDA).findFirst().orElseThrow();
        if (!cuda.available()) {
            assertEquals("cuda", cuda.name());
            assertTrue(cuda.describe().startsWith("cuda       unavailable: "), cuda.describe());
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> Devices.open("cuda"));
            assertEquals("device 'cuda' is unavailable: " + cuda.detail(), e.getMessage());
        }
        assertFalse(all.stream().anyMatch(d -> d.detail().isBlank()));
    }
}
