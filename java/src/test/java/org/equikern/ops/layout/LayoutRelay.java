package org.equikern.ops.layout;

import org.equikern.group.Irreps;
import org.equikern.group.IrrepsLayout;
import org.equikern.tp.Trilinear;

/**
 * Lets a contract written for {@code mul_ir} host arrays test an op made for another layout: the
 * contract's arrays are converted into the op's layout on the host ({@link IrrepsLayout#convert},
 * exact) before they go in, and results converted back to {@code mul_ir} before they are compared.
 * Each operand position has its irreps, or null for arrays that are not irreps-shaped (weights,
 * indices), which pass through. With {@code mul_ir} every array passes through unchanged.
 */
public final class LayoutRelay {
    private final IrrepsLayout layout;
    private final Irreps[] operands;

    /**
     * A relay for ops in {@code layout} whose operand {@code i} has irreps {@code operands[i]}.
     *
     * @param layout the op's layout
     * @param operands the irreps per operand position, null where not irreps-shaped
     */
    public LayoutRelay(IrrepsLayout layout, Irreps... operands) {
        this.layout = layout;
        this.operands = operands.clone();
    }

    /**
     * {@code mulIr} rows of operand {@code operand} as the op takes them.
     *
     * @param operand the operand position
     * @param mulIr the rows in {@code mul_ir}, or null
     * @return the rows in the op's layout (the same array when nothing moves)
     */
    public double[] toLayout(int operand, double[] mulIr) {
        return relaid(operand, mulIr, IrrepsLayout.MUL_IR, layout);
    }

    /**
     * Rows of operand {@code operand} the op wrote, in {@code mul_ir} for comparison.
     *
     * @param operand the operand position
     * @param values the rows in the op's layout, or null
     * @return the rows in {@code mul_ir}
     */
    public double[] fromLayout(int operand, double[] values) {
        return relaid(operand, values, layout, IrrepsLayout.MUL_IR);
    }

    /**
     * {@code inLayout} (arrays in the op's layout) seen with {@code mul_ir} arrays: operands 0, 1
     * and 2 are its three inputs (and their gradients), operand 3 its output (and output
     * gradient). Double and float arrays both work.
     *
     * @param inLayout the operation on arrays in this relay's layout
     * @return the operation on arrays in {@code mul_ir}
     */
    public Trilinear trilinear(Trilinear inLayout) {
        return new Trilinear() {
            @Override
            public void forward(Object a, Object b, Object c, Object out) {
                Object o = in(3, out);
                inLayout.forward(in(0, a), in(1, b), in(2, c), o);
                back(3, o, out);
            }

            @Override
            public void backward(Object a, Object b, Object c, Object gradOut, Object ga, Object gb, Object gc) {
                Object[] grads = {in(0, ga), in(1, gb), in(2, gc)};
                inLayout.backward(in(0, a), in(1, b), in(2, c), in(3, gradOut), grads[0], grads[1], grads[2]);
                back(0, grads[0], ga);
                back(1, grads[1], gb);
                back(2, grads[2], gc);
            }
        };
    }

    /** A double or float array of operand {@code operand} converted into the op's layout (a copy when moved). */
    private Object in(int operand, Object array) {
        if (array == null || !moves(operand)) return array;
        if (array instanceof float[] floats) return narrow(toLayout(operand, widen(floats)));
        return toLayout(operand, (double[]) array);
    }

    /** Copies {@code written} (in the op's layout) into the caller's {@code target}, in {@code mul_ir}. */
    private void back(int operand, Object written, Object target) {
        if (written == target) return;
        if (written instanceof float[] floats) {
            float[] converted = narrow(fromLayout(operand, widen(floats)));
            System.arraycopy(converted, 0, target, 0, converted.length);
        } else {
            double[] converted = fromLayout(operand, (double[]) written);
            System.arraycopy(converted, 0, target, 0, converted.length);
        }
    }

    /** Whether operand {@code operand}'s values move between the layouts. */
    private boolean moves(int operand) {
        return layout != IrrepsLayout.MUL_IR && operands[operand] != null;
    }

    private double[] relaid(int operand, double[] values, IrrepsLayout from, IrrepsLayout to) {
        if (values == null || !moves(operand)) return values;
        return from.convert(operands[operand], values, to);
    }

    private static double[] widen(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) d[i] = f[i];
        return d;
    }

    private static float[] narrow(double[] d) {
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) f[i] = (float) d[i];
        return f;
    }
}
