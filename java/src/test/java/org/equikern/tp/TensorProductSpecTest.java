package org.equikern.tp;

import org.equikern.group.Irreps;
import org.equikern.runtime.TensorProduct;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Modes, instructions, spec validation (each error's message) and value semantics. */
class TensorProductSpecTest {
    private static Irreps irreps(String text) {
        return Irreps.parse(text);
    }

    private static String error(TensorProductSpec.Builder builder) {
        return assertThrows(IllegalArgumentException.class, builder::build).getMessage();
    }

    @Test
    void modesParseAndKnowTheirShapes() {
        String[] texts = {"uvw", "uvu", "uvv", "uuw", "uuu", "uvuv", "uvu<v", "u<vw"};
        for (int i = 0; i < texts.length; i++) {
            assertEquals(Mode.values()[i], Mode.parse(texts[i]));
            assertEquals(texts[i], Mode.parse(texts[i]).text());
        }
        assertArrayEquals(new int[] {4, 3, 2}, Mode.UVW.pathShape(4, 3, 2));
        assertArrayEquals(new int[] {4, 3}, Mode.UVU.pathShape(4, 3, 4));
        assertArrayEquals(new int[] {4, 3}, Mode.UVV.pathShape(4, 3, 3));
        assertArrayEquals(new int[] {4, 2}, Mode.UUW.pathShape(4, 4, 2));
        assertArrayEquals(new int[] {4}, Mode.UUU.pathShape(4, 4, 4));
        assertArrayEquals(new int[] {4, 3}, Mode.UVUV.pathShape(4, 3, 12));
        assertArrayEquals(new int[] {6}, Mode.UVU_LT_V.pathShape(4, 4, 6));
        assertArrayEquals(new int[] {6, 5}, Mode.U_LT_VW.pathShape(4, 4, 5));
        assertEquals(12, Mode.UVW.numElements(4, 3));
        assertEquals(3, Mode.UVU.numElements(4, 3));
        assertEquals(4, Mode.UVV.numElements(4, 3));
        assertEquals(4, Mode.UUW.numElements(4, 4));
        assertEquals(1, Mode.UUU.numElements(4, 4));
        assertEquals(1, Mode.UVUV.numElements(4, 3));
        assertEquals(1, Mode.UVU_LT_V.numElements(4, 4));
        assertEquals(6, Mode.U_LT_VW.numElements(4, 4));
        assertTrue(Mode.UVW.needsWeights());
        assertTrue(Mode.U_LT_VW.needsWeights());
        assertFalse(Mode.UVU.needsWeights());
        assertEquals(6, Mode.UVU_LT_V.pairCount(4, 4));
        assertEquals(0, Mode.U_LT_VW.pairCount(3, 0));
        assertEquals("unknown tensor product mode 'uwv'; known: uvw, uvu, uvv, uuw, uuu, uvuv, uvu<v, u<vw",
                assertThrows(IllegalArgumentException.class, () -> Mode.parse("uwv")).getMessage());
    }

    @Test
    void multiplicityConstraints() {
        assertEquals(null, Mode.UVU.multiplicityProblem(3, 5, 3));
        assertEquals("mode uvu needs mul_out = mul1, got mul1=3, mul_out=5", Mode.UVU.multiplicityProblem(3, 5, 5));
        assertEquals("mode uvv needs mul_out = mul2, got mul2=5, mul_out=3", Mode.UVV.multiplicityProblem(3, 5, 3));
        assertEquals("mode uuw needs mul1 = mul2, got 3 and 5", Mode.UUW.multiplicityProblem(3, 5, 7));
        assertEquals("mode uuu needs mul1 = mul2 = mul_out, got 3, 3, 2", Mode.UUU.multiplicityProblem(3, 3, 2));
        assertEquals("mode uvuv needs mul_out = mul1*mul2, got 3*5 and mul_out=14",
                Mode.UVUV.multiplicityProblem(3, 5, 14));
        assertEquals("mode uvu<v needs mul1 = mul2 and mul_out = mul1*(mul1-1)/2, got 4, 4, 4",
                Mode.UVU_LT_V.multiplicityProblem(4, 4, 4));
        assertEquals(null, Mode.UVU_LT_V.multiplicityProblem(4, 4, 6));
        assertEquals("mode u<vw needs mul1 = mul2, got 4 and 3", Mode.U_LT_VW.multiplicityProblem(4, 3, 6));
        assertEquals(null, Mode.UVW.multiplicityProblem(4, 3, 6));
    }

    @Test
    void constructionErrorsNameTheInstruction() {
        assertEquals("instruction 0 (0, 1, 0, 'uvw', true, 1.0): i_in2 = 1 is out of range: irreps_in2 \"1x0e\""
                        + " has 1 blocks",
                error(TensorProductSpec.builder("1x0e", "1x0e", "1x0e").instruction(0, 1, 0, "uvw", true)));
        assertEquals("instruction 1 (0, 0, -1, 'uvw', true, 1.0): i_out = -1 is out of range: irreps_out \"1x0e\""
                        + " has 1 blocks",
                error(TensorProductSpec.builder("1x0e", "1x0e", "1x0e").instruction(0, 0, 0, "uvw", true)
                        .instruction(0, 0, -1, "uvw", true)));
        assertEquals("instruction 0 (0, 0, 0, 'uvw', true, 1.0): 0e x 0e cannot produce 1o: needs |l1-l2| <= l_out"
                        + " <= l1+l2",
                error(TensorProductSpec.builder("1x0e", "1x0e", "1x1o").instruction(0, 0, 0, "uvw", true)));
        assertEquals("instruction 0 (0, 0, 0, 'uvw', true, 1.0): 1o x 1o cannot produce 1o: parity of the product"
                        + " is e",
                error(TensorProductSpec.builder("1x1o", "1x1o", "1x1o").instruction(0, 0, 0, "uvw", true)));
        assertEquals("instruction 0 (0, 0, 0, 'uvu', true, 1.0): mode uvu needs mul_out = mul1, got mul1=2,"
                        + " mul_out=3 (blocks 2x1o, 1x1o -> 3x0e)",
                error(TensorProductSpec.builder("2x1o", "1x1o", "3x0e").instruction(0, 0, 0, "uvu", true)));
        assertEquals("instruction 0 (0, 0, 0, 'uvw', false, 1.0): mode uvw needs weights (e3nn rejects"
                        + " has_weight=false too)",
                error(TensorProductSpec.builder("2x1o", "1x1o", "3x0e").instruction(0, 0, 0, "uvw", false)));
        assertEquals("instruction 0 (0, 0, 0, 'u<vw', false, 1.0): mode u<vw needs weights (e3nn rejects"
                        + " has_weight=false too)",
                error(TensorProductSpec.builder("2x1o", "2x1o", "3x0e").instruction(0, 0, 0, "u<vw", false)));
        assertEquals("instruction 0 (0, 0, 0, 'uuw', false, 1.0): mode uuw without weights needs mul_out = 1"
                        + " (it sums over u), got 3",
                error(TensorProductSpec.builder("2x1o", "2x1o", "3x0e").instruction(0, 0, 0, "uuw", false)));
        assertEquals("instruction 0 (0, 0, 0, 'uvw', true, -0.5): path_weight must be finite and >= 0, got -0.5",
                error(TensorProductSpec.builder("1x0e", "1x0e", "1x0e").instruction(0, 0, 0, "uvw", true, -0.5)));
        assertEquals("instruction 0 (0, 0, 0, 'uvw', true, NaN): path_weight must be finite and >= 0, got NaN",
                error(TensorProductSpec.builder("1x0e", "1x0e", "1x0e").instruction(0, 0, 0, "uvw", true, Double.NaN)));
        assertEquals("elementwise tensor product needs the same number of irreps in both inputs, got 3 in \"3x0e\""
                        + " and 2 in \"2x1o\"",
                assertThrows(IllegalArgumentException.class,
                        () -> TensorProductSpec.elementwise(irreps("3x0e"), irreps("2x1o"))).getMessage());
    }

    @Test
    void emptyPathsSkipTheModeChecksAsE3nnDoes() {
        // A zero multiplicity makes the path empty; e3nn skips it before asserting the mode.
        TensorProductSpec spec = TensorProductSpec.builder("0x1o+1x0e", "1x1o", "3x0e")
                .instruction(0, 0, 0, "uvu", true).build();
        assertEquals(0, spec.weightNumel());
        double[] out = new TensorProduct(spec).forward(new double[1], new double[3], new double[0], 1);
        assertArrayEquals(new double[3], out);
    }

    @Test
    void unweightedChannelModesSumOverTheOtherChannel() {
        // e3nn allows has_weight=false for uvu (sum over v); it equals the weighted path with all weights 1.
        TensorProductSpec unweighted = TensorProductSpec.builder("2x1o", "3x1o", "2x0e+2x2e")
                .instruction(0, 0, 0, "uvu", false).instruction(0, 0, 1, "uvu", false).build();
        TensorProductSpec weighted = TensorProductSpec.builder("2x1o", "3x1o", "2x0e+2x2e")
                .instruction(0, 0, 0, "uvu", true).instruction(0, 0, 1, "uvu", true).build();
        double[] x1 = {0.1, 0.2, -0.3, 1.5, 0.7, -0.2};
        double[] x2 = {1, 2, 3, -1, 0.5, 0.25, 2, -2, 0.125};
        double[] ones = new double[weighted.weightNumel()];
        java.util.Arrays.fill(ones, 1.0);
        double[] a = new TensorProduct(unweighted).forward(x1, x2, null, 1);
        double[] b = new TensorProduct(weighted).forward(x1, x2, ones, 1);
        assertArrayEquals(b, a, 1e-15);
        assertNotEquals(0.0, a[0]);
    }

    @Test
    void valueSemanticsAndCaching() {
        TensorProductSpec a = TensorProductSpec.fullyConnected(irreps("2x0e+1x1o"), irreps("1x1o"), irreps("3x1o"));
        TensorProductSpec b = TensorProductSpec.builder("2x0e+1x1o", "1x1o", "3x1o")
                .instruction(0, 0, 0, "uvw", true).build();
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertSame(a.compile(), b.compile());
        assertSame(Plan.of(a), a.compile());
        TensorProductSpec c = a.toBuilder().pathNormalization(PathNormalization.PATH).build();
        assertNotEquals(a, c);
        assertEquals(a, c.toBuilder().pathNormalization(PathNormalization.ELEMENT).build());
        assertEquals(Instruction.of(0, 1, 2, Mode.UVU, true), Instruction.of(0, 1, 2, Mode.UVU, true, 1.0));
        assertNotEquals(Instruction.of(0, 1, 2, Mode.UVU, true), Instruction.of(0, 1, 2, Mode.UVU, false));
        assertEquals("(0, 1, 2, 'uvu<v', false, 0.5)", Instruction.of(0, 1, 2, Mode.UVU_LT_V, false, 0.5).toString());
        assertEquals(IrrepNormalization.NORM, IrrepNormalization.parse("norm"));
        assertEquals(PathNormalization.NONE, PathNormalization.parse("none"));
        assertThrows(UnsupportedOperationException.class,
                () -> a.instructions().add(Instruction.of(0, 0, 0, Mode.UVW, true)));
    }

    @Test
    void normalizationFollowsE3nnFormula() {
        // Two uvw paths into one output block, so both divisors matter.
        TensorProductSpec.Builder b = TensorProductSpec.builder("2x1o+1x2o", "3x1e", "4x1o")
                .instruction(0, 0, 0, "uvw", true).instruction(1, 0, 0, "uvw", true, 2.0);
        TensorProductSpec element = b.build();
        // element: divisor = 2*3 + 1*3 = 9 for both; component alpha = 3.
        assertEquals(Math.sqrt(3.0 / 9), element.coefficient(0), 1e-16);
        assertEquals(Math.sqrt(3.0 / 9 * 2.0), element.coefficient(1), 1e-16);
        TensorProductSpec path = b.pathNormalization(PathNormalization.PATH).build();
        assertEquals(Math.sqrt(3.0 / (6 * 2)), path.coefficient(0), 1e-16);
        assertEquals(Math.sqrt(3.0 / (3 * 2) * 2.0), path.coefficient(1), 1e-16);
        TensorProductSpec norm = b.irrepNormalization(IrrepNormalization.NORM).pathNormalization(PathNormalization.NONE)
                .build();
        assertEquals(Math.sqrt(9.0), norm.coefficient(0), 1e-15);
        assertEquals(Math.sqrt(15.0 * 2.0), norm.coefficient(1), 1e-15);
        TensorProductSpec none = b.irrepNormalization(IrrepNormalization.NONE).build();
        assertEquals(1.0, none.coefficient(0));
        List<Instruction> ins = none.instructions();
        assertEquals(2, ins.size());
    }
}
