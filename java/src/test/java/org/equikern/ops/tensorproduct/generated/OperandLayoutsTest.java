package org.equikern.ops.tensorproduct.generated;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.equikern.group.Irreps;
import org.equikern.group.IrrepsLayout;
import org.equikern.tp.Plan.Operand;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * The index expressions the generator emits, evaluated for every (block, channel, component) of
 * a row, land where {@link IrrepsLayout#position} says the element lies, in both layouts.
 */
class OperandLayoutsTest {
    @ParameterizedTest
    @EnumSource(IrrepsLayout.class)
    void everyIndexIsTheLayoutsPosition(IrrepsLayout layout) {
        Irreps irreps = Irreps.parse("3x0e+2x1o+4x2e+1x1e");
        OperandLayouts layouts = new OperandLayouts(IrrepsLayout.MUL_IR, IrrepsLayout.MUL_IR, layout);
        for (int b = 0; b < irreps.size(); b++) {
            int mul = irreps.get(b).mul();
            int dim = irreps.get(b).irrep().dim();
            for (int u = 0; u < mul; u++) {
                for (int k = 0; k < dim; k++) {
                    String index = layouts.index(Operand.OUT, irreps.offset(b), mul, dim, Integer.toString(u), k);
                    assertEquals(layout.position(irreps, b, u, k), evaluate(index), index);
                }
            }
        }
    }

    @Test
    void eachOperandTakesItsOwnLayout() {
        OperandLayouts layouts = new OperandLayouts(IrrepsLayout.IR_MUL, IrrepsLayout.MUL_IR, IrrepsLayout.IR_MUL);
        // component 1 of channel u of a block of 4 copies of 1o at offset 2
        assertEquals("2 + 4 + u", layouts.index(Operand.IN1, 2, 4, 3, "u", 1));
        assertEquals("2 + u * 3 + 1", layouts.index(Operand.IN2, 2, 4, 3, "u", 1));
        assertEquals(OperandLayouts.all(IrrepsLayout.MUL_IR), OperandLayouts.MUL_IR);
    }

    @Test
    void aNullLayoutIsRefused() {
        assertEquals("operand layouts must not be null, got in1 MUL_IR, in2 null, out IR_MUL",
                assertThrows(IllegalArgumentException.class,
                        () -> new OperandLayouts(IrrepsLayout.MUL_IR, null, IrrepsLayout.IR_MUL)).getMessage());
    }

    /** A sum of products of integers, as the index expressions are written. */
    private static int evaluate(String expression) {
        int sum = 0;
        for (String term : expression.split(" \\+ ")) {
            int product = 1;
            for (String factor : term.split(" \\* ")) product *= Integer.parseInt(factor.trim());
            sum += product;
        }
        return sum;
    }
}
