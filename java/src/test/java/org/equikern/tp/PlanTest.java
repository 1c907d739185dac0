package org.equikern.tp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.equikern.group.Irreps;
import org.equikern.group.Wigner3j;
import org.junit.jupiter.api.Test;

/** The compiled plan: per-path data, e3nn weight offsets, and the flat tables kernels read. */
class PlanTest {
    @Test
    void pathsAndFlatTablesAgree() {
        TensorProductSpec spec = TensorProductSpec.builder("2x0e+3x1o", "3x1o", "2x1o+1x2e+3x0e")
                .instruction(0, 0, 0, "uvw", true)
                .instruction(1, 0, 2, "uuu", false)
                .instruction(1, 0, 1, "u<vw", true, 0.5)
                .instruction(1, 0, 2, "uvu", true).build();
        Plan plan = spec.compile();
        assertEquals(11, plan.dim1());
        assertEquals(9, plan.dim2());
        assertEquals(6 + 5 + 3, plan.dimOut());
        int[] table = plan.pathTable();
        int[] cg = plan.cgIndices();
        double[] values = plan.cgValues();
        int[] targets = plan.pairTargets();
        assertEquals(4 * Plan.PATH_STRIDE, table.length);
        int[] expectedWeightOffsets = {0, 12, 12, 15};
        int[] expectedWeightSizes = {12, 0, 3, 9};
        for (int n = 0; n < 4; n++) {
            PlanPath p = plan.paths().get(n);
            int row = n * Plan.PATH_STRIDE;
            assertEquals(p.mode().ordinal(), table[row + Plan.PATH_MODE]);
            assertEquals(expectedWeightOffsets[n], table[row + Plan.PATH_WEIGHT_OFFSET]);
            assertEquals(expectedWeightSizes[n], table[row + Plan.PATH_WEIGHT_SIZE]);
            assertEquals(p.in1Offset(), table[row + Plan.PATH_IN1_OFFSET]);
            assertEquals(p.outOffset(), table[row + Plan.PATH_OUT_OFFSET]);
            assertEquals(p.pairCount(), table[row + Plan.PATH_PAIR_COUNT]);
            Wigner3j w3j = Wigner3j.of(p.in1Irrep().l(), p.in2Irrep().l(), p.outIrrep().l());
            assertEquals(w3j.nonZeroCount(), table[row + Plan.PATH_CG_COUNT]);
            int start = table[row + Plan.PATH_CG_START];
            for (int z = 0; z < p.cgCount(); z++) {
                assertEquals(w3j.nonZeroI(z), cg[3 * (start + z)]);
                assertEquals(w3j.nonZeroK(z), cg[3 * (start + z) + 2]);
                assertEquals(w3j.nonZeroValue(z) * p.coefficient(), values[start + z], 0.0);
            }
        }
        assertEquals(24, plan.weightNumel());
        // u<vw on 3 channels: pairs (0,1), (0,2), (1,2); uuu sends pair u to channel u, uvu pair p to p / mul2.
        assertEquals(3, plan.paths().get(2).pairCount());
        assertArrayEquals(new int[] {3, 1}, plan.paths().get(2).pathShape());
        assertArrayEquals(new int[] {0, 1, 2, 0, 0, 0, 1, 1, 1, 2, 2, 2}, targets);
        assertEquals(0, plan.paths().get(1).pairTarget(0));
        assertArrayEquals(new int[] {0, 2, 1, 2, 3, 3}, plan.blocks(Plan.Operand.IN1));
        assertEquals(Irreps.parse("3x1o"), plan.irreps(Plan.Operand.IN2));
    }
}
