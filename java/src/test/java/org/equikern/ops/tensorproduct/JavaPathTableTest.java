package org.equikern.ops.tensorproduct;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.equikern.group.Wigner3j;
import org.equikern.tp.Plan;
import org.equikern.tp.PlanPath;
import org.equikern.tp.TensorProductSpec;
import org.junit.jupiter.api.Test;

/** The Java backend's flat path table against the plan's paths and the Wigner 3j symbols. */
class JavaPathTableTest {
    @Test
    void rowsNonzerosAndPairTargetsMatchThePaths() {
        TensorProductSpec spec = TensorProductSpec.builder("2x0e+3x1o", "3x1o", "2x1o+1x2e+3x0e")
                .instruction(0, 0, 0, "uvw", true)
                .instruction(1, 0, 2, "uuu", false)
                .instruction(1, 0, 1, "u<vw", true, 0.5)
                .instruction(1, 0, 2, "uvu", true).build();
        Plan plan = spec.compile();
        JavaPathTable flat = new JavaPathTable(plan);
        int[] table = flat.table;
        assertEquals(4 * JavaPathTable.PATH_STRIDE, table.length);
        int[] expectedWeightOffsets = {0, 12, 12, 15};
        int[] expectedWeightSizes = {12, 0, 3, 9};
        for (int n = 0; n < 4; n++) {
            PlanPath p = plan.paths().get(n);
            int row = n * JavaPathTable.PATH_STRIDE;
            assertEquals(p.mode().ordinal(), table[row + JavaPathTable.PATH_MODE]);
            assertEquals(expectedWeightOffsets[n], table[row + JavaPathTable.PATH_WEIGHT_OFFSET]);
            assertEquals(expectedWeightSizes[n], table[row + JavaPathTable.PATH_WEIGHT_SIZE]);
            assertEquals(p.in1Offset(), table[row + JavaPathTable.PATH_IN1_OFFSET]);
            assertEquals(p.outOffset(), table[row + JavaPathTable.PATH_OUT_OFFSET]);
            assertEquals(p.pairCount(), table[row + JavaPathTable.PATH_PAIR_COUNT]);
            Wigner3j w3j = Wigner3j.of(p.in1Irrep().l(), p.in2Irrep().l(), p.outIrrep().l());
            assertEquals(w3j.nonZeroCount(), table[row + JavaPathTable.PATH_CG_COUNT]);
            int start = table[row + JavaPathTable.PATH_CG_START];
            for (int z = 0; z < p.cgCount(); z++) {
                assertEquals(w3j.nonZeroI(z), flat.cgIndices[3 * (start + z)]);
                assertEquals(w3j.nonZeroK(z), flat.cgIndices[3 * (start + z) + 2]);
                assertEquals(w3j.nonZeroValue(z) * p.coefficient(), flat.cgValues[start + z], 0.0);
            }
        }
        // u<vw on 3 channels is mixed; uuu sends pair u to channel u, uvu pair p to p / mul2.
        assertArrayEquals(new int[] {0, 1, 2, 0, 0, 0, 1, 1, 1, 2, 2, 2}, flat.pairTargets);
    }
}
