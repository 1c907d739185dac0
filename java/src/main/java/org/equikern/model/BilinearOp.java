package org.equikern.model;

/**
 * An operation that is linear in its input rows and linear in its weights, such as e3nn's
 * {@code Linear} or a tensor product whose second operand is fixed. Being bilinear is what lets
 * {@link BilinearStep} differentiate it to second order with the operation's own forward and
 * backward.
 */
interface BilinearOp {
    /** {@code op(x, w)} for {@code rows} rows, in a new array. */
    double[] apply(double[] x, double[] w, int rows);

    /**
     * The gradients of {@code <gradOut, op(x, w)>}, written into fresh arrays {@code gradX} (length of
     * x) and {@code gradW} (length of w); either may be null when not wanted.
     */
    void backward(double[] x, double[] w, double[] gradOut, double[] gradX, double[] gradW, int rows);
}
