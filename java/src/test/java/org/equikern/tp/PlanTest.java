package org.equikern.tp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.equikern.group.Irreps;
import org.equikern.group.Wigner3j;
import org.junit.jupiter.api.Test;

/** The compiled plan: per-path data, e3nn weight offsets, the Wigner 3j nonzeros with the coefficient folded in. */
class PlanTest {
    @Test
    void pathsCarryOffsetsWeightsAndFoldedCouplings() {
        TensorProductSpec spec = TensorProductSpec.builder("2x0e+3x1o", "3x1o", "2x1o+1x2e+3x0e")
                .instruction(0, 0, 0, "uvw", true)
                .instruction(1, 0, 2, "uuu", false)
                .instruction(1, 0, 1, "u<vw", true, 0.5)
                .instruction(1, 0, 2, "uvu", true).build();
        Plan plan = spec.compile();
        assertEquals(11, plan.dim1());
        assertEquals(9, plan.dim2());
        assertEquals(6 + 5 + 3, plan.dimOut());
        int[] expectedWeightOffsets = {0, 12, 12, 15};
        int[] expectedWeightSizes = {12, 0, 3, 9};
        for (int n = 0; n < 4; n++) {
            PlanPath p = plan.paths().get(n);
            assertEquals(expectedWeightOffsets[n], p.weightOffset());
            assertEquals(expectedWeightSizes[n], p.weightSize());
            Wigner3j w3j = Wigner3j.of(p.in1Irrep().l(), p.in2Irrep().l(), p.outIrrep().l());
            assertEquals(w3j.nonZeroCount(), p.cgCount());
            for (int z = 0; z < p.cgCount(); z++) {
                assertEquals(w3j.nonZeroI(z), p.cgI(z));
                assertEquals(w3j.nonZeroK(z), p.cgK(z));
                assertEquals(w3j.nonZeroValue(z) * p.coefficient(), p.cgValue(z), 0.0);
            }
        }
        assertEquals(24, plan.weightNumel());
        // u<vw on 3 channels: pairs (0,1), (0,2), (1,2); uuu sends pair u to channel u, uvu pair p to p / mul2.
        assertEquals(3, plan.paths().get(2).pairCount());
        assertArrayEquals(new int[] {3, 1}, plan.paths().get(2).pathShape());
        assertEquals(0, plan.paths().get(1).pairTarget(0));
        assertArrayEquals(new int[] {0, 2, 1, 2, 3, 3}, plan.blocks(Plan.Operand.IN1));
        assertEquals(Irreps.parse("3x1o"), plan.irreps(Plan.Operand.IN2));
    }
}
