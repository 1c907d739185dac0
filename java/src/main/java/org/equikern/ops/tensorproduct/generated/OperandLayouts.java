package org.equikern.ops.tensorproduct.generated;

import org.equikern.group.IrrepsLayout;
import org.equikern.tp.Plan.Operand;

/**
 * The {@link IrrepsLayout} of each operand row a generated kernel indexes: the first input (and
 * its gradient and tangent), the second input (likewise) and the output (and the output
 * gradient). A kernel reads and writes every row in its operand's layout, so an {@code ir_mul}
 * caller needs no conversion pass; {@code mul_ir} rows keep the index expressions they always had.
 *
 * @param in1 the layout of x1 rows (a convolution's node features)
 * @param in2 the layout of x2 rows (a convolution's edge attributes)
 * @param out the layout of output rows
 */
public record OperandLayouts(IrrepsLayout in1, IrrepsLayout in2, IrrepsLayout out) {
    /** Every operand in e3nn's {@code mul_ir}. */
    public static final OperandLayouts MUL_IR = all(IrrepsLayout.MUL_IR);

    /**
     * The layouts of one call's rows.
     *
     * @param in1 the layout of x1 rows, not null
     * @param in2 the layout of x2 rows, not null
     * @param out the layout of output rows, not null
     * @throws IllegalArgumentException when a layout is null
     */
    public OperandLayouts {
        if (in1 == null || in2 == null || out == null) {
            throw new IllegalArgumentException("operand layouts must not be null, got in1 " + in1 + ", in2 " + in2
                    + ", out " + out);
        }
    }

    /**
     * Every operand in {@code layout}.
     *
     * @param layout the layout of every row
     * @return the layouts
     * @throws IllegalArgumentException when {@code layout} is null
     */
    public static OperandLayouts all(IrrepsLayout layout) {
        return new OperandLayouts(layout, layout, layout);
    }

    /**
     * The layout of {@code operand}'s rows.
     *
     * @param operand the operand
     * @return its layout
     */
    public IrrepsLayout of(Operand operand) {
        switch (operand) {
            case IN1: return in1;
            case IN2: return in2;
            default: return out;
        }
    }

    /**
     * The C expression of where component {@code component} of channel {@code channel} lies in a
     * row of {@code operand}, for a block at {@code offset} of {@code mul} copies of a
     * {@code dim}-dimensional irrep: {@code offset + channel·dim + component} in {@code mul_ir},
     * {@code offset + component·mul + channel} in {@code ir_mul} (consecutive channels at
     * consecutive addresses).
     *
     * @param operand the operand whose row is indexed
     * @param offset the block's offset in the row
     * @param mul the block's multiplicity
     * @param dim the irrep's dimension
     * @param channel a C expression of the channel within the block
     * @param component the component, below {@code dim}
     * @return the index expression
     */
    String index(Operand operand, int offset, int mul, int dim, String channel, int component) {
        return of(operand) == IrrepsLayout.MUL_IR
                ? offset + " + " + channel + " * " + dim + " + " + component
                : offset + " + " + component * mul + " + " + channel;
    }

    /**
     * Emits {@code dst[index] = acc<k>;} for every component k of channel {@code channel} of a
     * block of {@code operand} (its accumulators), each at its index in the operand's layout.
     */
    void store(CodeWriter out, Operand operand, int offset, int mul, int dim, String channel) {
        for (int k = 0; k < dim; k++) {
            out.line("dst[" + index(operand, offset, mul, dim, channel, k) + "] = acc" + k + ";");
        }
    }
}
