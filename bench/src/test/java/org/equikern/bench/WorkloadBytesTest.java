package org.equikern.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The bytes model on workloads whose sizes are worked out by hand from their irreps. */
class WorkloadBytesTest {
    @Test
    void sharedWeightTensorProductCountsTheWeightsOncePerPass() {
        // 128x0e+128x1o (dim 512) ⊗ 0e+1o (dim 4) → 512; 4 paths of 128 × 128 weights = 65 536.
        long forward = 2000L * (512 + 4 + 512) + 65_536;
        assertEquals(4 * forward, WorkloadBytes.of(Workload.FCTP_UVW_128, false, 4, 1));
        // Backward reads x1, x2, w, gradOut and writes gradX1, gradX2, gradW.
        long backward = forward + 2000L * (512 + 4) + 65_536;
        assertEquals(4 * (forward + backward), WorkloadBytes.of(Workload.FCTP_UVW_128, true, 4, 1));
    }

    @Test
    void perItemWeightsScaleWithTheBatch() {
        // nequip_conv_uvu at scale 0.001: 20 items; dims 288 ⊗ 9 → 288; 352 weights per item.
        assertEquals(8L * 20 * (288 + 9 + 352 + 288), WorkloadBytes.of(Workload.NEQUIP_CONV_UVU, false, 8, 0.001));
    }

    @Test
    void convolutionCountsNodesEdgesAndTwoIndicesPerEdge() {
        // 20 000 edges on 1 000 nodes: x and out per node (288), attributes (9) and weights (352) per edge.
        long elements = 1000L * 288 + 20_000L * 9 + 20_000L * 352 + 1000L * 288;
        assertEquals(8 * elements + 4 * 2 * 20_000L, WorkloadBytes.of(Workload.FUSED_CONV, false, 8, 1));
    }

    @Test
    void harmonicsReadThreeComponentsAndWriteEveryHarmonic() {
        // l ≤ 6: 49 harmonics; the 196 MB output plus the 12 MB of float32 vectors.
        assertEquals(208_000_000L, WorkloadBytes.of(Workload.SH_LMAX6, false, 4, 1));
        assertEquals(196_000_000L, WorkloadBytes.output(Workload.SH_LMAX6, 4, 1));
        assertThrows(IllegalArgumentException.class, () -> WorkloadBytes.of(Workload.SH_LMAX6, true, 4, 1));
    }
}
