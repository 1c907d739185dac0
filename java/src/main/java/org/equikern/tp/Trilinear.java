package org.equikern.tp;

/**
 * An operation linear in each of its three inputs (a tensor product T(x1, x2, w), or a fused
 * convolution of node features, edge attributes and edge weights), on host arrays that are all
 * double[] or all float[]. {@link TrilinearDoubleBackward} differentiates its backward.
 */
public interface Trilinear {
    /**
     * {@code out = f(a, b, c)}, overwritten.
     *
     * @param a the first argument
     * @param b the second argument
     * @param c the third argument
     * @param out receives the result
     */
    void forward(Object a, Object b, Object c, Object out);

    /**
     * Gradients of {@code Σ out · gradOut} into ga, gb, gc (overwritten; null = not computed).
     *
     * @param a the first argument
     * @param b the second argument
     * @param c the third argument
     * @param gradOut the gradient with respect to the result
     * @param ga receives ∂/∂a, or null
     * @param gb receives ∂/∂b, or null
     * @param gc receives ∂/∂c, or null
     */
    void backward(Object a, Object b, Object c, Object gradOut, Object ga, Object gb, Object gc);

    /**
     * A tensor product over a fixed batch as a trilinear operation of (x1, x2, weights).
     *
     * @param executor runs the product
     * @param batch the number of samples of every call
     * @return the operation on (x1, x2, weights)
     */
    static Trilinear of(TensorProductExecutor executor, int batch) {
        return new Trilinear() {
            @Override
            public void forward(Object a, Object b, Object c, Object out) {
                executor.forwardAny(a, b, c, out, batch);
            }

            @Override
            public void backward(Object a, Object b, Object c, Object gradOut, Object ga, Object gb, Object gc) {
                executor.backwardAny(a, b, c, gradOut, ga, gb, gc, batch);
            }
        };
    }
}
