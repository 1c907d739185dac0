package org.equikern.device.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Which GEMM kernels an op takes by device type: CPU devices (PoCL) the kind the op measured faster
 * there (bench/results/GEMM-POCL.md), GPU device types the tiles; the property forces either.
 */
class GemmKernelsTest {
    private String before;

    @BeforeEach
    void clearProperty() {
        before = System.getProperty(GemmKernels.PROPERTY);
        System.clearProperty(GemmKernels.PROPERTY);
    }

    @AfterEach
    void restoreProperty() {
        if (before == null) System.clearProperty(GemmKernels.PROPERTY); else System.setProperty(GemmKernels.PROPERTY, before);
    }

    @Test
    void cpuDevicesTakeTheOpsFasterKindAndGpusTheTiles() {
        assertEquals(GemmKernels.ELEMENTS, GemmKernels.choose(StubLauncher.of(true, null), GemmKernels.ELEMENTS));
        assertEquals(GemmKernels.TILED, GemmKernels.choose(StubLauncher.of(true, null), GemmKernels.TILED));
        assertEquals(GemmKernels.TILED, GemmKernels.choose(StubLauncher.of(false, null), GemmKernels.ELEMENTS));
        assertEquals(GemmKernels.TILED, GemmKernels.choose(StubLauncher.of(false, "no NVRTC"), GemmKernels.ELEMENTS));
    }

    @Test
    void thePropertyForcesEitherAndRejectsOtherNames() {
        System.setProperty(GemmKernels.PROPERTY, "tiled");
        assertEquals(GemmKernels.TILED, GemmKernels.choose(StubLauncher.of(true, null), GemmKernels.ELEMENTS));
        System.setProperty(GemmKernels.PROPERTY, "elements");
        assertEquals(GemmKernels.ELEMENTS, GemmKernels.choose(StubLauncher.of(false, null), GemmKernels.TILED));
        System.setProperty(GemmKernels.PROPERTY, "cublas");
        assertEquals("unknown equikern.gemm.kernels 'cublas'; known: tiled, elements",
                assertThrows(IllegalArgumentException.class, () -> GemmKernels.choose(StubLauncher.of(false, null), GemmKernels.TILED))
                        .getMessage());
    }

    @Test
    void tiledLaunchesCoverWholeTiles() {
        // 65 rows × 33 columns: 2 × 2 tiles of 64 × 32, 256 items each
        assertEquals(4 * 256, GemmKernels.tiledWorkItems(65, 33));
        assertEquals(0, GemmKernels.tiledWorkItems(0, 33));
        assertThrows(ArithmeticException.class, () -> GemmKernels.tiledWorkItems(Long.MAX_VALUE - 64, 64));
    }
}
