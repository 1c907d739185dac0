package org.equikern.validate.kinds;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.equikern.group.Irreps;
import org.equikern.runtime.TensorProduct;
import org.equikern.tp.Instruction;
import org.equikern.tp.IrrepNormalization;
import org.equikern.tp.Mode;
import org.equikern.tp.TensorProductSpec;
import org.equikern.validate.JsonFields;
import org.junit.jupiter.api.Test;

/** The e3nn-named constructors against e3nn's instruction lists and reference outputs. */
class TensorProductFactoriesTest {
    private static final JsonFields FILE = ReferenceCases.e3nn("tensor_product.json");

    private static JsonFields referenceCase(String name) {
        return FILE.objects("cases").stream().filter(c -> c.string("name").equals(name)).findFirst().orElseThrow();
    }

    private static Irreps irreps(JsonFields c, String key) {
        return Irreps.parse(c.string(key));
    }

    @Test
    void fullyConnectedHasE3nnsInstructionList() {
        for (String name : new String[] {"fully_connected_uvw", "fully_connected_norm_path"}) {
            JsonFields c = referenceCase(name);
            TensorProductSpec expected = TensorProductKind.spec(c);
            TensorProductSpec built = TensorProductSpec.fullyConnected(irreps(c, "irreps_in1"), irreps(c, "irreps_in2"),
                    irreps(c, "irreps_out")).toBuilder()
                    .irrepNormalization(expected.irrepNormalization())
                    .pathNormalization(expected.pathNormalization()).build();
            assertEquals(expected, built, name);
        }
    }

    @Test
    void channelWiseIsTheNequipConvolution() {
        TensorProductSpec spec = TensorProductSpec.channelWise(Irreps.parse("32x0e+32x1o+32x2e"),
                Irreps.parse("0e+1o+2e"), Irreps.parse("32x0e+32x1o+32x2e"));
        assertFalse(spec.sharedWeights());
        assertEquals(11, spec.instructions().size());
        assertEquals(11 * 32, spec.weightNumel());
        for (Instruction i : spec.instructions()) {
            assertEquals(Mode.UVU, i.mode());
            assertTrue(i.hasWeight());
        }
        assertEquals(Instruction.of(1, 1, 0, Mode.UVU, true), spec.instructions().get(4));
    }

    @Test
    void fullTensorProductSortsItsOutputLikeE3nn() {
        JsonFields c = referenceCase("full_tensor_product_uvuv");
        TensorProductSpec spec = TensorProductSpec.fullTensorProduct(irreps(c, "irreps_in1"), irreps(c, "irreps_in2"));
        assertEquals("6x0e+2x0e+2x1o+6x1o+2x1o+2x1e+2x2o+2x2e+2x2e+2x3o", spec.irrepsOut().toString());
        // The reference case lists the same paths with the output unsorted: block n is instruction n's.
        TensorProductSpec unsorted = TensorProductKind.spec(c);
        assertReferenceBlocksMatch(c, unsorted, spec, new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9});
    }

    @Test
    void tensorSquareHasE3nnsPathsAndWeights() {
        TensorProductSpec spec = TensorProductSpec.tensorSquare(Irreps.parse("3x0e+3x1o"));
        assertEquals("3x0e+3x0e+3x0e+3x0e+9x1o+3x1e+3x2e+3x2e", spec.irrepsOut().toString());
        assertEquals(IrrepNormalization.NONE, spec.irrepNormalization());
        assertEquals(Arrays.asList(
                Instruction.of(0, 0, 0, Mode.UVU_LT_V, false, 1.0),
                Instruction.of(0, 0, 1, Mode.UUU, false, 1.0 / 3),
                Instruction.of(0, 1, 4, Mode.UVUV, false, 3.0),
                Instruction.of(1, 1, 2, Mode.UVU_LT_V, false, 1.0),
                Instruction.of(1, 1, 3, Mode.UUU, false, 1.0 / 5),
                Instruction.of(1, 1, 5, Mode.UVU_LT_V, false, 3.0),
                Instruction.of(1, 1, 6, Mode.UVU_LT_V, false, 5.0),
                Instruction.of(1, 1, 7, Mode.UUU, false, 5.0 / 2)), spec.instructions());
        // The reference's uvu<v case computes four of these paths with the same coefficients.
        JsonFields c = referenceCase("tensor_square_uvu_lt_v");
        assertReferenceBlocksMatch(c, TensorProductKind.spec(c), spec, new int[] {0, 3, 5, 6});
    }

    @Test
    void elementwiseSplitsBlocksLikeE3nn() {
        TensorProductSpec spec = TensorProductSpec.elementwise(Irreps.parse("2x0e+3x1o"), Irreps.parse("3x0e+2x1e"));
        assertEquals("2x0e+1x1o+2x1o", spec.irrepsIn1().toString());
        assertEquals("2x0e+1x0e+2x1e", spec.irrepsIn2().toString());
        assertEquals("2x0e+1x1o+2x0o+2x1o+2x2o", spec.irrepsOut().toString());
        assertEquals(Arrays.asList(
                Instruction.of(0, 0, 0, Mode.UUU, false),
                Instruction.of(1, 1, 1, Mode.UUU, false),
                Instruction.of(2, 2, 2, Mode.UUU, false),
                Instruction.of(2, 2, 3, Mode.UUU, false),
                Instruction.of(2, 2, 4, Mode.UUU, false)), spec.instructions());
        assertEquals(0, spec.weightNumel());
    }

    /**
     * Runs {@code ours} on the reference inputs and checks that for each instruction n of the
     * reference spec, its output block equals our block {@code ourInstruction[n]}'s output block.
     */
    private static void assertReferenceBlocksMatch(JsonFields c, TensorProductSpec reference, TensorProductSpec ours,
                                                   int[] ourInstruction) {
        int batch = c.integer("batch");
        double[] out = new TensorProduct(ours).forward(c.doubles("x1"), c.doubles("x2"), null, batch);
        double[] expected = c.doubles("out");
        Irreps refOut = reference.irrepsOut();
        Irreps ourOut = ours.irrepsOut();
        for (int n = 0; n < ourInstruction.length; n++) {
            int refBlock = reference.instructions().get(n).out();
            int ourBlock = ours.instructions().get(ourInstruction[n]).out();
            int size = refOut.get(refBlock).dim();
            assertEquals(size, ourOut.get(ourBlock).dim());
            for (int s = 0; s < batch; s++) {
                double[] want = Arrays.copyOfRange(expected, s * refOut.dim() + refOut.offset(refBlock),
                        s * refOut.dim() + refOut.offset(refBlock) + size);
                double[] got = Arrays.copyOfRange(out, s * ourOut.dim() + ourOut.offset(ourBlock),
                        s * ourOut.dim() + ourOut.offset(ourBlock) + size);
                assertArrayEquals(want, got, 1e-12, c.string("name") + " instruction " + n + " sample " + s);
            }
        }
    }
}
