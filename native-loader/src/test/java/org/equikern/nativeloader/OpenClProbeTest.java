package org.equikern.nativeloader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpenClProbeTest {
    /** PoCL is a required test dependency: without it this fails, it never skips. */
    @Test
    void findsThePoclCpuDeviceWithFloat64() {
        ProbeResult<OpenClDeviceInfo> result = OpenClProbe.result();
        assertTrue(result.isAvailable(), () -> "OpenCL must be available for the tests: " + result);
        OpenClDeviceInfo pocl = result.devices().stream()
                .filter(d -> d.platformName().equals(OpenClReasons.POCL_PLATFORM))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no PoCL device in " + result.devices()));
        assertEquals(OpenClDeviceType.CPU, pocl.type());
        assertTrue(pocl.float64(), pocl::describe);
        assertTrue(pocl.int64Atomics(), pocl::describe);
        assertTrue(pocl.openClCVersion().startsWith("OpenCL C 1.2"), pocl.openClCVersion());
        assertTrue(pocl.globalMemoryBytes() > 0);
        assertTrue(pocl.computeUnits() > 0);
        assertTrue(pocl.maxWorkGroupSize() > 0);
        assertTrue(pocl.describe().contains("fp64 yes"), pocl.describe());
    }

    @Test
    void probesOnce() {
        assertSame(OpenClProbe.result(), OpenClProbe.result());
    }

    @Test
    void unwritablePoclCacheIsNamed(@TempDir Path tmp) throws IOException {
        Path file = Files.writeString(tmp.resolve("plain-file"), "x");
        String reason = OpenClReasons.noDevices(List.of(OpenClReasons.POCL_PLATFORM),
                Map.of("POCL_CACHE_DIR", file.resolve("cache").toString()));
        assertEquals("PoCL found no devices: POCL_CACHE_DIR '" + file.resolve("cache")
                + "' is not writable; set POCL_CACHE_DIR to a writable folder", reason);
    }

    @Test
    void poclCacheFolderDefaultsAndWritability(@TempDir Path tmp) throws IOException {
        assertEquals(Path.of("/x/pocl"), OpenClReasons.poclCacheDir(Map.of("XDG_CACHE_HOME", "/x")));
        assertEquals(Path.of("/p"), OpenClReasons.poclCacheDir(Map.of("POCL_CACHE_DIR", "/p", "XDG_CACHE_HOME", "/x")));
        assertTrue(OpenClReasons.creatableOrWritable(tmp.resolve("not/yet/there")));
        Path file = Files.writeString(tmp.resolve("f"), "x");
        assertFalse(OpenClReasons.creatableOrWritable(file.resolve("sub")));
    }

    @Test
    void otherReasonsSayWhatToInstall() {
        assertTrue(OpenClReasons.noPlatform().startsWith("no OpenCL platform: install an ICD such as pocl-opencl-icd"));
        String link = OpenClReasons.linkFailure(new UnsatisfiedLinkError("libOpenCL.so: cannot open shared object file"));
        assertTrue(link.startsWith("libOpenCL.so not loadable: install ocl-icd-opencl-dev"), link);
        assertTrue(OpenClReasons.noDevices(List.of("Vendor X"), Map.of()).contains("[Vendor X] report no devices"));
    }
}
