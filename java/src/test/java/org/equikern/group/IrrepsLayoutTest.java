package org.equikern.group;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link IrrepsLayout}: conversions against examples written out by hand, round trips, and bad input. */
class IrrepsLayoutTest {
    private static final Irreps SMALL = Irreps.parse("2x0e+2x1o");

    @Test
    void convertsASmallVectorAsWrittenOutByHand() {
        // mul_ir: a0 a1 | b0x b0y b0z b1x b1y b1z; ir_mul: a0 a1 | b0x b1x b0y b1y b0z b1z.
        double[] mulIr = {1, 2, 10, 11, 12, 20, 21, 22};
        double[] irMul = {1, 2, 10, 20, 11, 21, 12, 22};
        assertArrayEquals(irMul, IrrepsLayout.MUL_IR.convert(SMALL, mulIr, IrrepsLayout.IR_MUL));
        assertArrayEquals(mulIr, IrrepsLayout.IR_MUL.convert(SMALL, irMul, IrrepsLayout.MUL_IR));
    }

    @Test
    void convertsEveryRowOfABatch() {
        Irreps irreps = Irreps.parse("1x0e+3x1e");
        // Two rows; the 3x1e block of mul_ir row (u, i) = 10u + i goes to ir_mul (i, u).
        double[] mulIr = {5, 0, 1, 2, 10, 11, 12, 20, 21, 22, -5, 100, 101, 102, 110, 111, 112, 120, 121, 122};
        double[] irMul = {5, 0, 10, 20, 1, 11, 21, 2, 12, 22, -5, 100, 110, 120, 101, 111, 121, 102, 112, 122};
        assertArrayEquals(irMul, IrrepsLayout.MUL_IR.convert(irreps, mulIr, IrrepsLayout.IR_MUL));
    }

    @Test
    void aRoundTripGivesTheRowsBackExactly() {
        Irreps irreps = Irreps.parse("3x0e+2x1o+4x2e+1x3o+0x1e+5x1o");
        SplittableRandom random = new SplittableRandom(3);
        double[] rows = new double[4 * irreps.dim()];
        for (int k = 0; k < rows.length; k++) rows[k] = random.nextDouble(-1, 1);
        double[] there = IrrepsLayout.MUL_IR.convert(irreps, rows, IrrepsLayout.IR_MUL);
        assertArrayEquals(rows, IrrepsLayout.IR_MUL.convert(irreps, there, IrrepsLayout.MUL_IR));
        assertArrayEquals(rows, IrrepsLayout.MUL_IR.convert(irreps, rows, IrrepsLayout.MUL_IR));
    }

    @Test
    void scalarsAndSingleCopiesAreLaidOutAlikeInBoth() {
        Irreps irreps = Irreps.parse("8x0e+1x1o+1x2e+1x3o");
        int[] identity = new int[irreps.dim()];
        for (int k = 0; k < identity.length; k++) identity[k] = k;
        assertArrayEquals(identity, IrrepsLayout.MUL_IR.gatherTo(irreps, IrrepsLayout.IR_MUL));
    }

    @Test
    void positionsFollowEachLayout() {
        // Block 1 (2x1o) starts at 2; channel 1, component 2.
        assertEquals(2 + 1 * 3 + 2, IrrepsLayout.MUL_IR.position(SMALL, 1, 1, 2));
        assertEquals(2 + 2 * 2 + 1, IrrepsLayout.IR_MUL.position(SMALL, 1, 1, 2));
    }

    @Test
    void namesAndBadInput() {
        assertEquals(IrrepsLayout.IR_MUL, IrrepsLayout.parse("IR_MUL"));
        assertEquals("mul_ir", IrrepsLayout.MUL_IR.label());
        assertEquals("unknown irreps layout 'mulir'; known: mul_ir, ir_mul",
                assertThrows(IllegalArgumentException.class, () -> IrrepsLayout.parse("mulir")).getMessage());
        assertEquals("rows: length 7 is not a multiple of irreps.dim 8 (2x0e+2x1o)",
                assertThrows(IllegalArgumentException.class,
                        () -> IrrepsLayout.MUL_IR.convert(SMALL, new double[7], IrrepsLayout.IR_MUL)).getMessage());
        assertEquals("channel 2 out of range [0, 2) of block 1 (2x1o)", assertThrows(IllegalArgumentException.class,
                () -> IrrepsLayout.MUL_IR.position(SMALL, 1, 2, 0)).getMessage());
    }
}
