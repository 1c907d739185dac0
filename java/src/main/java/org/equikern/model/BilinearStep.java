package org.equikern.model;

import org.equikern.train.Parameter;

/**
 * One application {@code y = op(x, W)} of a {@link BilinearOp} with a trainable weight, and its
 * derivatives in the order a force-trained model needs them: {@link #backward} (the reverse pass of
 * the energy), {@link #tangent} (the forward-mode tangent of the input along a position direction)
 * and {@link #tangentBackward} (the tangent of the reverse pass, which adds the mixed second
 * derivative into the weight's gradient). Because op is bilinear,
 * {@code d(∂/∂W <g, op(x, W)>) = ∂/∂W <ġ, op(x, W)> + ∂/∂W <g, op(ẋ, W)>}: no Hessian of op is needed.
 */
final class BilinearStep implements NodeStep {
    private final BilinearOp op;
    private final Parameter weight;
    private final double[] w;
    private final double[] x;
    private final int rows;
    private final double[] output;
    private double[] gradOut;
    private double[] inputTangent;

    /** Runs {@code op(x, W)} with a snapshot of the weight's current values. */
    BilinearStep(BilinearOp op, Parameter weight, double[] x, int rows) {
        this.op = op;
        this.weight = weight;
        this.w = weight.values().clone();
        this.x = x;
        this.rows = rows;
        this.output = op.apply(x, w, rows);
    }

    @Override
    public double[] output() {
        return output;
    }

    /** The gradient on x given {@code gradOut} on y (kept for {@link #tangentBackward}). */
    @Override
    public double[] backward(double[] gradOut) {
        this.gradOut = gradOut;
        double[] gradX = new double[x.length];
        op.backward(x, w, gradOut, gradX, null, rows);
        return gradX;
    }

    /** The tangent of y given the tangent of x (kept for {@link #tangentBackward}). */
    @Override
    public double[] tangent(double[] inputTangent) {
        this.inputTangent = inputTangent;
        return op.apply(inputTangent, w, rows);
    }

    /**
     * The tangent of the gradient on x, given the tangent of the gradient on y; adds the tangent of
     * the weight's gradient into {@link Parameter#grad()}. Needs {@link #backward} and {@link #tangent} first.
     */
    @Override
    public double[] tangentBackward(double[] gradOutTangent) {
        double[] gradX = new double[x.length];
        double[] gradW = new double[w.length];
        op.backward(x, w, gradOutTangent, gradX, gradW, rows);
        Rows.addInto(weight.grad(), gradW);
        double[] gradWAlongInput = new double[w.length];
        op.backward(inputTangent, w, gradOut, null, gradWAlongInput, rows);
        Rows.addInto(weight.grad(), gradWAlongInput);
        return gradX;
    }
}
