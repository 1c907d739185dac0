package org.equikern.ops.tensorproduct;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.equikern.device.kernel.KernelLauncher;
import org.equikern.device.kernel.StubLauncher;
import org.equikern.group.IrrepsLayout;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Which kernels an op takes: the property's choice, else generated on GPUs that compile at run time. */
class KernelPathTest {
    private String before;

    private static KernelLauncher launcher(boolean hostCpu, String unavailable) {
        return StubLauncher.of(hostCpu, unavailable);
    }

    @BeforeEach
    void clearProperty() {
        before = System.getProperty(KernelPath.PROPERTY);
        System.clearProperty(KernelPath.PROPERTY);
    }

    @AfterEach
    void restoreProperty() {
        if (before == null) System.clearProperty(KernelPath.PROPERTY); else System.setProperty(KernelPath.PROPERTY, before);
    }

    @Test
    void byDefaultGpusThatCompileTakeTheGeneratedKernels() {
        assertEquals(KernelPath.GENERATED, KernelPath.choose(launcher(false, null), "gpu"));
        assertEquals(KernelPath.TABLES, KernelPath.choose(launcher(true, null), "pocl"));
        assertEquals(KernelPath.TABLES, KernelPath.choose(launcher(false, "no NVRTC"), "cuda:0"));
    }

    @Test
    void irMulOpsTakeTheGeneratedKernelsWhereverTheyCompile() {
        assertEquals(KernelPath.GENERATED, KernelPath.choose(launcher(true, null), "pocl", IrrepsLayout.IR_MUL));
        assertEquals(KernelPath.TABLES, KernelPath.choose(launcher(true, null), "pocl", IrrepsLayout.MUL_IR));
        assertEquals(KernelPath.TABLES, KernelPath.choose(launcher(false, "no NVRTC"), "cuda:0",
                IrrepsLayout.IR_MUL));
        System.setProperty(KernelPath.PROPERTY, "tables");
        assertEquals(KernelPath.TABLES, KernelPath.choose(launcher(true, null), "pocl", IrrepsLayout.IR_MUL));
    }

    @Test
    void thePropertyForcesEitherPath() {
        System.setProperty(KernelPath.PROPERTY, "generated");
        assertEquals(KernelPath.GENERATED, KernelPath.choose(launcher(true, null), "pocl"));
        System.setProperty(KernelPath.PROPERTY, "tables");
        assertEquals(KernelPath.TABLES, KernelPath.choose(launcher(false, null), "gpu"));
    }

    @Test
    void forcingGeneratedKernelsWhereNoneCompileSaysWhy() {
        System.setProperty(KernelPath.PROPERTY, "generated");
        String message = assertThrows(IllegalStateException.class,
                () -> KernelPath.choose(launcher(false, "libnvrtc.so.12 not found"), "cuda:0")).getMessage();
        assertEquals("equikern.kernels=generated, but device cuda:0 cannot compile generated kernels: "
                + "libnvrtc.so.12 not found", message);
    }

    @Test
    void anUnknownPathIsRejected() {
        System.setProperty(KernelPath.PROPERTY, "fastest");
        String message = assertThrows(IllegalArgumentException.class,
                () -> KernelPath.choose(launcher(false, null), "gpu")).getMessage();
        assertEquals("unknown equikern.kernels 'fastest'; known: generated, tables", message);
    }
}
