package org.equikern.model;

/**
 * One run of a map of per-atom (or per-edge) rows with trainable weights, differentiated in the order a
 * force-trained model needs: {@link #backward} (the reverse pass of the energy), {@link #tangent} (the
 * forward-mode tangent of the input along a position direction) and {@link #tangentBackward} (the
 * tangent of the reverse pass, which adds the mixed second derivatives into the weights' gradients).
 */
interface NodeStep {
    /** The output rows. */
    double[] output();

    /** The gradient on the input given {@code gradOut} on the output (kept for {@link #tangentBackward}). */
    double[] backward(double[] gradOut);

    /** The output's tangent given the input's tangent (kept for {@link #tangentBackward}). */
    double[] tangent(double[] inputTangent);

    /**
     * The tangent of the gradient on the input, given the tangent of the gradient on the output; adds
     * the tangent of each weight's gradient into its {@link org.equikern.train.Parameter#grad()}. Needs
     * {@link #backward} and {@link #tangent} first.
     */
    double[] tangentBackward(double[] gradOutTangent);
}
