package org.equikern.model;

/**
 * One run of a node-feature layer of a message-passing potential, differentiated in the order a
 * force-trained model needs: {@link #backward} (the reverse pass of the energy, which gives the
 * forces), {@link #tangent} (the forward-mode tangent along a position direction) and
 * {@link #tangentBackward} (the tangent of the reverse pass, which adds the mixed second derivatives
 * into the parameters' gradients). The edge harmonics and radial features the layer reads depend on
 * the positions only.
 */
interface LayerStep {
    /** {@code atoms × dim(out)} output features. */
    double[] output();

    /**
     * The gradient on the input features given {@code gradOut} on the output; adds the gradients on the
     * edge harmonics and radial features into {@code gradSh} and {@code gradRadial}.
     */
    double[] backward(double[] gradOut, double[] gradSh, double[] gradRadial);

    /**
     * Starts, on the common pool, the part of {@link #tangent} that reads only the radial tangents, so that
     * it overlaps the layers before this one; {@link #tangent} works without it.
     */
    void startTangent(double[] radialTangent);

    /** The output's tangent from the tangents of the input features, harmonics and radial features. */
    double[] tangent(double[] nodesTangent, double[] shTangent, double[] radialTangent);

    /**
     * The tangent of the gradient on the input features; adds every weight's second-order gradient, some
     * of them on the common pool: {@link #awaitTangentBackward} before reading the gradients.
     */
    double[] tangentBackward(double[] gradOutTangent);

    /** Waits until every weight gradient that {@link #tangentBackward} started is added. */
    void awaitTangentBackward();
}
